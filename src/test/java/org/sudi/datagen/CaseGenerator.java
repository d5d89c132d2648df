package org.sudi.datagen;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import org.sudi.casework.CaseAwaitingEvaluation;
import org.sudi.casework.CaseClosed;
import org.sudi.casework.CaseDispatched;
import org.sudi.casework.CaseEscalated;
import org.sudi.casework.CaseEvaluated;
import org.sudi.casework.CasePlace;
import org.sudi.casework.CaseReturnedToTriage;
import org.sudi.casework.CaseStatus;
import org.sudi.casework.CaseSubmitted;
import org.sudi.casework.CaseType;
import org.sudi.casework.CaseVerified;
import org.sudi.casework.Channel;
import org.sudi.casework.DeadlineCleared;
import org.sudi.casework.DeadlineSet;
import org.sudi.casework.Outcome;
import org.sudi.casework.Rating;
import org.sudi.casework.ReworkOrdered;
import org.sudi.casework.TaskCompleted;
import org.sudi.casework.TaskRequestDecided;
import org.sudi.casework.TaskRequestMade;
import org.sudi.casework.TaskRole;
import org.sudi.casework.TaskSigned;
import org.sudi.casework.TaskStatus;
import org.sudi.casework.Urgency;
import org.sudi.casework.domain.Case;
import org.sudi.casework.domain.DatagenAccess;
import org.sudi.casework.domain.Due;
import org.sudi.casework.domain.Evaluation;
import org.sudi.casework.domain.Ids;
import org.sudi.casework.domain.Location;
import org.sudi.casework.domain.Requester;
import org.sudi.casework.domain.Submission;
import org.sudi.casework.domain.Task;
import org.sudi.casework.domain.TimelineEntry;
import org.sudi.catalog.DutyItem;
import org.sudi.catalog.Step;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.Role;

/**
 * Plays N cases through the real {@link Case} aggregate (its transitions, timeline, deadlines and
 * events) at generated moments over a year, fires the clock as the sweeper would between the steps
 * (warnings, overdue with automatic supervision, expired evaluation windows), and writes what the
 * application would have left: casework's rows, the clock's deadlines and supervisions, and the rows
 * the listeners of assessment, insight, triage and grid keep from the events (the same rules as
 * FactRecorder, Rollups, DeadlineTracker, TriageListener and GridCaseCounter, applied in memory).
 * Per-day rollups are summed in memory and written at the end ({@link Totals}).
 *
 * <p>Deliberate limits, so nothing here has to invent rules the application does not have: a case is
 * evaluated unsatisfied or fails verification at most once in a row (no accountability records);
 * returns are asked only of a single lead task and are approved; a late task is still completed
 * before it would be long overdue; no leader instructions, merges, withdrawals or notifications.
 */
final class CaseGenerator {

	static final Actor SYSTEM = new Actor("system", "系统", null, Set.of());

	private static final String[] SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗".split("");
	private static final String[] GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红".split("");
	private static final String[] ESCALATE = { "涉及多个部门职责，超出镇街权限", "需要区级执法部门处理", "镇街无执法权限，申请区级协调" };
	private static final String[] RETURN = { "该事项不属于本单位职责范围", "经核实应由属地镇街处理", "职责清单中无此事项" };
	private static final String[] EXTEND = { "需协调多个部门现场会商", "涉及资金审批，流程较长", "需等待天气条件施工" };
	private static final String[] REJECT = { "诉求内容不明确，无法办理", "属于司法程序事项，不予受理", "重复反映，已另案办理" };
	private static final String[] COMMENT = { "处理及时，态度很好", "问题已解决，谢谢", "基本解决，希望后续跟进", "还可以", null, null };

	private final World world;
	private final CopySink sink;
	private final Totals totals;
	private final Instant start;
	private final Instant now;
	private final long firstTrackingNo;
	private final long n;
	private final SupervisionIds supervisionIds;

	interface SupervisionIds {
		long next();
	}

	CaseGenerator(World world, CopySink sink, Totals totals, Instant start, Instant now, long firstTrackingNo, long n,
			SupervisionIds supervisionIds) {
		this.world = world;
		this.sink = sink;
		this.totals = totals;
		this.start = start;
		this.now = now;
		this.firstTrackingNo = firstTrackingNo;
		this.n = n;
		this.supervisionIds = supervisionIds;
	}

