package org.sudi.casework.domain;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.sudi.casework.CaseHistoryEntry;
import org.sudi.casework.CaseQuery;
import org.sudi.casework.CaseStatus;
import org.sudi.casework.CaseType;
import org.sudi.casework.Channel;
import org.sudi.casework.Outcome;
import org.sudi.casework.Rating;
import org.sudi.casework.TaskRequestDecided.Kind;
import org.sudi.casework.TaskRole;
import org.sudi.casework.TaskStatus;
import org.sudi.casework.Urgency;
import org.sudi.directory.Actor;
import org.sudi.directory.Role;
import org.sudi.platform.PersonalData;
import org.sudi.platform.PersonalDataColumn;

/**
 * Stores {@link Case} aggregates in PostgreSQL. Loading a case takes three queries whatever the number
 * of its tasks (case, tasks, evaluations); a page of cases takes three as well. Saving checks the
 * version (optimistic locking), writes only changed tasks, and appends new evaluations and timeline
 * entries.
 */
@Repository
public class Cases {

	private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

	/** The requester's name and phone are sealed (ADR 0028); the phone is found by its keyed hash. */
	public static final PersonalDataColumn REQUESTER_NAME = PersonalDataColumn.sealed("cases", "id", "requester_name");

	public static final PersonalDataColumn REQUESTER_PHONE = PersonalDataColumn.sealedPhone("cases", "id",
			"requester_phone", "requester_phone_hash");

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final PersonalData personalData;

	Cases(JdbcClient jdbc, JdbcTemplate template, PersonalData personalData) {
		this.jdbc = jdbc;
		this.template = template;
		this.personalData = personalData;
	}

	/** A date-prefixed tracking number, unique across nodes: 20261127-000042. */
	public String nextTrackingNo(LocalDate day) {
		long n = jdbc.sql("select nextval('case_tracking_seq')").query(Long.class).single();
		return trackingNo(day, n);
	}

	/** {@code yyyyMMdd-nnnnnn} (at least six digits), without String.format (≈ 2 % of an intake's CPU). */
	static String trackingNo(LocalDate day, long n) {
		StringBuilder b = new StringBuilder(16).append(day.format(DAY)).append('-');
		String digits = Long.toString(n);
		for (int i = digits.length(); i < 6; i++) {
			b.append('0');
		}
		return b.append(digits).toString();
	}

	public Optional<Case> find(UUID id) {
		return loadOne("c.id = ?", id);
	}

	/** The case holding the task, read in one statement with the task's lookup. */
	public Optional<Case> findByTask(UUID taskId) {
		return loadOne("c.id = (select case_id from case_task where id = ?)", taskId);
	}

	/** The task columns {@link #loadOne} reads next to the case's, each as {@code t_} + its name. */
	private static final String TASK_COLUMNS = Stream.of("id", "seq", "org_id", "role", "round", "duty_id",
			"dispatched_at", "status", "signed_at", "arrived_at", "completed_at", "result", "attachment_ids", "pending_kind",
			"pending_reason", "pending_days", "extension_days", "sign_warn_at", "sign_due_at", "arrive_warn_at",
			"arrive_due_at", "complete_warn_at", "complete_due_at")
		.map(c -> "t." + c + " as t_" + c)
		.collect(Collectors.joining(", "));

	/**
	 * The case the condition on {@code c} (with one parameter) finds, with its tasks in the same statement (a row
	 * per task, the case's columns repeated) and its evaluations where it may have any.
	 */
	private Optional<Case> loadOne(String condition, Object key) {
		List<Task> tasks = new ArrayList<>();
		List<CaseRow> rows = new ArrayList<>(1);
		jdbc.sql("select c.*, " + TASK_COLUMNS + " from cases c left join case_task t on t.case_id = c.id where "
				+ condition + " order by t.seq")
			.param(key)
			.query(rs -> {
				if (rows.isEmpty()) {
					rows.add(caseRow(rs, 0));
				}
				if (rs.getObject("t_id") != null) {
					tasks.add(taskRow(rs, "t_"));
				}
			});
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		CaseRow row = rows.get(0);
		return Optional.of(row.toCase(tasks, row.mayHaveEvaluations() ? evaluations(new UUID[] { row.id() })
			.getOrDefault(row.id(), List.of()) : List.of()));
	}

	public List<TimelineEntry> timeline(UUID caseId) {
		return jdbc.sql("select * from case_timeline where case_id = ? order by id")
			.param(caseId)
			.query((rs, n) -> new TimelineEntry(instant(rs, "at"), rs.getString("actor_username"),
					rs.getObject("actor_org_id", Long.class), rs.getString("action"),
					enumOrNull(CaseStatus.class, rs.getString("from_status")),
					enumOrNull(CaseStatus.class, rs.getString("to_status")), rs.getString("note")))
			.list();
	}

	/** Whether any case the actor may read refers to this attachment. */
	public boolean attachmentVisibleTo(UUID attachmentId, Actor actor) {
		return attachmentVisibleTo(attachmentId, actor, java.util.Set.of());
	}

	/** As {@link #attachmentVisibleTo(UUID, Actor)}, knowing the grids the actor works as grid worker. */
	public boolean attachmentVisibleTo(UUID attachmentId, Actor actor, java.util.Set<String> actorGrids) {
		List<UUID> caseIds = jdbc.sql("""
				select case_id from case_task where attachment_ids @> array[:a]::uuid[]
				union select id from cases where attachment_ids @> array[:a]::uuid[]""")
			.param("a", attachmentId)
			.query(UUID.class)
			.list();
		return caseIds.stream().map(this::find).flatMap(Optional::stream).anyMatch(c -> c.isVisibleTo(actor, actorGrids));
	}

