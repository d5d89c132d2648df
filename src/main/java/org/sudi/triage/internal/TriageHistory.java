package org.sudi.triage.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Labelled history: imported records and resolved cases. */
@Repository
class TriageHistory {

	/** One labelled text: its category code and/or the unit that handled it. */
	record Entry(String title, String text, String categoryCode, Long orgId, LocalDate happenedOn) {
	}

	private final JdbcClient jdbc;
	private final JdbcTemplate template;

	TriageHistory(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	void add(List<Entry> entries, String source, Instant now) {
		List<Object[]> rows = new ArrayList<>();
		for (Entry e : entries) {
			rows.add(new Object[] { e.title() == null ? "" : e.title(), e.text(), e.categoryCode(), e.orgId(), source,
					e.happenedOn() == null ? null : Date.valueOf(e.happenedOn()), Timestamp.from(now) });
		}
		template.batchUpdate("insert into triage_history(title, text, category_code, org_id, source, happened_on, "
				+ "created_at) values (?, ?, ?, ?, ?, ?, ?)", rows);
	}

	long lastId() {
		return jdbc.sql("select coalesce(max(id), 0) from triage_history").query(Long.class).single();
	}

	/** Streams every entry up to {@code upto} (inclusive) without holding them all in memory. */
	void forEach(long upto, Consumer<Entry> consumer) {
		jdbc.sql("select title, text, category_code, org_id, happened_on from triage_history where id <= ? order by id")
			.param(upto)
			.query(rs -> {
				consumer.accept(new Entry(rs.getString(1), rs.getString(2), rs.getString(3),
						rs.getObject(4, Long.class), rs.getObject(5, LocalDate.class)));
			});
	}
}
