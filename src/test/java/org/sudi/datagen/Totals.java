package org.sudi.datagen;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.sudi.casework.CaseStatus;
import org.sudi.casework.Rating;

/**
 * The per-day rollups of insight (ins_day_total, ins_day_town, ins_day_category) summed in memory as
 * Rollups would have counted them event by event, and written at the end, added to what is there.
 */
final class Totals {

	record DayTypeChannel(LocalDate day, String type, String channel) {
	}

	record DayTown(LocalDate day, long town) {
	}

	record DayCategory(LocalDate day, String category) {
	}

	// submitted, closed, resolved, satisfied, basically, unsatisfied, not_given, handling_seconds
	final Map<DayTypeChannel, long[]> total = new HashMap<>();
	final Map<DayTown, long[]> town = new HashMap<>();
	final Map<DayCategory, long[]> category = new HashMap<>();
	final Map<String, Long> statuses = new HashMap<>();
	long open;

	void submitted(LocalDate day, String type, String channel, Long townId, String categoryCode) {
		total.computeIfAbsent(new DayTypeChannel(day, type, channel), k -> new long[8])[0]++;
		town.computeIfAbsent(new DayTown(day, townId == null ? 0 : townId), k -> new long[2])[0]++;
		category.computeIfAbsent(new DayCategory(day, categoryCode == null ? "" : categoryCode), k -> new long[1])[0]++;
	}

	void rated(LocalDate day, String type, String channel, Rating rating) {
		long[] t = total.computeIfAbsent(new DayTypeChannel(day, type, channel), k -> new long[8]);
		t[switch (rating) {
			case SATISFIED -> 3;
			case BASICALLY_SATISFIED -> 4;
			case UNSATISFIED -> 5;
			case NOT_GIVEN -> 6;
		}]++;
	}

	void closed(LocalDate day, String type, String channel, Long townId, boolean resolved, long seconds) {
		long[] t = total.computeIfAbsent(new DayTypeChannel(day, type, channel), k -> new long[8]);
		t[1]++;
		if (resolved) {
			t[2]++;
			t[7] += seconds;
		}
		town.computeIfAbsent(new DayTown(day, townId == null ? 0 : townId), k -> new long[2])[1]++;
	}

	void count(CaseStatus status, boolean isOpen) {
		statuses.merge(status.name(), 1L, Long::sum);
		if (isOpen) {
			open++;
		}
	}

	void merge(Totals o) {
		o.total.forEach((k, v) -> add(total.computeIfAbsent(k, x -> new long[8]), v));
		o.town.forEach((k, v) -> add(town.computeIfAbsent(k, x -> new long[2]), v));
		o.category.forEach((k, v) -> add(category.computeIfAbsent(k, x -> new long[1]), v));
		o.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
		open += o.open;
	}

	private static void add(long[] a, long[] b) {
		for (int i = 0; i < a.length; i++) {
			a[i] += b[i];
		}
	}

	/** Adds the sums to the rollup tables (rows already there, e.g. from real cases, are kept and added to). */
	void write(CopySink.Connections opener) throws java.sql.SQLException {
		try (java.sql.Connection c = opener.open(); java.sql.Statement st = c.createStatement()) {
			c.setAutoCommit(false);
			st.execute("create temp table gen_day_total (like ins_day_total) on commit drop");
			st.execute("create temp table gen_day_town (like ins_day_town) on commit drop");
			st.execute("create temp table gen_day_category (like ins_day_category) on commit drop");
			var copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
			StringBuilder b = new StringBuilder();
			total.forEach((k, v) -> b.append(k.day()).append('\t').append(k.type()).append('\t').append(k.channel())
				.append('\t').append(v[0]).append('\t').append(v[1]).append('\t').append(v[2]).append('\t').append(v[3])
				.append('\t').append(v[4]).append('\t').append(v[5]).append('\t').append(v[6]).append('\t').append(v[7])
				.append('\n'));
			copyIn(copy, "copy gen_day_total (day, case_type, channel, submitted, closed, resolved, satisfied, basically,"
					+ " unsatisfied, not_given, handling_seconds) from stdin", b);
			town.forEach((k, v) -> b.append(k.day()).append('\t').append(k.town()).append('\t').append(v[0]).append('\t')
				.append(v[1]).append('\n'));
			copyIn(copy, "copy gen_day_town (day, town_id, submitted, closed) from stdin", b);
			category.forEach((k, v) -> b.append(k.day()).append('\t').append(k.category().replace("\\", "\\\\"))
				.append('\t').append(v[0]).append('\n'));
			copyIn(copy, "copy gen_day_category (day, category_code, submitted) from stdin", b);
			st.execute("""
					insert into ins_day_total select * from gen_day_total
					on conflict (day, case_type, channel) do update set submitted = ins_day_total.submitted + excluded.submitted,
					  closed = ins_day_total.closed + excluded.closed, resolved = ins_day_total.resolved + excluded.resolved,
					  satisfied = ins_day_total.satisfied + excluded.satisfied, basically = ins_day_total.basically + excluded.basically,
					  unsatisfied = ins_day_total.unsatisfied + excluded.unsatisfied,
					  not_given = ins_day_total.not_given + excluded.not_given,
					  handling_seconds = ins_day_total.handling_seconds + excluded.handling_seconds""");
			st.execute("""
					insert into ins_day_town select * from gen_day_town
					on conflict (day, town_id) do update set submitted = ins_day_town.submitted + excluded.submitted,
					  closed = ins_day_town.closed + excluded.closed""");
			st.execute("""
					insert into ins_day_category select * from gen_day_category
					on conflict (day, category_code) do update set submitted = ins_day_category.submitted + excluded.submitted""");
			c.commit();
		}
	}

	private static void copyIn(org.postgresql.copy.CopyManager copy, String sql, StringBuilder b) throws java.sql.SQLException {
		try {
			copy.copyIn(sql, new java.io.StringReader(b.toString()));
		}
		catch (java.io.IOException e) {
			throw new java.sql.SQLException(e);
		}
		b.setLength(0);
	}
}