	/**
	 * What to look for; every field is optional. {@code createdBefore} finds cases older than a moment
	 * (the age filter of the queues), {@code text} matches the tracking number, title or address,
	 * {@code requesterPhone} the requester's phone exactly (the hotline's caller history);
	 * {@code gridCode}: lying in this grid (basic or special); {@code open}: not closed;
	 * {@code gridCodes} not null: lying in one of these grids (a grid worker's "my grids").
	 */
	public record Filter(CaseStatus status, CaseType type, Long townId, Long orgId, String categoryCode,
			Urgency urgency, Instant createdBefore, String text, String requesterPhone, Long initiatingOrgId,
			String gridCode, boolean open, java.util.Set<String> gridCodes) {

		public Filter(CaseStatus status, CaseType type, Long townId, Long orgId) {
			this(status, type, townId, orgId, null, null, null, null, null, null, null, false, null);
		}

		/** The console's queues. */
		public Filter(CaseStatus status, CaseType type, Long townId, Long orgId, String categoryCode, Urgency urgency,
				Instant createdBefore, String text, String requesterPhone, Long initiatingOrgId) {
			this(status, type, townId, orgId, categoryCode, urgency, createdBefore, text, requesterPhone,
					initiatingOrgId, null, false, null);
		}

		/** A grid worker's or the map's view. */
		public Filter(CaseStatus status, CaseType type, Long townId, Long orgId, String gridCode, boolean open,
				java.util.Set<String> gridCodes) {
			this(status, type, townId, orgId, null, null, null, null, null, null, gridCode, open, gridCodes);
		}

		/** Whether anything but the status (or "open only") narrows the cases. */
		boolean narrowsBeyondStatus() {
			return type != null || townId != null || orgId != null || categoryCode != null || urgency != null
					|| createdBefore != null || (text != null && !text.isBlank()) || requesterPhone != null
					|| initiatingOrgId != null || gridCode != null || gridCodes != null;
		}
	}

	public Optional<Case> findByTrackingNo(String trackingNo) {
		return loadOne("c.tracking_no = ?", trackingNo);
	}

	/** The cases matching the query, newest first (for other modules' adapters; no permission check). */
	public List<Case> query(CaseQuery q) {
		Map<String, Object> params = new HashMap<>();
		String where = where(q, params);
		params.put("limit", Math.max(0, q.limit()));
		params.put("offset", Math.max(0, q.offset()));
		return load(jdbc.sql("select c.* from cases c" + where
				+ " order by c.created_at desc, c.id desc limit :limit offset :offset")
			.params(params)
			.query(this::caseRow)
			.list());
	}

	public long count(CaseQuery q) {
		Map<String, Object> params = new HashMap<>();
		return jdbc.sql("select count(*) from cases c" + where(q, params)).params(params).query(Long.class).single();
	}

	private static String where(CaseQuery q, Map<String, Object> params) {
		StringBuilder where = new StringBuilder(" where 1 = 1");
		if (!q.ids().isEmpty()) {
			where.append(" and c.id = any(:ids)");
			params.put("ids", q.ids().toArray(UUID[]::new));
		}
		if (!q.trackingNos().isEmpty()) {
			where.append(" and c.tracking_no = any(:trackingNos)");
			params.put("trackingNos", q.trackingNos().toArray(String[]::new));
		}
		if (!q.channels().isEmpty()) {
			where.append(" and c.channel = any(:channels)");
			params.put("channels", q.channels().stream().map(Enum::name).toArray(String[]::new));
		}
		if (q.createdBy() != null) {
			where.append(" and c.created_by = :createdBy");
			params.put("createdBy", q.createdBy());
		}
		if (q.requesterUsername() != null) {
			where.append(" and c.requester_username = :requester");
			params.put("requester", q.requesterUsername());
		}
		if (!q.categoryCodes().isEmpty()) {
			where.append(" and c.category_code = any(:categories)");
			params.put("categories", q.categoryCodes().toArray(String[]::new));
		}
		if (q.open() != null) {
			where.append(q.open() ? " and c.status <> 'CLOSED'" : " and c.status = 'CLOSED'");
		}
		range(where, params, "created_at", "created", q.createdFrom(), q.createdTo());
		range(where, params, "updated_at", "updated", q.updatedFrom(), q.updatedTo());
		return where.toString();
	}

	private static void range(StringBuilder where, Map<String, Object> params, String column, String name,
			Instant from, Instant to) {
		if (from != null) {
			where.append(" and c.").append(column).append(" >= :").append(name).append("From");
			params.put(name + "From", ts(from));
		}
		if (to != null) {
			where.append(" and c.").append(column).append(" < :").append(name).append("To");
			params.put(name + "To", ts(to));
		}
	}

	/** Timeline entries of the given channels' cases recorded in [from, to), oldest first. */
	public List<CaseHistoryEntry> historyOf(Set<Channel> channels, Instant from, Instant to, int limit) {
		return jdbc.sql("""
				select t.* from case_timeline t join cases c on c.id = t.case_id
				where c.channel = any(:channels) and t.at >= :from and t.at < :to
				order by t.id limit :limit""")
			.param("channels", channels.stream().map(Enum::name).toArray(String[]::new))
			.param("from", ts(from))
			.param("to", ts(to))
			.param("limit", limit)
			.query(Cases::historyRow)
			.list();
	}

	public List<CaseHistoryEntry> history(UUID caseId) {
		return jdbc.sql("select * from case_timeline where case_id = ? order by id")
			.param(caseId)
			.query(Cases::historyRow)
			.list();
	}

	private static CaseHistoryEntry historyRow(ResultSet rs, int n) throws SQLException {
		return new CaseHistoryEntry(rs.getLong("id"), rs.getObject("case_id", UUID.class), instant(rs, "at"),
				rs.getString("actor_username"), rs.getObject("actor_org_id", Long.class), rs.getString("action"),
				enumOrNull(CaseStatus.class, rs.getString("from_status")),
				enumOrNull(CaseStatus.class, rs.getString("to_status")), rs.getString("note"));
	}


