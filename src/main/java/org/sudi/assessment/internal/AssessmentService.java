package org.sudi.assessment.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.assessment.Assessments;
import org.sudi.assessment.Measures;
import org.sudi.assessment.MonthResults;
import org.sudi.assessment.UnitResult;
import org.sudi.assessment.domain.ScoringRules;
import org.sudi.assessment.domain.ScoringRules.Candidate;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgKind;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.OrgUnits;
import org.sudi.directory.Role;
import org.sudi.platform.AuditKind;
import org.sudi.platform.AuditTrail;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.IllegalTransitionException;
import org.sudi.platform.InvalidInputException;

import tools.jackson.databind.json.JsonMapper;

/**
 * Monthly assessment (考核): measures from the facts, bottom-up scores, composite and rankings; closing
 * a month freezes its results into a snapshot (a new version each time), reopening is an audited
 * administrator's action.
 */
@Service
public class AssessmentService implements Assessments {

	public record Period(LocalDate from, LocalDate to, List<UnitResult> departments, List<UnitResult> towns) {
	}

	public record Score(String month, long townId, long departmentId, int score, String comment, String scoredBy,
			Instant scoredAt) {
	}

	public record AuditEntry(String month, String action, int version, String byUsername, Instant at, String reason) {
	}

	private final MeasureQueries queries;
	private final OrgUnits orgUnits;
	private final JdbcClient jdbc;
	private final Clock clock;
	private final AssessmentProperties properties;
	private final JsonMapper json = JsonMapper.builder().build();
	private volatile MonthResults cached;
	private volatile Instant cachedAt;

	private final AuditTrail auditTrail;