	/** Generates case number {@code i} of n (cases are spread evenly over the days, in order). */
	void generate(long i, long seed) {
		new Sim(i, new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i)).run();
	}

	// ------------------------------------------------------------------ the clock's record of a step

	static final class Deadline {
		final UUID taskId;
		final Long orgId;
		final Step step;
		int round;
		Instant warn;
		Instant due;
		Instant longDue;
		String state;
		Instant next;
		Instant updated;
		String urgency;

		Deadline(UUID taskId, Long orgId, Step step) {
			this.taskId = taskId;
			this.orgId = orgId;
			this.step = step;
		}
	}

	static final class TaskFact {
		UUID caseId;
		long orgId;
		String role;
		int round;
		Instant dispatched;
		Instant signDue;
		Instant signed;
		Instant completeDue;
		Instant completed;
		Instant returned;
		int extensionDays;
	}

	static final class Judgement {
		Long leadOrgId;
		String rating;
		Long evaluatorOrgId;
		boolean verificationFailed;
		boolean rework;
		Instant judged;
	}

	static final class RequestFact {
		UUID taskId;
		long orgId;
		String kind;
		Integer days;
		Instant made;
		Instant decided;
		Boolean approved;
	}

	static final class Supervision {
		long id;
		UUID taskId;
		Long orgId;
		String note;
		Instant issued;
		Instant closed;
		String closedNote;
	}

	// ------------------------------------------------------------------ one case

	private final class Sim {
		final long i;
		final SplittableRandom rnd;
		Case c;
		final List<TimelineEntry> timeline = new ArrayList<>();
		final List<Evaluation> evaluations = new ArrayList<>();
		final Map<String, Deadline> deadlines = new LinkedHashMap<>();
		// assessment facts
		Long cfReviewTown;
		Instant cfReviewDue;
		Instant cfReviewed;
		Long cfLead;
		boolean cfReworked;
		Instant cfClosed;
		String cfOutcome;
		Long cfClosedLead;
		final Map<UUID, TaskFact> taskFacts = new LinkedHashMap<>();
		final Map<Integer, Judgement> judgements = new LinkedHashMap<>();
		final List<RequestFact> requests = new ArrayList<>();
		final List<Object[]> misses = new ArrayList<>();
		final Set<String> missKeys = new HashSet<>();
		final List<Supervision> supervisions = new ArrayList<>();
		// insight
		boolean open = true;
		String openStatus;
		String lastAction;
		Instant openUpdated;
		final Set<Long> unitIds = new LinkedHashSet<>();
		final Map<String, String> stepStates = new LinkedHashMap<>();
		int warningSteps;
		int overdueSteps;
		// triage
		Long triageLead;
		// who may evaluate
		Actor requesterActor;
		Actor initiatorActor;

		Sim(long i, SplittableRandom rnd) {
			this.i = i;
			this.rnd = rnd;
		}

		boolean chance(double p) {
			return rnd.nextDouble() < p;
		}

		<T> T pick(List<T> list) {
			return list.get(rnd.nextInt(list.size()));
		}

		<T> T pick(T[] list) {
			return list[rnd.nextInt(list.length)];
		}

		/** A staff action: moved into office hours (8:00–18:00) of the day it falls on, or the next day. */
		Instant staff(Instant t) {
			ZonedDateTime z = t.atZone(world.zone);
			if (z.getHour() < 8) {
				return z.withHour(8).withMinute(0).withSecond(0).plusSeconds(rnd.nextInt(7200)).toInstant();
			}
			if (z.getHour() >= 18) {
				return z.plusDays(1).withHour(8).withMinute(0).withSecond(0).plusSeconds(rnd.nextInt(7200)).toInstant();
			}
			return t;
		}

		Instant after(Instant t, double minMinutes, double maxMinutes) {
			double minutes = minMinutes + rnd.nextDouble() * (maxMinutes - minMinutes);
			return staff(t.plusSeconds((long) (minutes * 60)));
		}

		/**
		 * When a step with a deadline is done: mostly in office hours before it, with probability
		 * {@code late} up to 30 % of its time after it.
		 */
		Instant within(Instant from, Instant due, double late) {
			boolean isLate = chance(late);
			Instant t = along(from, due, isLate ? 1.0 + rnd.nextDouble() * 0.3 : 0.05 + rnd.nextDouble() * 0.85);
			Instant s = staff(t);
			return isLate || s.isBefore(due) ? s : t;
		}

		/** The deadline the aggregate will set for {@code step} started at {@code start} (null: untimed). */
		Instant dueOf(Step step, Instant start) {
			return world.limits.policyFor(c.type().name(), c.urgency().name(), c.categoryCode())
				.map(p -> world.limits.calendar().deadline(start, p.limit(step)))
				.orElse(null);
		}

		/** A moment at fraction f of the way from {@code from} to {@code to}. */
		Instant along(Instant from, Instant to, double f) {
			long s = Duration.between(from, to).toSeconds();
			return from.plusSeconds(Math.max(60, (long) (s * f)));
		}

		void run() {
			submit();
			try {
				loop();
			}
			catch (Stop stop) {
				// the case is still open now
			}
			sweep(now);
			write();
		}

		// ---------------------------------------------------------------- the story

		void submit() {
			long days = Duration.between(start, now).toDays();
			long day = Math.min(days - 1, i * days / n);
			ZonedDateTime d = start.atZone(world.zone).toLocalDate().plusDays(day).atStartOfDay(world.zone);
			double r = rnd.nextDouble();
			long second = r < 0.75 ? 8 * 3600 + rnd.nextInt(10 * 3600) : r < 0.95 ? 18 * 3600 + rnd.nextInt(4 * 3600)
					: rnd.nextInt(8 * 3600);
			Instant t0 = d.plusSeconds(second).toInstant();
			if (t0.isAfter(now)) {
				t0 = now.minusSeconds(1 + rnd.nextInt(3600));
			}
			Texts.Message msg = pick(world.texts.messages);
			World.Place place = pick(world.places);
			OrgUnit town = world.units.get(place.townId());
			String category = category(msg);
			double cr = rnd.nextDouble();
			Channel channel = cr < 0.35 ? Channel.HOTLINE : cr < 0.55 ? Channel.WECHAT : cr < 0.68 ? Channel.H5
					: cr < 0.80 ? Channel.GRID : cr < 0.85 ? Channel.POLICE_110 : cr < 0.89 ? Channel.TOWN
							: cr < 0.92 ? Channel.DEPARTMENT : cr < 0.95 ? Channel.ENTERPRISE : cr < 0.97 ? Channel.OPEN311
									: Channel.PATROL;
			CaseType type = switch (channel) {
				case TOWN, DEPARTMENT -> CaseType.ENFORCEMENT;
				case ENTERPRISE -> CaseType.DEVELOPMENT;
				case HOTLINE -> chance(0.03) ? CaseType.DEVELOPMENT : CaseType.LIVELIHOOD;
				default -> CaseType.LIVELIHOOD;
			};
			Actor actor = switch (channel) {
				case WECHAT, H5, OPEN311 -> citizen();
				case GRID, PATROL -> gridWorker(place.villageId());
				case TOWN -> townOperator(town);
				case DEPARTMENT -> departmentStaff(pick(world.departments));
				case ENTERPRISE -> new Actor(chance(0.05) ? "enterprise" : "ent-" + (10000 + rnd.nextInt(20000)), "企业",
						null, Set.of(Role.ENTERPRISE));
				default -> new Actor("hotline", "话务员", world.centre.id(), Set.of(Role.HOTLINE));
			};
			if (actor.hasAny(Role.CITIZEN, Role.ENTERPRISE)) {
				requesterActor = actor;
			}
			if (type == CaseType.ENFORCEMENT) {
				initiatorActor = actor;
			}
			Requester requester = new Requester(actor.hasAny(Role.CITIZEN, Role.ENTERPRISE) ? null : personName(), phone(), null);
			Urgency urgency = chance(0.06) ? Urgency.URGENT : Urgency.NORMAL;
			Submission s = new Submission(type, msg.title(), msg.text(), category, urgency, channel, place.townId(),
					new Location(place.lat(), place.lon(), place.address()), requester, chance(0.03), List.of());
			UUID id = Ids.next(t0);
			String tracking = LocalDate.ofInstant(t0, world.zone).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
					+ "-" + String.format("%06d", firstTrackingNo + i);
			c = Case.submit(id, tracking, s,
					CasePlace.placed(place.townId(), place.villageId(), place.gridCode(), place.specialGridCodes()), actor, t0,
					world.rules);
			saved();
		}

		String category(Texts.Message msg) {
			if (msg.label() != null) {
				List<String> children = world.childrenOfTopName.get(msg.label());
				if (children != null && !children.isEmpty()) {
					return pick(children);
				}
			}
			return pick(world.leafCategories);
		}

		String personName() {
			return pick(SURNAMES) + pick(GIVEN) + (chance(0.6) ? pick(GIVEN) : "");
		}

		String phone() {
			return "1" + (30 + rnd.nextInt(60)) + String.format("%08d", rnd.nextInt(100_000_000));
		}

		Actor citizen() {
			String username = chance(0.002) ? "citizen" : "u" + (100000 + rnd.nextInt(900000));
			return new Actor(username, personName(), null, Set.of(Role.CITIZEN));
		}

		Actor gridWorker(long villageId) {
			OrgUnit v = world.units.get(villageId);
			return new Actor("grid-" + v.code() + "-01", v.name() + "网格员", villageId, Set.of(Role.GRID_WORKER));
		}

		Actor townOperator(OrgUnit town) {
			return new Actor("town-" + town.code(), town.name() + "诉递专员", town.id(), Set.of(Role.TOWN_OPERATOR));
		}

		Actor departmentStaff(OrgUnit dept) {
			return new Actor("dept-" + dept.code(), dept.name() + "诉递专员", dept.id(), Set.of(Role.DEPARTMENT_STAFF));
		}

		Actor handler(long orgId) {
			OrgUnit u = world.units.get(orgId);
			return switch (u.kind()) {
				case TOWN -> townOperator(u);
				case VILLAGE -> new Actor("village-" + u.code(), u.name() + "诉递专员", u.id(), Set.of(Role.VILLAGE_OPERATOR));
				default -> departmentStaff(u);
			};
		}

		Actor dispatcher() {
			return new Actor("dispatcher", "指挥中心调度员", world.centre.id(), Set.of(Role.DISPATCHER));
		}

		/** Moves time to t: stops when t lies after now (the case stays as it is), else fires the clock up to t. */
		Instant at(Instant t) {
			if (t.isAfter(now)) {
				throw new Stop();
			}
			sweep(t);
			return t;
		}

		void loop() {
			Instant t = c.createdAt();
			if (c.status() == CaseStatus.TOWN_REVIEW) {
				Due due = c.reviewDue();
				t = at(due != null ? within(t, due.dueAt(), 0.04) : after(t, 30, 3 * 24 * 60));
				if (c.status() != CaseStatus.TOWN_REVIEW) {
					return;
				}
				OrgUnit town = world.units.get(c.townId());
				double r = rnd.nextDouble();
				if (r < 0.04) {
					c.reject(townOperator(town), pick(REJECT), t);
					saved();
					return;
				}
				if (r < 0.60) {
					List<OrgUnit> villages = world.villagesOf.getOrDefault(town.id(), List.of());
					OrgUnit assignee = !villages.isEmpty() && chance(0.5)
							? villages.stream().filter(v -> v.id() == c.villageId()).findFirst().orElse(pick(villages)) : null;
					c.accept(townOperator(town), assignee, "请按时办理", t);
					saved();
				}
				else {
					c.escalate(townOperator(town), pick(ESCALATE), t);
					saved();
				}
			}
			Set<Long> excluded = new HashSet<>();
			while (true) {
				if (c.status() == CaseStatus.DISTRICT_TRIAGE) {
					t = at(after(t, 10, 24 * 60));
					if (chance(0.03) && excluded.isEmpty()) {
						c.reject(dispatcher(), pick(REJECT), t);
						saved();
						return;
					}
					dispatch(t, excluded);
				}
				if (c.status() == CaseStatus.IN_PROGRESS) {
					t = work(t, excluded);
				}
				if (c.status() == CaseStatus.PENDING_EVALUATION) {
					t = judge(t);
				}
				if (c.status() == CaseStatus.CLOSED) {
					return;
				}
			}
		}

		void dispatch(Instant t, Set<Long> excluded) {
			List<DutyItem> duties = c.categoryCode() == null ? null : world.dutiesByCategory.get(c.categoryCode());
			DutyItem duty = null;
			OrgUnit lead = null;
			if (duties != null && chance(0.85)) {
				DutyItem d = pick(duties);
				if (!excluded.contains(d.orgId())) {
					duty = d;
					lead = world.units.get(d.orgId());
				}
			}
			while (lead == null || excluded.contains(lead.id())) {
				lead = pick(world.departments);
			}
			List<OrgUnit> assists = new ArrayList<>();
			if (excluded.isEmpty() && chance(0.18)) {
				OrgUnit a = chance(0.5) && c.townId() != null ? world.units.get(c.townId()) : pick(world.departments);
				if (a.id() != lead.id()) {
					assists.add(a);
				}
			}
			c.dispatch(dispatcher(), lead, assists, duty, "请按职责办理", t);
			saved();
		}

		/** The open tasks of the round, each from dispatch to completion; returns when the case leaves IN_PROGRESS. */
		Instant work(Instant t, Set<Long> excluded) {
			record Step2(Instant at, UUID task, String what, int days) {
			}
			List<Step2> plan = new ArrayList<>();
			List<Task> open = c.currentRound().stream().filter(Task::isOpen).toList();
			boolean single = open.size() == 1 && c.currentRound().size() == 1;
			for (Task task : open) {
				Instant from = task.dispatchedAt();
				Due sign = task.signDue();
				Due complete = task.completeDue();
				Instant signAt = sign != null ? within(from, sign.dueAt(), 0.04) : after(from, 10, 8 * 60);
				if (single && task.role() == TaskRole.LEAD && chance(0.04)) {
					Instant req = after(from, 20, 4 * 60);
					plan.add(new Step2(req, task.id(), "RETURN", 0));
					plan.add(new Step2(after(req, 20, 8 * 60), task.id(), "RETURN_OK", 0));
					continue;
				}
				plan.add(new Step2(signAt, task.id(), "SIGN", 0));
				Instant last = signAt;
				Instant completeDue = complete != null ? complete.dueAt() : signAt.plus(Duration.ofDays(5));
				int extension = 0;
				if (chance(0.06)) {
					Instant req = after(signAt, 60, 2 * 24 * 60);
					extension = 3 + rnd.nextInt(12);
					plan.add(new Step2(req, task.id(), "EXTEND", extension));
					Instant dec = after(req, 30, 24 * 60);
					boolean ok = chance(0.8);
					plan.add(new Step2(dec, task.id(), ok ? "EXTEND_OK" : "EXTEND_NO", extension));
					if (ok) {
						completeDue = completeDue.plus(Duration.ofDays(extension));
					}
					else {
						extension = 0;
					}
					last = dec;
				}
				{
					Instant arriveDue = dueOf(Step.ARRIVE, signAt);
					Instant arriveAt = arriveDue != null ? within(signAt, arriveDue, 0.05) : after(signAt, 20, 6 * 60);
					if (!arriveAt.isAfter(last)) {
						arriveAt = last.plusSeconds(300 + rnd.nextInt(1800));
					}
					plan.add(new Step2(arriveAt, task.id(), "ARRIVE", 0));
					last = arriveAt;
				}
				Instant doneAt = within(from, completeDue, 0.06);
				if (complete != null) {
					Instant longDue = world.limits.calendar().deadline(completeDue, world.longOverdue);
					if (!doneAt.isBefore(longDue.minusSeconds(3600))) {
						doneAt = longDue.minusSeconds(3600 + rnd.nextInt(3600));
					}
				}
				if (!doneAt.isAfter(last)) {
					doneAt = last.plusSeconds(600 + rnd.nextInt(3600));
				}
				plan.add(new Step2(doneAt, task.id(), "COMPLETE", 0));
			}
			plan.sort((a, b) -> a.at().compareTo(b.at()));
			for (Step2 s : plan) {
				t = at(s.at());
				Task task = c.task(s.task());
				Actor actor = handler(task.orgId());
				switch (s.what()) {
					case "SIGN" -> c.sign(actor, task.id(), t);
					case "ARRIVE" -> c.arrive(actor, task.id(), "已到现场核实情况", t);
					case "COMPLETE" -> c.complete(actor, task.id(), pick(world.texts.replies), List.of(), t);
					case "EXTEND" -> c.requestExtension(actor, task.id(), s.days(), pick(EXTEND), t);
					case "EXTEND_OK" -> c.decideExtension(dispatcher(), task.id(), true, "同意延期", t);
					case "EXTEND_NO" -> c.decideExtension(dispatcher(), task.id(), false, "不同意延期，请按时办结", t);
					case "RETURN" -> c.requestReturn(actor, task.id(), pick(RETURN), t);
					case "RETURN_OK" -> {
						excluded.add(task.orgId());
						c.decideReturn(dispatcher(), task.id(), true, "同意退单，重新派单", t);
					}
					default -> throw new IllegalStateException(s.what());
				}
				saved();
			}
			return t;
		}

		/** Verification, evaluation, or the evaluation window running out. */
		Instant judge(Instant t) {
			boolean mayFail = c.consecutiveFailures() == 0;
			if (chance(0.10)) {
				t = at(after(t, 60, 24 * 60));
				if (c.status() != CaseStatus.PENDING_EVALUATION) {
					return t;
				}
				boolean passed = !(mayFail && chance(0.15));
				c.verify(dispatcher(), passed, passed ? "现场核查已整改" : "现场核查未整改到位", t);
				saved();
				if (!passed) {
					return t;
				}
			}
			Due due = c.evaluationDue();
			if (due == null || chance(0.80)) {
				Instant evalAt = due != null ? along(t, due.warnAt(), 0.05 + rnd.nextDouble() * 0.9) : after(t, 60, 3 * 24 * 60);
				t = at(evalAt);
				if (c.status() != CaseStatus.PENDING_EVALUATION) {
					return t;
				}
				double r = rnd.nextDouble();
				Rating rating = mayFail && r < 0.08 ? Rating.UNSATISFIED : r < 0.22 ? Rating.BASICALLY_SATISFIED : Rating.SATISFIED;
				Actor evaluator = requesterActor != null && chance(0.7) ? requesterActor
						: initiatorActor != null && chance(0.8) ? initiatorActor
								: new Actor("hotline", "话务员", world.centre.id(), Set.of(Role.HOTLINE));
				c.evaluate(evaluator, rating, pick(COMMENT), t);
				saved();
				return t;
			}
			// nobody evaluates: the clock ends the window
			t = at(due.dueAt().plusSeconds(1));
			if (c.status() == CaseStatus.PENDING_EVALUATION) {
				throw new IllegalStateException("evaluation window of " + c.trackingNo() + " did not expire");
			}
			return t;
		}

		// ---------------------------------------------------------------- saving and events

		void saved() {
			DatagenAccess.Saved s = DatagenAccess.save(c);
			timeline.addAll(s.timeline());
			evaluations.addAll(s.evaluations());
			for (Object e : c.pullEvents()) {
				on(e);
			}
		}

		void on(Object e) {
			if (e instanceof CaseSubmitted s) {
				cfReviewTown = s.status() == CaseStatus.TOWN_REVIEW ? s.townId() : null;
				openStatus = s.status().name();
				lastAction = "SUBMIT";
				openUpdated = s.at();
				totals.submitted(day(s.at()), s.type().name(), s.channel().name(), s.townId(), s.categoryCode());
			}
			else if (e instanceof DeadlineSet d) {
				String key = key(d.taskId(), d.step());
				Deadline dl = deadlines.computeIfAbsent(key, k -> new Deadline(d.taskId(), d.orgId(), d.step()));
				dl.round = d.round();
				dl.warn = d.warnAt();
				dl.due = d.dueAt();
				dl.longDue = d.step() == Step.COMPLETE ? world.limits.calendar().deadline(d.dueAt(), world.longOverdue) : null;
				dl.state = "PENDING";
				dl.next = d.warnAt();
				dl.updated = d.at();
				dl.urgency = d.urgency().name();
				if (d.step() == Step.TOWN_REVIEW) {
					cfReviewDue = d.dueAt();
				}
				else if (d.taskId() != null && d.orgId() != null && (d.step() == Step.SIGN || d.step() == Step.COMPLETE)) {
					TaskFact f = taskFact(d.taskId(), d.orgId(), d.round(), d.at());
					if (d.step() == Step.SIGN) {
						f.signDue = d.dueAt();
					}
					else {
						f.completeDue = d.dueAt();
					}
				}
			}
			else if (e instanceof DeadlineCleared d) {
				Deadline dl = deadlines.get(key(d.taskId(), d.step()));
				if (dl != null && !"DONE".equals(dl.state)) {
					dl.state = "DONE";
					dl.next = null;
					dl.updated = d.at();
				}
				String previous = stepStates.remove(key(d.taskId(), d.step()));
				if ("OVERDUE".equals(previous)) {
					overdueSteps = Math.max(overdueSteps - 1, 0);
				}
				else if (previous != null) {
					warningSteps = Math.max(warningSteps - 1, 0);
				}
			}
			else if (e instanceof CaseEscalated x) {
				reviewed(x.at());
				status("DISTRICT_TRIAGE", "ESCALATE", x.at());
			}
			else if (e instanceof CaseDispatched x) {
				for (CaseDispatched.DispatchedTask t : x.tasks()) {
					TaskFact f = taskFact(t.taskId(), t.orgId(), x.round(), x.at());
					f.role = t.role().name();
					if (t.role() == TaskRole.LEAD) {
						cfLead = t.orgId();
					}
					unitIds.add(t.orgId());
				}
				if (x.byTown()) {
					reviewed(x.at());
				}
				openStatus = "IN_PROGRESS";
				lastAction = "DISPATCH";
				openUpdated = x.at();
				x.tasks().stream().filter(t -> t.role() == TaskRole.LEAD).findFirst().ifPresent(l -> triageLead = l.orgId());
			}
			else if (e instanceof TaskSigned x) {
				taskFacts.get(x.taskId()).signed = x.at();
			}
			else if (e instanceof TaskCompleted x) {
				taskFacts.get(x.taskId()).completed = x.at();
				closeSupervisions(x.taskId(), "任务已办结 task completed", x.at());
			}
			else if (e instanceof TaskRequestMade x) {
				RequestFact r = new RequestFact();
				r.taskId = x.taskId();
				r.orgId = x.orgId();
				r.kind = x.kind().name();
				r.days = x.days();
				r.made = x.at();
				requests.add(r);
			}
			else if (e instanceof TaskRequestDecided x) {
				for (int k = requests.size() - 1; k >= 0; k--) {
					RequestFact r = requests.get(k);
					if (r.taskId.equals(x.taskId()) && r.kind.equals(x.kind().name()) && r.decided == null) {
						r.decided = x.at();
						r.approved = x.approved();
						break;
					}
				}
				if (x.approved()) {
					TaskFact f = taskFacts.get(x.taskId());
					if (x.kind() == TaskRequestDecided.Kind.RETURN) {
						f.returned = x.at();
						if ("LEAD".equals(f.role) && cfLead != null && cfLead == f.orgId) {
							cfLead = null;
						}
						closeSupervisions(x.taskId(), "任务已退回 task returned", x.at());
					}
					else {
						f.extensionDays += x.days() == null ? 0 : x.days();
					}
				}
			}
			else if (e instanceof CaseReturnedToTriage x) {
				status("DISTRICT_TRIAGE", "RETURN_APPROVED", x.at());
			}
			else if (e instanceof CaseAwaitingEvaluation x) {
				status("PENDING_EVALUATION", "COMPLETE", x.at());
			}
			else if (e instanceof CaseEvaluated x) {
				Judgement j = judgements.computeIfAbsent(x.round(), r -> new Judgement());
				j.rating = x.rating().name();
				j.evaluatorOrgId = x.byOrgId();
				j.judged = x.at();
				if (j.leadOrgId == null) {
					j.leadOrgId = x.leadOrgId();
				}
				totals.rated(day(x.at()), c.type().name(), c.channel().name(), x.rating());
			}
			else if (e instanceof CaseVerified x) {
				if (!x.passed()) {
					Judgement j = judgements.get(x.round());
					if (j == null) {
						j = new Judgement();
						j.leadOrgId = cfLead;
						j.judged = x.at();
						judgements.put(x.round(), j);
					}
					j.verificationFailed = true;
				}
			}
			else if (e instanceof ReworkOrdered x) {
				Judgement j = judgements.get(x.failedRound());
				if (j == null) {
					j = new Judgement();
					j.judged = x.at();
					judgements.put(x.failedRound(), j);
				}
				j.rework = true;
				if (j.leadOrgId == null) {
					j.leadOrgId = x.leadOrgId();
				}
				cfReworked = true;
				status("IN_PROGRESS", "REWORK", x.at());
			}
			else if (e instanceof CaseClosed x) {
				cfClosed = x.at();
				cfOutcome = x.outcome().name();
				cfClosedLead = cfLead;
				if (cfReviewTown != null && cfReviewed == null) {
					cfReviewed = x.at();
				}
				closeSupervisions(null, "诉求已关闭 case closed: " + x.outcome(), x.at());
				boolean resolved = x.outcome() == Outcome.RESOLVED;
				totals.closed(day(x.at()), c.type().name(), c.channel().name(), c.townId(), resolved,
						resolved ? Duration.between(c.createdAt(), x.at()).toSeconds() : 0);
				open = false;
				stepStates.clear();
				if (resolved && (c.categoryCode() != null || triageLead != null)) {
					sink.row(Table.TRIAGE_HISTORY, c.title(), c.description(), c.categoryCode(), triageLead, "CASE",
							LocalDate.ofInstant(c.createdAt(), java.time.ZoneId.of("Asia/Shanghai")), x.at());
				}
			}
		}

		void reviewed(Instant at) {
			if (cfReviewTown != null && cfReviewed == null) {
				cfReviewed = at;
			}
		}

		void status(String status, String action, Instant at) {
			openStatus = status;
			lastAction = action;
			openUpdated = at;
		}

		TaskFact taskFact(UUID taskId, long orgId, int round, Instant at) {
			return taskFacts.computeIfAbsent(taskId, k -> {
				TaskFact f = new TaskFact();
				f.caseId = c.id();
				f.orgId = orgId;
				f.round = round;
				f.dispatched = at;
				return f;
			});
		}

		void closeSupervisions(UUID taskId, String note, Instant at) {
			for (Supervision s : supervisions) {
				if (s.closed == null && (taskId == null || taskId.equals(s.taskId))) {
					s.closed = at;
					s.closedNote = note;
				}
			}
		}

		// ---------------------------------------------------------------- the clock (DeadlineSweeper)

		void sweep(Instant t) {
			while (true) {
				Deadline next = null;
				for (Deadline d : deadlines.values()) {
					if (d.next != null && !d.next.isAfter(t) && (next == null || d.next.isBefore(next.next))) {
						next = d;
					}
				}
				if (next == null) {
					return;
				}
				fire(next);
			}
		}

		void fire(Deadline d) {
			Instant at = d.next;
			switch (d.state) {
				case "PENDING" -> {
					d.state = "WARNED";
					d.next = d.due;
					d.updated = at;
					if (d.step == Step.EVALUATE) {
						return;
					}
					note(d.orgId, "WARNING", d.step.label() + "即将到期 due soon", at);
					if (open && stepStates.putIfAbsent(key(d.taskId, d.step), "WARNING") == null) {
						warningSteps++;
					}
				}
				case "WARNED" -> {
					d.updated = at;
					if (d.step == Step.EVALUATE) {
						d.state = "DONE";
						d.next = null;
						c.expireEvaluation(SYSTEM, world.assumedRating, d.due);
						saved();
						return;
					}
					d.state = "OVERDUE";
					d.next = d.step == Step.COMPLETE ? d.longDue : null;
					note(d.orgId, "OVERDUE", d.step.label() + "已超期 overdue", at);
					Supervision s = new Supervision();
					s.id = supervisionIds.next();
					s.taskId = d.taskId;
					s.orgId = d.orgId;
					s.note = "超期自动督办 automatic supervision: " + d.step.label() + "已超期";
					s.issued = at;
					supervisions.add(s);
					// DeadlineMissed: assessment and insight
					String missKey = d.taskId + ":" + d.step + ":" + d.due;
					if (missKeys.add(missKey)) {
						misses.add(new Object[] { c.id(), d.taskId, d.orgId, d.step.name(), d.due, at });
					}
					if (open) {
						String key = key(d.taskId, d.step);
						String previous = stepStates.get(key);
						if (!"OVERDUE".equals(previous)) {
							stepStates.put(key, "OVERDUE");
							overdueSteps++;
							if ("WARNING".equals(previous)) {
								warningSteps--;
							}
						}
					}
				}
				case "OVERDUE" -> throw new IllegalStateException("generated task went long overdue: " + c.trackingNo());
				default -> d.next = null;
			}
		}

		void note(Long orgId, String action, String note, Instant at) {
			timeline.add(new TimelineEntry(at, SYSTEM.username(), orgId, action, null, null, note));
		}

		LocalDate day(Instant at) {
			return LocalDate.ofInstant(at, world.zone);
		}

		// ---------------------------------------------------------------- the rows

		void write() {
			Location l = c.location();
			Due review = c.reviewDue();
			Due evaluation = c.evaluationDue();
			sink.row(Table.CASES, c.id(), c.trackingNo(), c.type().name(), c.status().name(), name(c.outcome()), c.round(),
					c.greenChannel(), c.title(), c.description(), c.categoryCode(), c.urgency().name(), c.channel().name(),
					c.townId(), l.lat(), l.lon(), l.address(),
					world.personalData.seal(org.sudi.casework.domain.Cases.REQUESTER_NAME.context(), c.requester().name()),
					world.personalData.seal(org.sudi.casework.domain.Cases.REQUESTER_PHONE.context(), c.requester().phone()),
					world.personalData.phoneIndex(c.requester().phone()),
					c.requester().username(), c.createdBy(), c.creatorOrgId(), c.initiatingOrgId(), c.mergedInto(),
					c.consecutiveFailures(), name(c.verification()), c.createdAt(), c.updatedAt(), c.version(),
					review == null ? null : review.warnAt(), review == null ? null : review.dueAt(),
					evaluation == null ? null : evaluation.warnAt(), evaluation == null ? null : evaluation.dueAt(),
					c.anonymous(), c.attachmentIds(), c.villageId(), c.gridCode(), c.specialGridCodes(),
					org.sudi.casework.domain.Cases.taskOrgIds(c));
			for (Task t : c.tasks()) {
				var p = t.pendingRequest();
				sink.row(Table.CASE_TASK, t.id(), c.id(), t.seq(), t.orgId(), t.role().name(), t.round(), t.status().name(),
						t.dutyId(), t.dispatchedAt(), t.signedAt(), t.arrivedAt(), t.completedAt(), t.result(), t.attachmentIds(),
						p == null ? null : p.kind().name(), p == null ? null : p.reason(), p == null ? null : p.days(),
						t.extensionDays(), warn(t.signDue()), due(t.signDue()), warn(t.arriveDue()), due(t.arriveDue()),
						warn(t.completeDue()), due(t.completeDue()), org.sudi.casework.domain.Cases.workCaseType(c, t),
						c.status().name(), c.createdAt());
			}
			for (Evaluation e : evaluations) {
				sink.row(Table.CASE_EVALUATION, c.id(), e.round(), e.rating().name(), e.comment(), e.byUsername(), e.byOrgId(),
						e.at());
			}
			for (TimelineEntry e : timeline) {
				sink.row(Table.CASE_TIMELINE, c.id(), e.at(), e.actorUsername(), e.actorOrgId(), e.action(),
						name(e.fromStatus()), name(e.toStatus()), e.note());
			}
			for (Deadline d : deadlines.values()) {
				sink.row(Table.CLOCK_DEADLINE, c.id(), c.trackingNo(), d.taskId, d.orgId, d.round, d.step.name(),
						c.type().name(), d.urgency, d.warn, d.due, d.longDue, d.state, d.next, d.updated);
			}
			for (Supervision s : supervisions) {
				sink.row(Table.SUPERVISION, s.id, c.id(), c.trackingNo(), s.taskId, s.orgId, s.note, null, true, "system",
						s.issued, null, s.closed, s.closedNote);
				sink.row(Table.ASM_SUPERVISION_FACT, s.id, c.id(), s.taskId, s.orgId, true, s.issued);
			}
			sink.row(Table.ASM_CASE_FACT, c.id(), c.type().name(), c.townId(), c.initiatingOrgId(), c.createdAt(), cfReviewTown,
					cfReviewDue, cfReviewed, cfLead, cfReworked, cfClosed, cfOutcome, cfClosedLead);
			taskFacts.forEach((id, f) -> sink.row(Table.ASM_TASK_FACT, id, f.caseId, f.orgId, f.role, f.round, f.dispatched,
					f.signDue, f.signed, f.completeDue, f.completed, f.returned, f.extensionDays));
			judgements.forEach((round, j) -> sink.row(Table.ASM_JUDGEMENT, c.id(), round, j.leadOrgId, j.rating,
					j.evaluatorOrgId, j.verificationFailed, j.rework, j.judged));
			for (RequestFact r : requests) {
				sink.row(Table.ASM_REQUEST_FACT, r.taskId, c.id(), r.orgId, r.kind, r.days, r.made, r.decided, r.approved);
			}
			for (Object[] m : misses) {
				sink.row(Table.ASM_DEADLINE_MISS, m);
			}
			if (open) {
				sink.row(Table.INS_OPEN_CASE, c.id(), c.trackingNo(), c.type().name(), c.channel().name(), c.townId(),
						c.categoryCode(), c.urgency().name(), openStatus, c.createdAt(), openUpdated, lastAction,
						List.copyOf(unitIds), warningSteps, overdueSteps);
				stepStates.forEach((k, v) -> sink.row(Table.INS_STEP_STATE, c.id(), k, v));
			}
			sink.row(Table.TRIAGE_CASE, c.id(), c.trackingNo(), c.title(), c.description(), c.categoryCode(), c.townId(),
					triageLead, l.lat(), l.lon(), c.createdAt(), open);
			LocalDate submittedOn = day(c.createdAt());
			if (c.gridCode() != null) {
				sink.row(Table.GRID_CASE, c.id(), c.gridCode(), submittedOn);
			}
			for (String g : c.specialGridCodes()) {
				if (!g.equals(c.gridCode())) {
					sink.row(Table.GRID_CASE, c.id(), g, submittedOn);
				}
			}
			totals.count(c.status(), open);
		}
	}

	private static String key(UUID taskId, Step step) {
		return (taskId == null ? "case" : taskId.toString()) + ":" + step;
	}

	private static String name(Enum<?> e) {
		return e == null ? null : e.name();
	}

	private static Instant warn(Due d) {
		return d == null ? null : d.warnAt();
	}

	private static Instant due(Due d) {
		return d == null ? null : d.dueAt();
	}

	private static final class Stop extends RuntimeException {
		Stop() {
			super(null, null, false, false);
		}
	}
}
