package org.sudi.directory.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.sudi.directory.OrgKind;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.OrgUnits;
import org.sudi.platform.NotFoundException;

@Repository
class JdbcOrgUnits implements OrgUnits {

	private static final RowMapper<OrgUnit> ROW = (rs, n) -> new OrgUnit(rs.getLong("id"), rs.getString("code"),
			rs.getString("name"), OrgKind.valueOf(rs.getString("kind")), rs.getObject("parent_id", Long.class));

	private final JdbcClient jdbc;

	/**
	 * The units found so far by id. A unit's id, code, name, kind and parent never change once it is
	 * inserted, and units are not deleted, so a found unit stays right on every node; a unit not found
	 * is asked for again (another node may have just inserted it). Every intake checks its town here. A unit
	 * read inside a transaction is cached only once that transaction has committed: it may be the one that
	 * inserted the unit, and a rolled-back insert must not stay known.
	 */
	private final Map<Long, OrgUnit> byId = new ConcurrentHashMap<>();

	JdbcOrgUnits(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<OrgUnit> find(long id) {
		OrgUnit known = byId.get(id);
		if (known != null) {
			return Optional.of(known);
		}
		Optional<OrgUnit> found = jdbc.sql("select * from org_unit where id = ?").param(id).query(ROW).optional();
		found.ifPresent(this::remember);
		return found;
	}

	private void remember(OrgUnit unit) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			byId.put(unit.id(), unit); // read outside a transaction: a committed row
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				byId.put(unit.id(), unit);
			}
		});
	}

	@Override
	public OrgUnit get(long id) {
		return find(id).orElseThrow(() -> new NotFoundException("Organisation unit", id));
	}

	@Override
	public Optional<OrgUnit> findByCode(String code) {
		return jdbc.sql("select * from org_unit where code = ?").param(code).query(ROW).optional();
	}

	@Override
	public List<OrgUnit> all() {
		return jdbc.sql("select * from org_unit order by id").query(ROW).list();
	}

	long insert(String code, String name, OrgKind kind, Long parentId) {
		return jdbc.sql("insert into org_unit(code, name, kind, parent_id) values (?, ?, ?, ?) returning id")
			.params(code, name, kind.name(), parentId)
			.query(Long.class)
			.single();
	}
}