	/**
	 * One open task as a work list shows it: enough of its case to decide what to do.
	 */
	public record WorkItem(UUID taskId, UUID caseId, String trackingNo, String title, CaseType type, Urgency urgency,
			Long townId, String address, long orgId, TaskRole role, TaskStatus taskStatus, Instant dispatchedAt,
			Kind pendingKind, String pendingReason, Integer pendingDays) {
	}

	public record WorkPage(List<WorkItem> items, int page, int size, long total) {
	}

	/**
	 * Which work list holds a task follows from the task's row alone: its status, and {@code work_case_type}
	 * (its case's type while the case is in progress in the task's round, else {@code ''}; kept by
	 * {@link #save}). A row whose value was never derived (null: written around the application) reads it from
	 * its case by primary key. So a work list costs what the unit has open, whatever the number of open cases;
	 * the open-task index carries these columns, so the counts can be read from the index alone (V63).
	 */
	private static final String TASK_WORK = " from case_task t cross join lateral (select coalesce(t.work_case_type,"
			+ " (select case when c.status = 'IN_PROGRESS' and c.round = t.round then c.type else '' end"
			+ " from cases c where c.id = t.case_id)) as case_type) w";

	/**
	 * The current-round tasks of one unit (or of every unit when {@code orgId} is null) in the given
	 * statuses whose case is in progress, oldest dispatch first. {@code notEnforcementStatuses} are
	 * further statuses that count only for cases that are not ENFORCEMENT (a livelihood task may be
	 * completed straight after signing; an enforcement task reports on site first).
	 */
	public WorkPage workList(Long orgId, List<TaskStatus> statuses, List<TaskStatus> notEnforcementStatuses,
			Kind pendingKind, int page, int size) {
		return workList(orgId, statuses, notEnforcementStatuses, pendingKind, page, size, null);
	}

	/**
	 * As {@link #workList(Long, List, List, Kind, int, int)}; {@code knownTotal}, if not null, spares the count.
	 * <p>
	 * The page is read as one branch per task status, each in dispatch order from the open-task index
	 * ({@code org_id, status, dispatched_at}) and cut at the page's end, then merged and joined to their
	 * cases: it reads about {@code (page + 1) * size} tasks per status, not all of the unit's open tasks. The
	 * count reads each of them once, from the task rows.
	 */
	public WorkPage workList(Long orgId, List<TaskStatus> statuses, List<TaskStatus> notEnforcementStatuses,
			Kind pendingKind, int page, int size, Long knownTotal) {
		StringBuilder common = new StringBuilder();
		Map<String, Object> params = new HashMap<>();
		if (orgId != null) {
			common.append(" and t.org_id = :org");
			params.put("org", orgId);
		}
		if (pendingKind != null) {
			common.append(" and t.pending_kind = :kind");
			params.put("kind", pendingKind.name());
		}
		List<String> branches = new ArrayList<>();
		int n = 0;
		if (statuses == null) {
			branches.add(common.toString());
		}
		else {
			List<TaskStatus> notEnforcement = notEnforcementStatuses == null ? List.of() : notEnforcementStatuses;
			for (TaskStatus s : statuses) {
				params.put("s" + n, s.name());
				branches.add(common + " and t.status = :s" + n++);
			}
			for (TaskStatus s : notEnforcement) {
				params.put("s" + n, s.name());
				branches.add(common + " and t.status = :s" + n++ + " and w.case_type <> 'ENFORCEMENT'");
			}
		}
		long total;
		if (knownTotal != null) {
			total = knownTotal;
		}
		else {
			List<String> counted = branches.stream()
				.map(b -> "select count(*) as n" + TASK_WORK + " where w.case_type <> ''" + b)
				.toList();
			total = jdbc.sql("select coalesce(sum(n), 0)::bigint from (" + String.join(" union all ", counted) + ") b")
				.params(params)
				.query(Long.class)
				.single();
		}
		params.put("end", (long) (page + 1) * size);
		params.put("limit", size);
		params.put("offset", (long) page * size);
		List<String> pages = branches.stream()
			.map(b -> "(select t.id as task_id, t.case_id, t.org_id, t.role, t.status as task_status, t.dispatched_at,"
					+ " t.pending_kind, t.pending_reason, t.pending_days" + TASK_WORK + " where w.case_type <> ''" + b
					+ " order by t.dispatched_at, t.id limit :end)")
			.toList();
		List<WorkItem> items = jdbc.sql("select w.*, c.tracking_no, c.title, c.type, c.urgency, c.town_id, c.address from ("
				+ String.join(" union all ", pages) + ") w join cases c on c.id = w.case_id"
				+ " order by w.dispatched_at, w.task_id limit :limit offset :offset")
			.params(params)
			.query((rs, i) -> new WorkItem(rs.getObject("task_id", UUID.class), rs.getObject("case_id", UUID.class),
					rs.getString("tracking_no"), rs.getString("title"), CaseType.valueOf(rs.getString("type")),
					Urgency.valueOf(rs.getString("urgency")), rs.getObject("town_id", Long.class),
					rs.getString("address"), rs.getLong("org_id"), TaskRole.valueOf(rs.getString("role")),
					TaskStatus.valueOf(rs.getString("task_status")), instant(rs, "dispatched_at"),
					enumOrNull(Kind.class, rs.getString("pending_kind")), rs.getString("pending_reason"),
					rs.getObject("pending_days", Integer.class)))
			.list();
		return new WorkPage(items, page, size, total);
	}