	AssessmentService(MeasureQueries queries, OrgUnits orgUnits, JdbcClient jdbc, Clock clock,
			AssessmentProperties properties, AuditTrail auditTrail) {
		this.auditTrail = auditTrail;
		this.queries = queries;
		this.orgUnits = orgUnits;
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	public ScoringRules rules() {
		return properties.rules();
	}

	ZoneId zone() {
		return clock.getZone();
	}

	Instant start(LocalDate day) {
		return day.atStartOfDay(zone()).toInstant();
	}

	public YearMonth currentMonth() {
		return YearMonth.now(clock);
	}

	// ------------------------------------------------------------------ reading

	public static void requireReader(Actor actor) {
		if (!actor.hasAny(Role.ADMIN, Role.LEADER, Role.DISCIPLINE, Role.DISPATCHER, Role.TOWN_OPERATOR,
				Role.DEPARTMENT_STAFF)) {
			throw new ForbiddenException("Only district, town and department staff may read the assessment");
		}
	}

	/** Any range of days (inclusive), computed now; bottom-up scores of the months starting in it. */
	@Transactional(readOnly = true)
	public Period period(LocalDate from, LocalDate to) {
		if (to.isBefore(from)) {
			throw new InvalidInputException("to", "must not be before from");
		}
		var units = compute(start(from), start(to.plusDays(1)), from.withDayOfMonth(1).equals(from) ? from
				: from.withDayOfMonth(1).plusMonths(1), to);
		return new Period(from, to, units.get(OrgKind.DEPARTMENT), units.get(OrgKind.TOWN));
	}

	@Override
	@Transactional(readOnly = true)
	public MonthResults month(YearMonth month) {
		Optional<MonthState> state = state(month);
		if (state.isPresent() && state.get().status().equals("CLOSED")) {
			return frozen(month, state.get().version());
		}
		return liveShared(month, state.map(MonthState::version).orElse(0));
	}

	/**
	 * An open month's live results, computed once and shared until the facts, the scores or the units
	 * change on this node ({@link #factsChanged}, called after such a transaction commits) — so they equal a
	 * fresh computation — and for at most the live cache time (60 s), which bounds how long a change
	 * made on another node or written around the application stays unseen (as for the screen's ranking).
	 * Computing a month reads its per-day counters (ADR 0025), a few milliseconds at any volume.
	 */
	private MonthResults liveShared(YearMonth month, int version) {
		long generation = factsGeneration.get();
		Instant now = clock.instant();
		List<OrgUnit> units = orgUnits.all();
		LiveEntry e = liveByMonth.get(month);
		if (e != null && e.generation() == generation && e.results().version() == version && e.units().equals(units)
				&& !now.isBefore(e.at()) && now.isBefore(e.at().plus(properties.liveCacheOrDefault()))) {
			return e.results();
		}
		MonthResults results = live(month, version);
		liveByMonth.put(month, new LiveEntry(results, now, generation, units));
		return results;
	}

	private record LiveEntry(MonthResults results, Instant at, long generation, List<OrgUnit> units) {
	}

	private final java.util.concurrent.atomic.AtomicLong factsGeneration = new java.util.concurrent.atomic.AtomicLong();

	private final Map<YearMonth, LiveEntry> liveByMonth = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * The facts or the bottom-up scores changed: shared live results computed before are stale. Called
	 * after the changing transaction commits (a computation that started earlier then cannot be kept).
	 */
	public void factsChanged() {
		if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
			org.springframework.transaction.support.TransactionSynchronizationManager
				.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
					@Override
					public void afterCompletion(int status) {
						factsGeneration.incrementAndGet();
					}
				});
		}
		else {
			factsGeneration.incrementAndGet();
		}
	}

	@Override
	public MonthResults currentCached() {
		MonthResults c = cached;
		Instant at = cachedAt;
		Instant now = clock.instant();
		if (c == null || at == null || !c.month().equals(currentMonth()) || now.isBefore(at)) {
			return refreshCurrent(now);
		}
		if (at.plus(properties.liveCacheOrDefault()).isBefore(now) && refreshing.compareAndSet(false, true)) {
			// Stale: recompute in the background and keep answering with the last result meanwhile, so
			// no screen request waits for a month's measures (a second or more at millions of cases).
			Thread refresh = new Thread(() -> {
				try {
					refreshCurrent(clock.instant());
				}
				finally {
					refreshing.set(false);
				}
			}, "assessment-refresh");
			refresh.setDaemon(true);
			refresh.start();
		}
		return c;
	}

	private final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();

	private MonthResults refreshCurrent(Instant now) {
		MonthResults c = month(currentMonth());
		cached = c;
		cachedAt = now;
		return c;
	}

	private MonthResults live(YearMonth month, int version) {
		LocalDate first = month.atDay(1);
		var units = compute(start(first), start(first.plusMonths(1)), first, first);
		return new MonthResults(month, "OPEN", version, units.get(OrgKind.DEPARTMENT), units.get(OrgKind.TOWN));
	}

	/** Measures, bottom-up scores, composites and ranks of every department and town. */
	private Map<OrgKind, List<UnitResult>> compute(Instant from, Instant to, LocalDate firstScoredMonth,
			LocalDate lastScoredMonth) {
		ScoringRules rules = properties.rules();
		List<OrgUnit> all = orgUnits.all();
		Map<Long, OrgUnit> byId = new HashMap<>();
		all.forEach(u -> byId.put(u.id(), u));
		Map<Long, Measures> perUnit = new HashMap<>();
		MeasureQueries.Totals totals = queries.totals(from, to);
		totals.measures().forEach((orgId, m) -> {
			Long unit = assessedUnit(byId.get(orgId));
			if (unit != null) {
				perUnit.merge(unit, m, Measures::plus);
			}
		});
		Map<Long, double[]> bottomUp = new HashMap<>(); // departmentId → {sum, n}
		for (var s : queries.townScores(firstScoredMonth, lastScoredMonth)) {
			bottomUp.computeIfAbsent(s.departmentId(), k -> new double[2]);
			bottomUp.get(s.departmentId())[0] += s.score();
			bottomUp.get(s.departmentId())[1]++;
		}
		for (var r : totals.whistleRatings()) {
			OrgUnit initiating = byId.get(r.initiatingOrgId());
			OrgUnit dept = byId.get(r.departmentId());
			if (initiating != null && initiating.kind() == OrgKind.TOWN && dept != null
					&& dept.kind() == OrgKind.DEPARTMENT) {
				bottomUp.computeIfAbsent(r.departmentId(), k -> new double[2]);
				bottomUp.get(r.departmentId())[0] += rules.scoreOf(r.rating()) * r.count();
				bottomUp.get(r.departmentId())[1] += r.count();
			}
		}
		List<Candidate> departments = new ArrayList<>();
		List<Candidate> towns = new ArrayList<>();
		for (OrgUnit u : all) {
			Measures m = perUnit.getOrDefault(u.id(), Measures.NONE);
			if (u.kind() == OrgKind.DEPARTMENT) {
				double[] b = bottomUp.get(u.id());
				departments.add(new Candidate(u.id(), u.name(), u.kind().name(), m, b == null ? null : b[0] / b[1]));
			}
			else if (u.kind() == OrgKind.TOWN) {
				towns.add(new Candidate(u.id(), u.name(), u.kind().name(), m, null));
			}
		}
		return Map.of(OrgKind.DEPARTMENT, rules.rank(departments, rules.advancedDepartments(), rules.disqualifiedDepartments()),
				OrgKind.TOWN, rules.rank(towns, 0, rules.disqualifiedTowns()));
	}

	/** Departments answer for themselves; towns for themselves and their villages. */
	private static Long assessedUnit(OrgUnit u) {
		if (u == null) {
			return null;
		}
		return switch (u.kind()) {
			case DEPARTMENT, TOWN -> u.id();
			case VILLAGE -> u.parentId();
			default -> null;
		};
	}

	// ------------------------------------------------------------------ closing and reopening

	record MonthState(String status, int version) {
	}

	private Optional<MonthState> state(YearMonth month) {
		return jdbc.sql("select status, version from asm_month where month = ?")
			.param(month.atDay(1))
			.query((rs, n) -> new MonthState(rs.getString(1), rs.getInt(2)))
			.optional();
	}

	private MonthResults frozen(YearMonth month, int version) {
		List<UnitResult> rows = jdbc.sql("select result from asm_month_result where month = ? and version = ? "
				+ "order by rank nulls last, org_id")
			.params(month.atDay(1), version)
			.query((rs, n) -> json.readValue(rs.getString(1), UnitResult.class))
			.list();
		return new MonthResults(month, "CLOSED", version,
				rows.stream().filter(r -> r.kind().equals("DEPARTMENT")).toList(),
				rows.stream().filter(r -> r.kind().equals("TOWN")).toList());
	}

	/** Freezes the month's results (ADMIN; only once the month has ended). */
	@Transactional
	public MonthResults close(Actor actor, YearMonth month) {
		requireAdmin(actor);
		Instant now = clock.instant();
		if (!YearMonth.now(clock).isAfter(month)) {
			throw new IllegalTransitionException("The month " + month + " has not ended yet", "OPEN");
		}
		MonthState state = lock(month, actor, now);
		if (state.status().equals("CLOSED")) {
			throw new IllegalTransitionException("The month " + month + " is already closed", "CLOSED");
		}
		int version = state.version() + 1;
		MonthResults results = live(month, version);
		List<UnitResult> units = new ArrayList<>(results.departments());
		units.addAll(results.towns());
		for (UnitResult u : units) {
			jdbc.sql("""
					insert into asm_month_result(month, version, org_id, org_kind, org_name, rank, composite, flag, result)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(month.atDay(1), version, u.orgId(), u.kind(), u.orgName(), u.rank(), u.composite(),
						u.flag() == null ? null : u.flag().name(), json.writeValueAsString(u))
				.update();
		}
		jdbc.sql("update asm_month set status = 'CLOSED', version = ?, changed_at = ?, changed_by = ? where month = ?")
			.params(version, Timestamp.from(now), actor.username(), month.atDay(1))
			.update();
		audit(month, "CLOSE", version, actor, now, null);
		return new MonthResults(month, "CLOSED", version, results.departments(), results.towns());
	}

	/** Opens a closed month again, with the reason (ADMIN); its snapshot stays on record. */
	@Transactional
	public MonthResults reopen(Actor actor, YearMonth month, String reason) {
		requireAdmin(actor);
		if (reason == null || reason.isBlank()) {
			throw new InvalidInputException("reason", "must not be blank");
		}
		Instant now = clock.instant();
		MonthState state = lock(month, actor, now);
		if (!state.status().equals("CLOSED")) {
			throw new IllegalTransitionException("The month " + month + " is not closed", state.status());
		}
		jdbc.sql("update asm_month set status = 'OPEN', changed_at = ?, changed_by = ? where month = ?")
			.params(Timestamp.from(now), actor.username(), month.atDay(1))
			.update();
		audit(month, "REOPEN", state.version(), actor, now, reason.strip());
		return live(month, state.version());
	}

	private MonthState lock(YearMonth month, Actor actor, Instant now) {
		jdbc.sql("insert into asm_month(month, status, version, changed_at, changed_by) values (?, 'OPEN', 0, ?, ?) "
				+ "on conflict do nothing")
			.params(month.atDay(1), Timestamp.from(now), actor.username())
			.update();
		return jdbc.sql("select status, version from asm_month where month = ? for update")
			.param(month.atDay(1))
			.query((rs, n) -> new MonthState(rs.getString(1), rs.getInt(2)))
			.single();
	}

	private void audit(YearMonth month, String action, int version, Actor actor, Instant now, String reason) {
		jdbc.sql("insert into asm_month_audit(month, action, version, by_username, at, reason) values (?, ?, ?, ?, ?, ?)")
			.params(month.atDay(1), action, version, actor.username(), Timestamp.from(now), reason)
			.update();
		auditTrail.record(AuditKind.CONFIGURATION_CHANGED, actor.username(), "assessment:" + month,
				"month " + ("CLOSE".equals(action) ? "closed" : "reopened") + " (version " + version + ")"
						+ (reason == null ? "" : ": " + reason));
	}

	@Transactional(readOnly = true)
	public List<AuditEntry> audit(Actor actor, YearMonth month) {
		requireReader(actor);
		return jdbc.sql("select * from asm_month_audit where month = ? order by id")
			.param(month.atDay(1))
			.query((rs, n) -> new AuditEntry(month.toString(), rs.getString("action"), rs.getInt("version"),
					rs.getString("by_username"), rs.getTimestamp("at").toInstant(), rs.getString("reason")))
			.list();
	}

	private static void requireAdmin(Actor actor) {
		if (!actor.has(Role.ADMIN)) {
			throw new ForbiddenException("Only administrators may close or reopen a month");
		}
	}

	// ------------------------------------------------------------------ bottom-up scoring (下评上)

	/** A town scores a department it worked with in the month (0–100, with a comment); changeable until closed. */
	@Transactional
	public Score score(Actor actor, YearMonth month, long departmentId, int score, String comment) {
		if (!actor.has(Role.TOWN_OPERATOR) || actor.orgId() == null
				|| orgUnits.find(actor.orgId()).map(u -> u.kind() != OrgKind.TOWN).orElse(true)) {
			throw new ForbiddenException("Only town operators score departments");
		}
		OrgUnit dept = orgUnits.find(departmentId).filter(u -> u.kind() == OrgKind.DEPARTMENT)
			.orElseThrow(() -> new InvalidInputException("departmentId", "is not a department"));
		if (score < 0 || score > 100) {
			throw new InvalidInputException("score", "must be between 0 and 100");
		}
		Instant now = clock.instant();
		if (month.isAfter(YearMonth.now(clock))) {
			throw new InvalidInputException("month", "lies in the future");
		}
		MonthState state = lock(month, actor, now);
		if (state.status().equals("CLOSED")) {
			throw new IllegalTransitionException("The month " + month + " is closed", "CLOSED");
		}
		LocalDate first = month.atDay(1);
		if (!queries.workedWith(departmentId, actor.orgId(), start(first), start(first.plusMonths(1)))) {
			throw new InvalidInputException("departmentId",
					dept.name() + " had no task in your town in " + month + ", so you cannot score it");
		}
		jdbc.sql("""
				insert into asm_bottom_up_score(month, town_id, department_id, score, comment, scored_by, scored_at)
				values (?, ?, ?, ?, ?, ?, ?) on conflict (month, town_id, department_id) do update
				set score = excluded.score, comment = excluded.comment, scored_by = excluded.scored_by,
				    scored_at = excluded.scored_at""")
			.params(first, actor.orgId(), departmentId, score, comment, actor.username(), Timestamp.from(now))
			.update();
		factsChanged();
		return new Score(month.toString(), actor.orgId(), departmentId, score, comment, actor.username(), now);
	}

	/** The month's scores: all for district roles, a town's own for the town, those about it for a department. */
	@Transactional(readOnly = true)
	public List<Score> scores(Actor actor, YearMonth month) {
		requireReader(actor);
		boolean district = actor.hasAny(Role.ADMIN, Role.LEADER, Role.DISCIPLINE, Role.DISPATCHER);
		return jdbc.sql("select * from asm_bottom_up_score where month = ? order by department_id, town_id")
			.param(month.atDay(1))
			.query((rs, n) -> new Score(month.toString(), rs.getLong("town_id"), rs.getLong("department_id"),
					rs.getInt("score"), rs.getString("comment"), rs.getString("scored_by"),
					rs.getTimestamp("scored_at").toInstant()))
			.list()
			.stream()
			.filter(s -> district || actor.worksIn(s.townId()) || actor.worksIn(s.departmentId()))
			.toList();
	}
}
