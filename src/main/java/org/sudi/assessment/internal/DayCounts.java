package org.sudi.assessment.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.sudi.assessment.Measures;
import org.sudi.assessment.internal.MeasureQueries.Totals;
import org.sudi.assessment.internal.MeasureQueries.WhistleRatings;

/**
 * The per-day × unit counters of the measures (ADR 0025, Flyway V62): kept by triggers on the fact
 * tables as insert-only deltas, folded into {@code asm_day_count} by a recurring job, read as counters
 * plus the deltas not yet folded — so a period of whole days costs O(days × units) however many facts
 * it holds, and is exactly what the fact queries count. The days are those of the zone stored in
 * {@code asm_day_count_zone}; at start-up it is set to the application clock's zone (rebuilding the
 * counters if it differs).
 */
@Component
class DayCounts implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(DayCounts.class);

	/** The counter columns in the order of {@link Measures}' components, then the whistle ratings. */
	static final List<String> MEASURE_COLUMNS = List.of("received", "signed_on_time", "reviews", "reviews_on_time",
			"completable", "completed_on_time", "closed", "resolved_first_time", "satisfied", "basically_satisfied",
			"unsatisfied", "not_given", "judged", "reworks", "return_requests", "returns_approved",
			"extension_requests", "extensions_approved", "overdue", "supervisions", "accountability");

	static final Map<String, String> WHISTLE_COLUMNS = Map.of("whistle_satisfied", "SATISFIED", "whistle_basically",
			"BASICALLY_SATISFIED", "whistle_unsatisfied", "UNSATISFIED");

	private static final String COLUMNS = Stream.concat(MEASURE_COLUMNS.stream(), WHISTLE_COLUMNS.keySet().stream().sorted())
		.collect(Collectors.joining(", "));

	private static final String READ = """
			select org_id, whistle_org_id, %s from (
			  select org_id, whistle_org_id, %s from asm_day_count where day >= ? and day < ?
			  union all
			  select org_id, whistle_org_id, %s from asm_day_count_delta where day >= ? and day < ?) x
			group by org_id, whistle_org_id""".formatted(Stream
		.concat(MEASURE_COLUMNS.stream(), WHISTLE_COLUMNS.keySet().stream().sorted())
		.map(c -> "sum(" + c + ") " + c)
		.collect(Collectors.joining(", ")), COLUMNS, COLUMNS);

	private final JdbcClient jdbc;
	private final Clock clock;
	private final TransactionTemplate transactions;

	DayCounts(JdbcClient jdbc, Clock clock, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.transactions = transactions;
	}

	/** The zone the counters' days are in. */
	ZoneId zone() {
		return ZoneId.of(jdbc.sql("select zone from asm_day_count_zone").query(String.class).single());
	}

	/** The days [first, end) when [from, to) are whole days in the counters' zone; else empty. */
	Optional<LocalDate[]> wholeDays(Instant from, Instant to) {
		ZoneId zone = zone();
		LocalDate first = from.atZone(zone).toLocalDate();
		LocalDate end = to.atZone(zone).toLocalDate();
		if (first.atStartOfDay(zone).toInstant().equals(from) && end.atStartOfDay(zone).toInstant().equals(to)) {
			return Optional.of(new LocalDate[] { first, end });
		}
		return Optional.empty();
	}

	/** Every unit's measures and the whistle ratings over the days [first, end). */
	Totals totals(LocalDate first, LocalDate end) {
		Map<Long, Measures> measures = new HashMap<>();
		List<WhistleRatings> whistle = new ArrayList<>();
		Date f = Date.valueOf(first);
		Date e = Date.valueOf(end);
		jdbc.sql(READ).params(f, e, f, e).query(rs -> {
			long org = rs.getLong("org_id");
			long whistleOrg = rs.getLong("whistle_org_id");
			if (whistleOrg == 0) {
				measures.put(org, measures(rs));
				return;
			}
			for (var c : WHISTLE_COLUMNS.entrySet()) {
				long n = rs.getLong(c.getKey());
				if (n != 0) {
					whistle.add(new WhistleRatings(org, whistleOrg, c.getValue(), n));
				}
			}
		});
		return new Totals(measures, whistle);
	}

	private static Measures measures(ResultSet rs) throws SQLException {
		long[] v = new long[MEASURE_COLUMNS.size()];
		for (int i = 0; i < v.length; i++) {
			v[i] = rs.getLong(MEASURE_COLUMNS.get(i));
		}
		return new Measures(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
				v[14], v[15], v[16], v[17], v[18], v[19], v[20]);
	}

	/** Folds the committed deltas into the counters; returns the counter rows touched (0 if another fold runs). */
	long fold() {
		return jdbc.sql("select asm_day_counts_fold()").query(Long.class).single();
	}

	/** Recounts everything from the facts (all fact writers wait meanwhile); returns the counter rows. */
	long rebuild() {
		return jdbc.sql("select asm_day_counts_rebuild()").query(Long.class).single();
	}

	/** At start-up: the counters' days are the application clock's days. */
	@Override
	public void afterSingletonsInstantiated() {
		String wanted = clock.getZone().getId();
		if (zone().getId().equals(wanted)) {
			return;
		}
		boolean known = jdbc.sql("select exists (select 1 from pg_timezone_names where name = ?)")
			.param(wanted)
			.query(Boolean.class)
			.single();
		if (!known) {
			log.warn("PostgreSQL does not know the zone {}: the assessment's day counters stay in {} and periods are"
					+ " counted from the facts", wanted, zone());
			return;
		}
		long started = System.nanoTime();
		Long rows = transactions.execute(tx -> {
			jdbc.sql("lock table asm_day_count_zone in access exclusive mode").update();
			jdbc.sql("update asm_day_count_zone set zone = ?").param(wanted).update();
			return rebuild();
		});
		log.info("Assessment day counters rebuilt in the zone {}: {} rows in {} ms", wanted, rows,
				(System.nanoTime() - started) / 1_000_000);
	}
}