	/**
	 * How many tasks each of a unit's work lists holds, in one grouped query (a {@code count(*) filter}
	 * per queue, the same rule as {@link #workList} for each), for the tabs and the home page tiles: the
	 * unit's open tasks, from their own rows.
	 */
	public Map<WorkQueue, Long> workCounts(long orgId) {
		Map<String, Object> params = new HashMap<>();
		params.put("org", orgId);
		List<String> all = new ArrayList<>();
		List<String> counts = new ArrayList<>();
		for (WorkQueue q : WorkQueue.values()) {
			String name = q.name().toLowerCase(java.util.Locale.ROOT);
			params.put(name, names(q.statuses()));
			String filter = "t.status in (:" + name + ")";
			q.statuses().forEach(s -> all.add(s.name()));
			if (!q.notEnforcementStatuses().isEmpty()) {
				params.put(name + "NotEnforcement", names(q.notEnforcementStatuses()));
				filter = "(" + filter + " or (t.status in (:" + name + "NotEnforcement) and w.case_type <> 'ENFORCEMENT'))";
				q.notEnforcementStatuses().forEach(s -> all.add(s.name()));
			}
			counts.add("count(*) filter (where " + filter + ") as " + name);
		}
		params.put("all", all.stream().distinct().toList());
		return jdbc.sql("select " + String.join(", ", counts) + TASK_WORK
				+ " where t.org_id = :org and t.status in (:all) and w.case_type <> ''")
			.params(params)
			.query((rs, i) -> {
				Map<WorkQueue, Long> result = new java.util.EnumMap<>(WorkQueue.class);
				for (WorkQueue q : WorkQueue.values()) {
					result.put(q, rs.getLong(q.name().toLowerCase(java.util.Locale.ROOT)));
				}
				return result;
			})
			.single();
	}

	private static List<String> names(List<? extends Enum<?>> values) {
		return values.stream().<String>map(Enum::name).toList();
	}

	public record Page(List<Case> items, int page, int size, long total) {
	}

	/** One page of the cases the actor may read, newest first, matching the filter. */
	public Page search(Filter filter, Actor actor, int page, int size) {
		return search(filter, actor, java.util.Set.of(), page, size);
	}

	/**
	 * One page of the cases the actor may read, newest first, matching the filter; {@code actorGrids} are
	 * the grids the actor works as grid worker (see {@link Case#isVisibleTo(Actor, java.util.Set)}).
	 */
	public Page search(Filter filter, Actor actor, java.util.Set<String> actorGrids, int page, int size) {
		StringBuilder where = new StringBuilder(" where 1 = 1");
		Map<String, Object> params = new HashMap<>();
		// Only cases not closed: their task_org_ids name the units holding a task of them (V63), and each
		// branch of the visibility rule has an index over the open cases, so no branch reads closed history.
		boolean openOnly = filter.open() || (filter.status() != null && filter.status() != CaseStatus.CLOSED);
		if (filter.status() != null) {
			where.append(" and c.status = :status");
			params.put("status", filter.status().name());
		}
		if (filter.type() != null) {
			where.append(" and c.type = :type");
			params.put("type", filter.type().name());
		}
		if (filter.townId() != null) {
			where.append(" and c.town_id = :town");
			params.put("town", filter.townId());
		}
		if (filter.orgId() != null) {
			String exists = "exists (select 1 from case_task ft where ft.case_id = c.id and ft.org_id = :filterOrg)";
			where.append(openOnly ? " and (c.task_org_ids @> array[:filterOrg]::bigint[] or (c.task_org_ids is null and "
					+ exists + "))" : " and " + exists);
			params.put("filterOrg", filter.orgId());
		}
		if (filter.gridCode() != null) {
			where.append(" and (c.grid_code = :grid or :grid = any(c.special_grid_codes))");
			params.put("grid", filter.gridCode());
		}
		if (filter.open()) {
			where.append(" and c.status <> 'CLOSED'");
		}
		if (filter.gridCodes() != null) {
			// Grid codes are digits only; passed as one text so no driver array type is needed.
			where.append(" and (c.grid_code = any(string_to_array(:grids, ',')) "
					+ "or c.special_grid_codes && string_to_array(:grids, ','))");
			params.put("grids", String.join(",", filter.gridCodes()));
		}
		if (filter.categoryCode() != null) {
			// A first-level code also finds the cases filed under its children.
			where.append(" and (c.category_code = :cat or c.category_code like :catChildren)");
			params.put("cat", filter.categoryCode());
			params.put("catChildren", filter.categoryCode() + ".%");
		}
		if (filter.urgency() != null) {
			where.append(" and c.urgency = :urgency");
			params.put("urgency", filter.urgency().name());
		}
		if (filter.createdBefore() != null) {
			where.append(" and c.created_at < :createdBefore");
			params.put("createdBefore", ts(filter.createdBefore()));
		}
		if (filter.text() != null && !filter.text().isBlank()) {
			where.append(" and (c.tracking_no = :exact or strpos(c.title, :text) > 0 or strpos(coalesce(c.address, ''), :text) > 0)");
			params.put("exact", filter.text().strip());
			params.put("text", filter.text().strip());
		}
		if (filter.requesterPhone() != null) {
			// By the keyed hash under every known key: the plaintext never reaches SQL.
			where.append(" and c.requester_phone_hash = any(:phone)");
			params.put("phone", personalData.phoneIndexes(filter.requesterPhone()).toArray(String[]::new));
		}
		if (filter.initiatingOrgId() != null) {
			where.append(" and c.initiating_org_id = :initiating");
			params.put("initiating", filter.initiatingOrgId());
		}
		// Only status (or "open") narrows the list: its total can come from the indexes alone (below).
		boolean byStatusAlone = !filter.narrowsBeyondStatus();
		String statusOnly = where.toString();
		// The branches of the visibility rule on the case's own row, and the branch "a task of the unit" apart.
		List<String> ownBranches = new ArrayList<>();
		String taskBranch = null;
		if (!actor.hasAny(Role.DISPATCHER, Role.HOTLINE, Role.LEADER, Role.DISCIPLINE, Role.ADMIN)) {
			// The same rule as Case.isVisibleTo, as SQL, kept as one OR. For open cases the branch "a task of the
			// unit" reads the case's own task_org_ids, so PostgreSQL can combine the branches' indexes over the
			// open cases (BitmapOr) and read only the cases the actor may see, whatever the unit's task history
			// (ADR 0033, docs/benchmarks.md "Work list and case page at scale"); a case whose column was never
			// derived (null: written around the application) asks case_task. Lists that include closed cases ask
			// case_task (a closed case's column is empty).
			ownBranches.add("c.requester_username = :me");
			ownBranches.add("c.created_by = :me");
			params.put("me", actor.username());
			if (actor.orgId() != null) {
				ownBranches.add("c.initiating_org_id = :myOrg");
				String exists = "exists (select 1 from case_task vt where vt.case_id = c.id and vt.org_id = :myOrg)";
				if (openOnly) {
					taskBranch = "c.task_org_ids @> array[:myOrg]::bigint[]";
					ownBranches.add("(c.task_org_ids is null and " + exists + ")");
				}
				else {
					taskBranch = exists;
				}
				if (actor.has(Role.TOWN_OPERATOR)) {
					ownBranches.add("c.town_id = :myOrg");
				}
				params.put("myOrg", actor.orgId());
			}
			if (actor.has(Role.GRID_WORKER) && !actorGrids.isEmpty()) {
				ownBranches.add("c.grid_code = any(string_to_array(:myGrids, ','))");
				ownBranches.add("c.special_grid_codes && string_to_array(:myGrids, ',')");
				params.put("myGrids", String.join(",", actorGrids));
			}
			List<String> all = new ArrayList<>(ownBranches);
			if (taskBranch != null) {
				all.add(taskBranch);
			}
			where.append(" and (").append(String.join(" or ", all)).append(")");
		}
		params.put("limit", size);
		params.put("offset", (long) page * size);
		if (openOnly && byStatusAlone && taskBranch != null) {
			return unitsOpenCases(filter, statusOnly, ownBranches, params, page, size);
		}
		long total = jdbc.sql("select count(*) from cases c" + where).params(params).query(Long.class).single();
		List<Case> items = load(jdbc.sql("select c.* from cases c" + where
				+ " order by c.created_at desc, c.id desc limit :limit offset :offset")
			.params(params)
			.query(this::caseRow)
			.list());
		return new Page(items, page, size, total);
	}

