package org.sudi.platform.internal;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.sudi.platform.PersonalData.PersonalDataException;
import org.sudi.platform.PersonalDataColumn;

/**
 * Before the application serves anything, seals the personal data written before encryption (ADR 0028)
 * and re-seals what an earlier key sealed, in every {@link PersonalDataColumn} the modules declare. Only
 * here is a value that is not sealed taken as plaintext; everywhere else it fails to open.
 * <p>
 * A column found wholly sealed is recorded with the sealing prefix (key and algorithm) in
 * {@code platform_sealed_column}, and not scanned again at later starts while that prefix is current:
 * the application writes only sealed values, so the scan is needed once after the upgrade to encryption
 * and once after each key rotation — not at every start of a node over ten million cases.
 */
@Component
class PersonalDataSealer implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(PersonalDataSealer.class);

	private static final int BATCH = 500;

	private final PersonalDataCipher cipher;

	private final JdbcClient jdbc;

	private final List<PersonalDataColumn> columns;

	PersonalDataSealer(PersonalDataCipher cipher, JdbcClient jdbc, List<PersonalDataColumn> columns) {
		this.cipher = cipher;
		this.jdbc = jdbc;
		this.columns = columns;
	}

	@Override
	public void afterSingletonsInstantiated() {
		String prefix = cipher.currentPrefix();
		for (PersonalDataColumn c : columns) {
			if (prefix.equals(jdbc.sql("select prefix from platform_sealed_column where context = ?").param(c.context())
				.query(String.class).optional().orElse(null))) {
				continue;
			}
			int failures = failed;
			int n = seal(c);
			if (n > 0) {
				log.info("Sealed {} value(s) of {} under key {}", n, c.context(), cipher.currentKeyId());
			}
			if (failed == failures) {
				jdbc.sql("""
						insert into platform_sealed_column(context, prefix, sealed_at) values (?, ?, now())
						on conflict (context) do update set prefix = excluded.prefix, sealed_at = excluded.sealed_at""")
					.params(c.context(), prefix)
					.update();
			}
		}
	}

	/** Values that could not be opened to re-seal (logged; their column is scanned again at the next start). */
	private int failed;

	/** Seals (or, index-only, hashes and clears) every value of the column not sealed under the current key. */
	int seal(PersonalDataColumn c) {
		record Row(Object id, String value) {
		}
		String pending = c.indexOnly() ? c.column() + " is not null"
				: c.column() + " is not null and " + c.column() + " not like :prefix";
		int done = 0;
		Object after = null;
		while (true) {
			var query = jdbc.sql("select " + c.idColumn() + ", " + c.column() + " from " + c.table() + " where " + pending
					+ (after == null ? "" : " and " + c.idColumn() + " > :after") + " order by " + c.idColumn()
					+ " limit " + BATCH);
			if (!c.indexOnly()) {
				query = query.param("prefix", cipher.currentPrefix() + "%");
			}
			if (after != null) {
				query = query.param("after", after);
			}
			List<Row> rows = query.query((rs, i) -> new Row(rs.getObject(1), rs.getString(2))).list();
			for (Row row : rows) {
				after = row.id();
				String plaintext;
				try {
					plaintext = row.value().startsWith("pd1.") ? cipher.open(c.context(), row.value()) : row.value();
				}
				catch (PersonalDataException e) {
					log.error("Cannot re-seal {} of row {}: {}", c.context(), row.id(), e.getMessage());
					failed++;
					continue;
				}
				String index = c.indexColumn() == null ? null : cipher.phoneIndex(plaintext);
				String sealed = c.indexOnly() ? null : cipher.seal(c.context(), plaintext);
				String set = c.column() + " = :sealed" + (c.indexColumn() == null ? "" : ", " + c.indexColumn() + " = :index");
				var update = jdbc.sql("update " + c.table() + " set " + set + " where " + c.idColumn() + " = :id and "
						+ c.column() + " = :old")
					.param("sealed", sealed)
					.param("id", row.id())
					.param("old", row.value());
				if (c.indexColumn() != null) {
					update = update.param("index", index);
				}
				done += update.update();
			}
			if (rows.size() < BATCH) {
				return done;
			}
		}
	}
}