	/**
	 * A unit's open cases (or those of one open status), narrowed by nothing else, from its tasks: each task
	 * carries its case's status and creation time (V67, V68), so the unit's tasks of open cases are an index
	 * in the list's order. The total counts that index alone; the page takes its first cases from it, and
	 * from the few cases the actor may read through the rule's other branches ({@code ownBranches}:
	 * requester, filer, initiating unit, town, grid), then reads just those rows. The same cases, in the
	 * same order, as the visibility rule over {@code cases} gives, without reading every open case the unit
	 * may see: the planner cannot tell that open cases are the recent ones, and chose to read and sort all of
	 * them at 10 M cases (ADR 0033, "The total and the page"). A task whose copies were never derived
	 * (null: written around the application) asks its case.
	 */
	private Page unitsOpenCases(Filter filter, String statusOnly, List<String> ownBranches, Map<String, Object> params,
			int page, int size) {
		String taskStatus = filter.status() != null ? " and t.case_status = :status" : "";
		String own = "select c.id, c.created_at from cases c" + statusOnly + " and (" + String.join(" or ", ownBranches) + ")";
		String notDerived = "select c.id, c.created_at from case_task t join cases c on c.id = t.case_id" + statusOnly
				+ " and t.org_id = :myOrg and t.case_status is null";
		long total = jdbc.sql("select count(*) from (select t.case_id from case_task t where t.org_id = :myOrg"
				+ " and t.case_status <> 'CLOSED'" + taskStatus + " union select id from (" + notDerived + ") n"
				+ " union select id from (" + own + ") o) v")
			.params(params)
			.query(Long.class)
			.single();
		params.put("end", (long) (page + 1) * size);
		String byTasks = "select distinct on (t.case_created_at, t.case_id) t.case_id as id, t.case_created_at as created_at"
				+ " from case_task t where t.org_id = :myOrg and t.case_status <> 'CLOSED'" + taskStatus
				+ " order by t.case_created_at desc, t.case_id desc limit :end";
		List<Case> items = load(jdbc.sql("select c.* from cases c join (select id, created_at from ((" + byTasks + ") union ("
				+ notDerived + ") union (" + own + " order by c.created_at desc, c.id desc limit :end)) u"
				+ " order by created_at desc, id desc limit :limit offset :offset) p on p.id = c.id"
				+ " order by c.created_at desc, c.id desc")
			.params(params)
			.query(this::caseRow)
			.list());
		return new Page(items, page, size, total);
	}

	/**
	 * The deadlines still ahead of each given open task: signing while dispatched, reporting on site
	 * until arrived, completing until completed.
	 */
	public Map<UUID, List<Due>> openTaskDues(java.util.Collection<UUID> taskIds) {
		Map<UUID, List<Due>> dues = new HashMap<>();
		if (taskIds.isEmpty()) {
			return dues;
		}
		jdbc.sql("select * from case_task where id = any(?) and status in ('DISPATCHED', 'SIGNED', 'ARRIVED')")
			.param(taskIds.toArray(UUID[]::new))
			.query(rs -> {
				List<Due> list = new ArrayList<>();
				String status = rs.getString("status");
				Due sign = Due.of(instant(rs, "sign_warn_at"), instant(rs, "sign_due_at"));
				Due arrive = Due.of(instant(rs, "arrive_warn_at"), instant(rs, "arrive_due_at"));
				Due complete = Due.of(instant(rs, "complete_warn_at"), instant(rs, "complete_due_at"));
				if (sign != null && status.equals("DISPATCHED")) {
					list.add(sign);
				}
				if (arrive != null && !status.equals("ARRIVED")) {
					list.add(arrive);
				}
				if (complete != null) {
					list.add(complete);
				}
				if (!list.isEmpty()) {
					dues.put(rs.getObject("id", UUID.class), list);
				}
			});
		return dues;
	}

	/** Appends a timeline entry without touching the case itself (system notes: warnings, overdue). */
	public void appendTimeline(UUID caseId, TimelineEntry t) {
		jdbc.sql("insert into case_timeline(case_id, at, actor_username, actor_org_id, action, from_status, to_status, "
				+ "note) values (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(caseId, ts(t.at()), t.actorUsername(), t.actorOrgId(), t.action(), name(t.fromStatus()),
					name(t.toStatus()), t.note())
			.update();
	}

	public void save(Case c) {
		long newVersion = c.version() + 1;
		List<TimelineEntry> timeline = c.newTimelineEntries();
		if (c.isNew()) {
			insert(c, newVersion, timeline);
		}
		else {
			update(c, newVersion, timeline);
		}
		saveTasks(c);
		for (Evaluation e : c.newEvaluations()) {
			jdbc.sql("insert into case_evaluation(case_id, round, rating, comment, by_username, by_org_id, at) "
					+ "values (?, ?, ?, ?, ?, ?, ?)")
				.params(c.id(), e.round(), e.rating().name(), e.comment(), e.byUsername(), e.byOrgId(), ts(e.at()))
				.update();
		}
		c.markSaved(newVersion);
	}

	/**
	 * Updates the case row under its version and appends its new timeline entries in the same statement (one
	 * round trip per step); no row written means another transaction changed the case first.
	 */
	private void update(Case c, long version, List<TimelineEntry> timeline) {
		String sql = """
				update cases set status = ?, outcome = ?, round = ?, merged_into = ?, consecutive_failures = ?,
				       verification = ?, updated_at = ?, version = ?, review_warn_at = ?, review_due_at = ?,
				       evaluation_warn_at = ?, evaluation_due_at = ?, urgency = ?, task_org_ids = ?
				where id = ? and version = ?""";
		List<Object> timelineParams = new ArrayList<>();
		String statement = withTimeline(sql, timeline, timelineParams);
		int written = jdbc.sql(statement)
			.params(c.status().name(), name(c.outcome()), c.round(), c.mergedInto(), c.consecutiveFailures(),
					name(c.verification()), ts(c.updatedAt()), version, warn(c.reviewDue()), due(c.reviewDue()),
					warn(c.evaluationDue()), due(c.evaluationDue()), c.urgency().name(),
					taskOrgIds(c).toArray(Long[]::new), c.id(), c.version())
			.params(timelineParams)
			.update();
		if (written != Math.max(1, timeline.size())) {
			throw new OptimisticLockingFailureException("Case " + c.trackingNo() + " was changed concurrently");
		}
	}

	/**
	 * The statement that writes the case row ({@code insert} or {@code update}), followed in the same statement by
	 * the insert of its timeline entries in their order; the statement then counts the entries it wrote. The
	 * entries' parameters are added to {@code params}.
	 */
	private static String withTimeline(String caseRow, List<TimelineEntry> timeline, List<Object> params) {
		if (timeline.isEmpty()) {
			return caseRow;
		}
		StringBuilder sql = new StringBuilder("with c as (").append(caseRow).append("""
				 returning id)
				insert into case_timeline(case_id, at, actor_username, actor_org_id, action, from_status, to_status, note)
				select c.id, t.at, t.actor_username, t.actor_org_id, t.action, t.from_status, t.to_status, t.note
				from c, (values """);
		for (int i = 0; i < timeline.size(); i++) {
			TimelineEntry t = timeline.get(i);
			sql.append(i == 0 ? "(?::int, ?::timestamptz, ?::text, ?::bigint, ?::text, ?::text, ?::text, ?::text)"
					: ", (?, ?, ?, ?, ?, ?, ?, ?)");
			params.addAll(Arrays.asList(i, ts(t.at()), t.actorUsername(), t.actorOrgId(), t.action(),
					name(t.fromStatus()), name(t.toStatus()), t.note()));
		}
		return sql.append(") t(n, at, actor_username, actor_org_id, action, from_status, to_status, note) order by t.n")
			.toString();
	}

	/** Inserts the case, and with it, in the same statement, its timeline entries (if any) in their order. */
	private void insert(Case c, long version, List<TimelineEntry> timeline) {
		Location l = c.location() == null ? new Location(null, null, null) : c.location();
		String sql = """
				insert into cases(id, tracking_no, type, status, outcome, round, green_channel, title, description,
				  category_code, urgency, channel, town_id, lat, lon, address, requester_name, requester_phone,
				  requester_phone_hash, requester_username, created_by, creator_org_id, initiating_org_id, merged_into, consecutive_failures,
				  verification, created_at, updated_at, version, review_warn_at, review_due_at, evaluation_warn_at,
				  evaluation_due_at, anonymous, attachment_ids, village_id, grid_code, special_grid_codes, task_org_ids)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
				  ?, ?, ?, ?, ?)""";
		List<Object> timelineParams = new ArrayList<>();
		jdbc.sql(withTimeline(sql, timeline, timelineParams))
			.params(c.id(), c.trackingNo(), c.type().name(), c.status().name(), name(c.outcome()), c.round(),
					c.greenChannel(), c.title(), c.description(), c.categoryCode(), c.urgency().name(),
					c.channel().name(), c.townId(), l.lat(), l.lon(), l.address(),
					personalData.seal(REQUESTER_NAME.context(), c.requester().name()),
					personalData.seal(REQUESTER_PHONE.context(), c.requester().phone()),
					personalData.phoneIndex(c.requester().phone()), c.requester().username(), c.createdBy(), c.creatorOrgId(),
					c.initiatingOrgId(), c.mergedInto(), c.consecutiveFailures(), name(c.verification()),
					ts(c.createdAt()), ts(c.updatedAt()), version, warn(c.reviewDue()), due(c.reviewDue()),
					warn(c.evaluationDue()), due(c.evaluationDue()), c.anonymous(), c.attachmentIds().toArray(UUID[]::new),
					c.villageId(), c.gridCode(), c.specialGridCodes().toArray(String[]::new),
					taskOrgIds(c).toArray(Long[]::new))
			.params(timelineParams)
			.update();
	}

	/**
	 * The column {@code task_org_ids}: while the case is open, the units holding a task of it (any round, any
	 * status), sorted; empty once it is closed. It lets "the open cases a unit may read" use an index over the
	 * open cases instead of the unit's whole task history (V63, ADR 0033). {@code null} (rows written around
	 * the application) means: ask case_task.
	 */
	public static List<Long> taskOrgIds(Case c) {
		if (c.status() == CaseStatus.CLOSED) {
			return List.of();
		}
		return c.tasks().stream().map(Task::orgId).distinct().sorted().toList();
	}

	private void saveTasks(Case c) {
		List<Object[]> rows = new ArrayList<>();
		boolean all = c.statusOrRoundChanged();
		for (Task t : c.tasks()) {
			if (!t.isDirty() && !all) {
				continue;
			}
			PendingRequest p = t.pendingRequest();
			rows.add(new Object[] { t.id(), c.id(), t.seq(), t.orgId(), t.role().name(), t.round(), t.status().name(),
					t.dutyId(), ts(t.dispatchedAt()), ts(t.signedAt()), ts(t.arrivedAt()), ts(t.completedAt()),
					t.result(), t.attachmentIds().toArray(UUID[]::new), p == null ? null : p.kind().name(),
					p == null ? null : p.reason(), p == null ? null : p.days(), t.extensionDays(), warn(t.signDue()),
					due(t.signDue()), warn(t.arriveDue()), due(t.arriveDue()), warn(t.completeDue()),
					due(t.completeDue()), workCaseType(c, t), c.status().name(), ts(c.createdAt()) });
		}
		if (rows.isEmpty()) {
			return;
		}
		template.batchUpdate("""
				insert into case_task(id, case_id, seq, org_id, role, round, status, duty_id, dispatched_at, signed_at,
				  arrived_at, completed_at, result, attachment_ids, pending_kind, pending_reason, pending_days,
				  extension_days, sign_warn_at, sign_due_at, arrive_warn_at, arrive_due_at, complete_warn_at,
				  complete_due_at, work_case_type, case_status, case_created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (id) do update set status = excluded.status, signed_at = excluded.signed_at,
				  arrived_at = excluded.arrived_at, completed_at = excluded.completed_at, result = excluded.result,
				  attachment_ids = excluded.attachment_ids, pending_kind = excluded.pending_kind,
				  pending_reason = excluded.pending_reason, pending_days = excluded.pending_days,
				  extension_days = excluded.extension_days, sign_warn_at = excluded.sign_warn_at,
				  sign_due_at = excluded.sign_due_at, arrive_warn_at = excluded.arrive_warn_at,
				  arrive_due_at = excluded.arrive_due_at, complete_warn_at = excluded.complete_warn_at,
				  complete_due_at = excluded.complete_due_at, work_case_type = excluded.work_case_type,
				  case_status = excluded.case_status, case_created_at = excluded.case_created_at""", rows);
	}

	/**
	 * The column {@code case_task.work_case_type}: the case's type while the case is IN_PROGRESS in the task's
	 * round, else {@code ''}; with the task's own status it says which work list holds the task, without
	 * reading the case (V63, ADR 0033). {@code null} (rows written around the application) means: read the case.
	 */
	public static String workCaseType(Case c, Task t) {
		return c.status() == CaseStatus.IN_PROGRESS && c.round() == t.round() ? c.type().name() : "";
	}

	/** Loads tasks and evaluations of all the given case rows in two queries (one when none may have evaluations). */
	private List<Case> load(List<CaseRow> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		UUID[] ids = rows.stream().map(CaseRow::id).toArray(UUID[]::new);
		Map<UUID, List<Task>> tasks = new HashMap<>();
		jdbc.sql("select * from case_task where case_id = any(?) order by case_id, seq")
			.param(ids)
			.query(rs -> {
				tasks.computeIfAbsent(rs.getObject("case_id", UUID.class), k -> new ArrayList<>()).add(taskRow(rs, ""));
			});
		// Only cases that may have been evaluated are asked for their evaluations (Case.mayHaveEvaluations):
		// most loads are of cases in their first round, before any evaluation.
		UUID[] evaluable = rows.stream().filter(CaseRow::mayHaveEvaluations).map(CaseRow::id).toArray(UUID[]::new);
		Map<UUID, List<Evaluation>> evaluations = evaluable.length == 0 ? Map.of() : evaluations(evaluable);
		Map<UUID, Case> loaded = new LinkedHashMap<>();
		for (CaseRow row : rows) {
			loaded.put(row.id(), row.toCase(tasks.getOrDefault(row.id(), List.of()),
					evaluations.getOrDefault(row.id(), List.of())));
		}
		return List.copyOf(loaded.values());
	}

	/** The evaluations of the given cases, by case, each case's in round order. */
	private Map<UUID, List<Evaluation>> evaluations(UUID[] caseIds) {
		Map<UUID, List<Evaluation>> evaluations = new HashMap<>();
		jdbc.sql("select * from case_evaluation where case_id = any(?) order by case_id, round")
			.param(caseIds)
			.query(rs -> {
				evaluations.computeIfAbsent(rs.getObject("case_id", UUID.class), k -> new ArrayList<>())
					.add(new Evaluation(rs.getInt("round"), Rating.valueOf(rs.getString("rating")),
							rs.getString("comment"), rs.getString("by_username"), rs.getObject("by_org_id", Long.class),
							instant(rs, "at")));
			});
		return evaluations;
	}

	/** A case row, read before its tasks and evaluations (asked for only where it may have any). */
	private record CaseRow(UUID id, boolean mayHaveEvaluations,
			java.util.function.BiFunction<List<Task>, List<Evaluation>, Case> builder) {
		Case toCase(List<Task> tasks, List<Evaluation> evaluations) {
			return builder.apply(tasks, evaluations);
		}
	}

	private CaseRow caseRow(ResultSet rs, int n) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		String trackingNo = rs.getString("tracking_no");
		CaseType type = CaseType.valueOf(rs.getString("type"));
		boolean green = rs.getBoolean("green_channel");
		String title = rs.getString("title");
		String description = rs.getString("description");
		String category = rs.getString("category_code");
		Urgency urgency = Urgency.valueOf(rs.getString("urgency"));
		Channel channel = Channel.valueOf(rs.getString("channel"));
		Long townId = rs.getObject("town_id", Long.class);
		Double lat = rs.getObject("lat", Double.class);
		Double lon = rs.getObject("lon", Double.class);
		String address = rs.getString("address");
		Location location = lat == null && lon == null && address == null ? null : new Location(lat, lon, address);
		Long villageId = rs.getObject("village_id", Long.class);
		String gridCode = rs.getString("grid_code");
		Array special = rs.getArray("special_grid_codes");
		List<String> specialGridCodes = special == null ? List.of() : List.of((String[]) special.getArray());
		Requester requester = new Requester(personalData.open(REQUESTER_NAME.context(), rs.getString("requester_name")),
				personalData.open(REQUESTER_PHONE.context(), rs.getString("requester_phone")),
				rs.getString("requester_username"));
		String createdBy = rs.getString("created_by");
		Long creatorOrg = rs.getObject("creator_org_id", Long.class);
		Long initiatingOrg = rs.getObject("initiating_org_id", Long.class);
		Instant createdAt = instant(rs, "created_at");
		boolean anonymous = rs.getBoolean("anonymous");
		Array photos = rs.getArray("attachment_ids");
		List<UUID> photoIds = photos == null ? List.of() : Arrays.asList((UUID[]) photos.getArray());
		CaseStatus status = CaseStatus.valueOf(rs.getString("status"));
		Outcome outcome = enumOrNull(Outcome.class, rs.getString("outcome"));
		int round = rs.getInt("round");
		UUID mergedInto = rs.getObject("merged_into", UUID.class);
		int failures = rs.getInt("consecutive_failures");
		Verification verification = enumOrNull(Verification.class, rs.getString("verification"));
		Instant updatedAt = instant(rs, "updated_at");
		long version = rs.getLong("version");
		Due reviewDue = Due.of(instant(rs, "review_warn_at"), instant(rs, "review_due_at"));
		Due evaluationDue = Due.of(instant(rs, "evaluation_warn_at"), instant(rs, "evaluation_due_at"));
		return new CaseRow(id, Case.mayHaveEvaluations(status, round), (tasks, evaluations) -> new Case(id, trackingNo,
				type, green, title, description, category, urgency, channel, townId, location, villageId, gridCode,
				specialGridCodes, requester, createdBy, creatorOrg, initiatingOrg, createdAt, anonymous, photoIds, status,
				outcome, round, mergedInto, failures, verification, updatedAt, version, reviewDue, evaluationDue, tasks,
				evaluations));
	}

	/** A task from the columns named with the given prefix. */
	private static Task taskRow(ResultSet rs, String p) throws SQLException {
		String pendingKind = rs.getString(p + "pending_kind");
		PendingRequest pending = pendingKind == null ? null
				: new PendingRequest(Kind.valueOf(pendingKind), rs.getString(p + "pending_reason"),
						rs.getObject(p + "pending_days", Integer.class));
		Array attachments = rs.getArray(p + "attachment_ids");
		List<UUID> attachmentIds = attachments == null ? List.of() : Arrays.asList((UUID[]) attachments.getArray());
		return new Task(rs.getObject(p + "id", UUID.class), rs.getInt(p + "seq"), rs.getLong(p + "org_id"),
				TaskRole.valueOf(rs.getString(p + "role")), rs.getInt(p + "round"), rs.getObject(p + "duty_id", Long.class),
				instant(rs, p + "dispatched_at"), TaskStatus.valueOf(rs.getString(p + "status")), instant(rs, p + "signed_at"),
				instant(rs, p + "arrived_at"), instant(rs, p + "completed_at"), rs.getString(p + "result"), attachmentIds,
				pending, rs.getInt(p + "extension_days"), Due.of(instant(rs, p + "sign_warn_at"), instant(rs, p + "sign_due_at")),
				Due.of(instant(rs, p + "arrive_warn_at"), instant(rs, p + "arrive_due_at")),
				Due.of(instant(rs, p + "complete_warn_at"), instant(rs, p + "complete_due_at")));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp ts = rs.getTimestamp(column);
		return ts == null ? null : ts.toInstant();
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static Timestamp warn(Due due) {
		return due == null ? null : ts(due.warnAt());
	}

	private static Timestamp due(Due due) {
		return due == null ? null : ts(due.dueAt());
	}

	private static String name(Enum<?> e) {
		return e == null ? null : e.name();
	}

	private static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
		return value == null ? null : Enum.valueOf(type, value);
	}

}
