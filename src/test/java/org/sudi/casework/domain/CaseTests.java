package org.sudi.casework.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.sudi.casework.CaseStatus.CLOSED;
import static org.sudi.casework.CaseStatus.DISTRICT_TRIAGE;
import static org.sudi.casework.CaseStatus.IN_PROGRESS;
import static org.sudi.casework.CaseStatus.PENDING_EVALUATION;
import static org.sudi.casework.CaseStatus.TOWN_REVIEW;
import static org.sudi.casework.CaseType.DEVELOPMENT;
import static org.sudi.casework.CaseType.ENFORCEMENT;
import static org.sudi.casework.CaseType.LIVELIHOOD;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sudi.casework.CaseAwaitingEvaluation;
import org.sudi.casework.CaseClosed;
import org.sudi.casework.CaseDispatched;
import org.sudi.casework.CaseDispatched.DispatchedTask;
import org.sudi.casework.CaseEscalated;
import org.sudi.casework.CaseEvaluated;
import org.sudi.casework.CaseInstructed;
import org.sudi.casework.CaseReturnedToTriage;
import org.sudi.casework.CaseStatus;
import org.sudi.casework.CaseSubmitted;
import org.sudi.casework.CaseType;
import org.sudi.casework.CaseVerified;
import org.sudi.casework.Channel;
import org.sudi.casework.Outcome;
import org.sudi.casework.Rating;
import org.sudi.casework.ReworkOrdered;
import org.sudi.casework.TaskArrived;
import org.sudi.casework.TaskCompleted;
import org.sudi.casework.TaskRequestDecided;
import org.sudi.casework.TaskRequestDecided.Kind;
import org.sudi.casework.TaskRequestMade;
import org.sudi.casework.TaskRole;
import org.sudi.casework.TaskSigned;
import org.sudi.casework.TaskStatus;
import org.sudi.casework.Urgency;
import org.sudi.catalog.DutyItem;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgKind;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.Role;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.IllegalTransitionException;
import org.sudi.platform.InvalidInputException;
import org.sudi.platform.NotFoundException;

/**
 * Domain tests of the {@link Case} aggregate: every transition of the closed loop (DESIGN.md §3)
 * and every illegal move, for the three case types, with plain objects only.
 */
@DisplayName("Case aggregate")
class CaseTests {

	// ------------------------------------------------------------------ the demo district

	static final Instant NOW = Instant.parse("2025-03-03T02:00:00Z");

	static final Instant LATER = NOW.plus(Duration.ofHours(3));

	static final String PHONE = "13812345678";

	static final OrgUnit DISTRICT = new OrgUnit(1, "D", "峄城区", OrgKind.DISTRICT, null);

	static final OrgUnit CENTRE = new OrgUnit(2, "CC", "区指挥中心", OrgKind.COMMAND_CENTER, 1L);

	static final OrgUnit TOWN_A = new OrgUnit(10, "T-A", "坛山街道", OrgKind.TOWN, 1L);

	static final OrgUnit VILLAGE_A = new OrgUnit(11, "V-A", "坛山社区", OrgKind.VILLAGE, 10L);

	static final OrgUnit TOWN_B = new OrgUnit(20, "T-B", "吴林街道", OrgKind.TOWN, 1L);

	static final OrgUnit VILLAGE_B = new OrgUnit(21, "V-B", "吴林社区", OrgKind.VILLAGE, 20L);

	static final OrgUnit URBAN = new OrgUnit(100, "DEPT-ZF", "区综合行政执法局", OrgKind.DEPARTMENT, 1L);

	static final OrgUnit ENVIRONMENT = new OrgUnit(101, "DEPT-HB", "生态环境分局", OrgKind.DEPARTMENT, 1L);

	static final OrgUnit HOUSING = new OrgUnit(102, "DEPT-ZJ", "区住建局", OrgKind.DEPARTMENT, 1L);

	static final OrgUnit ACME_ORG = new OrgUnit(300, "E-ACME", "榴乡食品有限公司", OrgKind.ENTERPRISE, null);

	static final Actor CITIZEN_ZHANG = new Actor("zhangsan", "张三", null, Set.of(Role.CITIZEN));

	static final Actor CITIZEN_LI = new Actor("lisi", "李四", null, Set.of(Role.CITIZEN));

	static final Actor ENTERPRISE_ACME = new Actor("acme", "榴乡食品", 300L, Set.of(Role.ENTERPRISE));

	static final Actor ENTERPRISE_OTHER = new Actor("globex", "其他企业", 301L, Set.of(Role.ENTERPRISE));

	static final Actor DISPATCHER = new Actor("dispatcher", "王调度", 2L, Set.of(Role.DISPATCHER));

	static final Actor HOTLINE = new Actor("hotline", "赵话务", 2L, Set.of(Role.HOTLINE));

	static final Actor LEADER = new Actor("leader", "孙领导", 1L, Set.of(Role.LEADER));

	static final Actor INSPECTOR = new Actor("inspector", "周纪委", 1L, Set.of(Role.DISCIPLINE));

	static final Actor ADMIN = new Actor("admin", "管理员", 1L, Set.of(Role.ADMIN));

	static final Actor TOWN_A_OP = new Actor("town-a", "坛山街道甲", 10L, Set.of(Role.TOWN_OPERATOR));

	static final Actor TOWN_A_OP2 = new Actor("town-a-2", "坛山街道乙", 10L, Set.of(Role.TOWN_OPERATOR));

	static final Actor TOWN_B_OP = new Actor("town-b", "吴林街道", 20L, Set.of(Role.TOWN_OPERATOR));

	static final Actor VILLAGE_A_OP = new Actor("village-a", "坛山社区", 11L, Set.of(Role.VILLAGE_OPERATOR));

	static final Actor VILLAGE_B_OP = new Actor("village-b", "吴林社区", 21L, Set.of(Role.VILLAGE_OPERATOR));

	static final Actor GRID_A = new Actor("grid-a", "网格员甲", 11L, Set.of(Role.GRID_WORKER));

	static final Actor GRID_A2 = new Actor("grid-a-2", "网格员乙", 11L, Set.of(Role.GRID_WORKER));

	static final Actor URBAN_STAFF = new Actor("urban", "执法局甲", 100L, Set.of(Role.DEPARTMENT_STAFF));

	static final Actor URBAN_STAFF2 = new Actor("urban-2", "执法局乙", 100L, Set.of(Role.DEPARTMENT_STAFF));

	static final Actor ENV_STAFF = new Actor("env", "环保分局", 101L, Set.of(Role.DEPARTMENT_STAFF));

	static final Actor HOUSING_STAFF = new Actor("housing", "住建局", 102L, Set.of(Role.DEPARTMENT_STAFF));

	static final Map<Long, Actor> STAFF = Map.of(10L, TOWN_A_OP, 11L, VILLAGE_A_OP, 20L, TOWN_B_OP, 21L, VILLAGE_B_OP,
			100L, URBAN_STAFF, 101L, ENV_STAFF, 102L, HOUSING_STAFF);

	static final DutyItem URBAN_DUTY = new DutyItem(7001, 100, "占道经营查处", List.of("占道"), List.of("CITY.STREET"));

	static final DutyItem ENV_DUTY = new DutyItem(7002, 101, "噪声污染监管", List.of("噪声"), List.of("ENV.NOISE"));

	static final DutyItem HOUSING_DUTY = new DutyItem(7003, 102, "物业管理监督", List.of("物业"), List.of("HOUSE.PM"));

	private static final AtomicInteger SEQ = new AtomicInteger();

	// ------------------------------------------------------------------ fixtures

	static Submission submission(CaseType type, Long townId) {
		return new Submission(type, "  路灯不亮  ", "  和平路口的路灯坏了三天  ", "CITY.LIGHT", null, Channel.H5, townId,
				new Location(34.76, 117.59, "和平路口"), new Requester("张三", PHONE, null));
	}

	static Case submit(CaseType type, Actor by, Long townId) {
		return Case.submit(UUID.randomUUID(), "SD20250303" + String.format("%04d", SEQ.incrementAndGet()),
				submission(type, townId), by, NOW);
	}

	/** A livelihood case filed by citizen 张三 for town A. */
	static Case livelihood() {
		return submit(LIVELIHOOD, CITIZEN_ZHANG, 10L);
	}

	/** An enforcement case: town A blows the whistle (镇街吹哨). */
	static Case enforcement() {
		return submit(ENFORCEMENT, TOWN_A_OP, 10L);
	}

	/** A development case filed by the enterprise itself. */
	static Case development() {
		return submit(DEVELOPMENT, ENTERPRISE_ACME, null);
	}

	static Case newCase(CaseType type) {
		return switch (type) {
			case LIVELIHOOD -> livelihood();
			case ENFORCEMENT -> enforcement();
			case DEVELOPMENT -> development();
		};
	}

	/** The account that evaluates "as the requester": the citizen, the initiating unit, the enterprise. */
	static Actor requesterOf(CaseType type) {
		return switch (type) {
			case LIVELIHOOD -> CITIZEN_ZHANG;
			case ENFORCEMENT -> TOWN_A_OP2;
			case DEVELOPMENT -> ENTERPRISE_ACME;
		};
	}

	/** A settled case in DISTRICT_TRIAGE (a livelihood case gets there by escalation). */
	static Case inTriage(CaseType type) {
		Case c = newCase(type);
		if (type == LIVELIHOOD) {
			c.escalate(TOWN_A_OP, "超出镇街职权 beyond the town's powers", NOW);
		}
		settle(c);
		return c;
	}

	static Case inProgress(CaseType type, OrgUnit lead, OrgUnit... assists) {
		Case c = inTriage(type);
		c.dispatch(DISPATCHER, lead, List.of(assists), null, null, NOW);
		settle(c);
		return c;
	}

	/** Lead URBAN, assist ENVIRONMENT, both finished: PENDING_EVALUATION in round 1. */
	static Case pendingEvaluation(CaseType type) {
		Case c = inProgress(type, URBAN, ENVIRONMENT);
		finishRound(c);
		assertThat(c.status()).isEqualTo(PENDING_EVALUATION);
		settle(c);
		return c;
	}

	static Actor staffOf(Task task) {
		return STAFF.get(task.orgId());
	}

	/** Signs, reports on site and completes the task, by its own unit. */
	static void finish(Case c, Task task) {
		Actor staff = staffOf(task);
		if (task.status() == TaskStatus.DISPATCHED) {
			c.sign(staff, task.id(), NOW);
		}
		if (task.status() == TaskStatus.SIGNED) {
			c.arrive(staff, task.id(), null, NOW);
		}
		c.complete(staff, task.id(), "已处理 fixed", List.of(), NOW);
	}

	static void finishRound(Case c) {
		for (Task task : c.currentRound()) {
			if (task.isOpen()) {
				finish(c, task);
			}
		}
	}

	/** Forgets what was recorded so far, as saving does: the next assertions see only new entries and events. */
	static void settle(Case c) {
		c.pullEvents();
		c.markSaved(c.version() + 1);
	}

	static Task lead(Case c) {
		return c.currentRound().stream().filter(t -> t.role() == TaskRole.LEAD && t.isOpen()).findFirst().orElseThrow();
	}

	static Task taskOf(Case c, OrgUnit unit) {
		return c.currentRound().stream().filter(t -> t.orgId() == unit.id()).reduce((a, b) -> b).orElseThrow();
	}

	static Tuple entry(String action, CaseStatus from, CaseStatus to) {
		return tuple(action, from, to);
	}

	static void assertNewTimeline(Case c, Tuple... expected) {
		assertThat(c.newTimelineEntries())
			.extracting(TimelineEntry::action, TimelineEntry::fromStatus, TimelineEntry::toStatus)
			.containsExactly(expected);
	}

	static List<Class<?>> types(List<Object> events) {
		return events.stream().<Class<?>>map(Object::getClass).toList();
	}

	/**
	 * Asserts that the call is refused with the given exception and leaves the case exactly as it
	 * was: same status, round, outcome, tasks and task states, no timeline entry, no event. Drops
	 * the events registered before the call.
	 */
	static <T extends Throwable> T refused(Case c, ThrowingCallable call, Class<T> type) {
		c.pullEvents();
		CaseStatus status = c.status();
		Outcome outcome = c.outcome();
		int round = c.round();
		int entries = c.newTimelineEntries().size();
		List<Tuple> tasks = c.tasks().stream()
			.map(t -> tuple(t.id(), t.status(), t.pendingRequest(), t.extensionDays()))
			.toList();
		Throwable thrown = catchThrowable(call);
		assertThat(thrown).isInstanceOf(type);
		assertThat(c.status()).isEqualTo(status);
		assertThat(c.outcome()).isEqualTo(outcome);
		assertThat(c.round()).isEqualTo(round);
		assertThat(c.newTimelineEntries()).hasSize(entries);
		assertThat(c.tasks()).extracting(t -> tuple(t.id(), t.status(), t.pendingRequest(), t.extensionDays()))
			.containsExactlyElementsOf(tasks);
		assertThat(c.pullEvents()).isEmpty();
		return type.cast(thrown);
	}

	static void assertForbidden(Case c, ThrowingCallable call) {
		refused(c, call, ForbiddenException.class);
	}

	static void assertIllegal(Case c, ThrowingCallable call, CaseStatus currentStatus) {
		assertIllegal(c, call, currentStatus.name());
	}

	static void assertIllegal(Case c, ThrowingCallable call, TaskStatus currentStatus) {
		assertIllegal(c, call, currentStatus.name());
	}

	static void assertIllegal(Case c, ThrowingCallable call, String currentStatus) {
		IllegalTransitionException e = refused(c, call, IllegalTransitionException.class);
		assertThat(e.currentStatus()).isEqualTo(currentStatus);
	}

	static void assertInvalid(Case c, ThrowingCallable call, String field) {
		InvalidInputException e = refused(c, call, InvalidInputException.class);
		assertThat(e.fields()).containsOnlyKeys(field);
	}

	static void assertInvalid(ThrowingCallable call, String field) {
		assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class,
				e -> assertThat(e.fields()).containsOnlyKeys(field));
	}

	// ================================================================== submit

	@Nested
	@DisplayName("submit (诉求上报)")
	class Submit {

		static final Map<CaseType, Set<Role>> FILERS = Map.of(
				LIVELIHOOD, EnumSet.of(Role.CITIZEN, Role.HOTLINE, Role.GRID_WORKER, Role.TOWN_OPERATOR,
						Role.VILLAGE_OPERATOR, Role.DISPATCHER),
				ENFORCEMENT, EnumSet.of(Role.TOWN_OPERATOR, Role.DEPARTMENT_STAFF, Role.DISPATCHER),
				DEVELOPMENT, EnumSet.of(Role.ENTERPRISE, Role.HOTLINE, Role.DISPATCHER));

		static Stream<Arguments> everyTypeAndRole() {
			return Arrays.stream(CaseType.values())
				.flatMap(type -> Arrays.stream(Role.values())
					.map(role -> Arguments.of(type, role, FILERS.get(type).contains(role))));
		}

		@ParameterizedTest(name = "{0} by {1}: allowed = {2}")
		@MethodSource("everyTypeAndRole")
		@DisplayName("only the roles listed for a case type may file it; the others are forbidden")
		void whoMayFile(CaseType type, Role role, boolean allowed) {
			Actor actor = new Actor("someone", "某人", role == Role.CITIZEN ? null : 10L, Set.of(role));
			ThrowingCallable filing = () -> Case.submit(UUID.randomUUID(), "SD1", submission(type, 10L), actor, NOW);
			if (allowed) {
				assertThatCode(filing).doesNotThrowAnyException();
			}
			else {
				assertThatThrownBy(filing).isInstanceOf(ForbiddenException.class).hasMessageContaining(type.name());
			}
		}

		@Test
		@DisplayName("the role check comes before the input check")
		void forbiddenBeforeInvalid() {
			Submission blank = new Submission(ENFORCEMENT, " ", " ", null, null, Channel.H5, null, null, null);
			assertThatThrownBy(() -> Case.submit(UUID.randomUUID(), "SD1", blank, CITIZEN_ZHANG, NOW))
				.isInstanceOf(ForbiddenException.class);
		}

		@Test
		@DisplayName("a LIVELIHOOD case goes to the review of its town")
		void livelihoodGoesToTownReview() {
			Case c = livelihood();
			assertThat(c.status()).isEqualTo(TOWN_REVIEW);
			assertThat(c.townId()).isEqualTo(10L);
		}

		@ParameterizedTest
		@EnumSource(value = CaseType.class, names = { "ENFORCEMENT", "DEVELOPMENT" })
		@DisplayName("ENFORCEMENT and DEVELOPMENT cases go straight to district triage")
		void othersGoToTriage(CaseType type) {
			assertThat(newCase(type).status()).isEqualTo(DISTRICT_TRIAGE);
		}

		@ParameterizedTest
		@EnumSource(CaseType.class)
		@DisplayName("only a DEVELOPMENT case takes the green channel")
		void greenChannel(CaseType type) {
			assertThat(newCase(type).greenChannel()).isEqualTo(type == DEVELOPMENT);
		}

		@Test
		@DisplayName("a DEVELOPMENT case is on the green channel whoever files it")
		void greenChannelByHotline() {
			assertThat(submit(DEVELOPMENT, HOTLINE, null).greenChannel()).isTrue();
		}

		@Test
		@DisplayName("a LIVELIHOOD case without townId is rejected naming townId")
		void livelihoodNeedsTown() {
			assertInvalid(() -> submit(LIVELIHOOD, CITIZEN_ZHANG, null), "townId");
		}

		@ParameterizedTest
		@EnumSource(value = CaseType.class, names = { "ENFORCEMENT", "DEVELOPMENT" })
		@DisplayName("ENFORCEMENT and DEVELOPMENT cases need no town")
		void othersNeedNoTown(CaseType type) {
			Actor filer = type == ENFORCEMENT ? URBAN_STAFF : ENTERPRISE_ACME;
			Case c = submit(type, filer, null);
			assertThat(c.townId()).isNull();
			assertThat(c.status()).isEqualTo(DISTRICT_TRIAGE);
		}

		@ParameterizedTest
		@NullAndEmptySource
		@ValueSource(strings = { "   ", "\t\n" })
		@DisplayName("a blank title is rejected")
		void blankTitle(String title) {
			Submission s = new Submission(LIVELIHOOD, title, "描述", null, null, Channel.H5, 10L, null, null);
			assertInvalid(() -> Case.submit(UUID.randomUUID(), "SD1", s, CITIZEN_ZHANG, NOW), "title");
		}

		@ParameterizedTest
		@NullAndEmptySource
		@ValueSource(strings = { "   ", "\t\n" })
		@DisplayName("a blank description is rejected")
		void blankDescription(String description) {
			Submission s = new Submission(LIVELIHOOD, "标题", description, null, null, Channel.H5, 10L, null, null);
			assertInvalid(() -> Case.submit(UUID.randomUUID(), "SD1", s, CITIZEN_ZHANG, NOW), "description");
		}

		@Test
		@DisplayName("keeps what was submitted: stripped title and description, category, channel, location, creator")
		void keepsTheSubmission() {
			UUID id = UUID.randomUUID();
			Case c = Case.submit(id, "SD202503030001", submission(LIVELIHOOD, 10L), GRID_A, NOW);
			assertThat(c.id()).isEqualTo(id);
			assertThat(c.trackingNo()).isEqualTo("SD202503030001");
			assertThat(c.type()).isEqualTo(LIVELIHOOD);
			assertThat(c.title()).isEqualTo("路灯不亮");
			assertThat(c.description()).isEqualTo("和平路口的路灯坏了三天");
			assertThat(c.categoryCode()).isEqualTo("CITY.LIGHT");
			assertThat(c.channel()).isEqualTo(Channel.H5);
			assertThat(c.location()).isEqualTo(new Location(34.76, 117.59, "和平路口"));
			assertThat(c.urgency()).isEqualTo(Urgency.NORMAL);
			assertThat(c.createdBy()).isEqualTo("grid-a");
			assertThat(c.creatorOrgId()).isEqualTo(11L);
			assertThat(c.createdAt()).isEqualTo(NOW);
			assertThat(c.updatedAt()).isEqualTo(NOW);
			assertThat(c.round()).isEqualTo(1);
			assertThat(c.outcome()).isNull();
			assertThat(c.mergedInto()).isNull();
			assertThat(c.consecutiveFailures()).isZero();
			assertThat(c.verification()).isNull();
			assertThat(c.tasks()).isEmpty();
			assertThat(c.evaluations()).isEmpty();
			assertThat(c.leadOrgId()).isNull();
			assertThat(c.isNew()).isTrue();
		}

		@Test
		@DisplayName("an urgent submission stays urgent")
		void urgency() {
			Submission s = new Submission(LIVELIHOOD, "燃气泄漏", "楼道有燃气味", null, Urgency.URGENT, Channel.HOTLINE, 10L,
					null, null);
			assertThat(Case.submit(UUID.randomUUID(), "SD1", s, HOTLINE, NOW).urgency()).isEqualTo(Urgency.URGENT);
		}

		@Test
		@DisplayName("a citizen filing is the requester: own account, own name by default, phone as given")
		void citizenIsTheRequester() {
			Submission s = new Submission(LIVELIHOOD, "标题", "描述", null, null, Channel.WECHAT, 10L, null,
					new Requester(null, PHONE, null));
			Case c = Case.submit(UUID.randomUUID(), "SD1", s, CITIZEN_ZHANG, NOW);
			assertThat(c.requester()).isEqualTo(new Requester("张三", PHONE, "zhangsan"));
		}

		@Test
		@DisplayName("a citizen cannot file under someone else's account")
		void citizenCannotSpoofAccount() {
			Submission s = new Submission(LIVELIHOOD, "标题", "描述", null, null, Channel.WECHAT, 10L, null,
					new Requester("李四", PHONE, "lisi"));
			Case c = Case.submit(UUID.randomUUID(), "SD1", s, CITIZEN_ZHANG, NOW);
			assertThat(c.requester().username()).isEqualTo("zhangsan");
			assertThat(c.requester().name()).isEqualTo("李四");
		}

		@Test
		@DisplayName("an enterprise filing is the requester with its own account, even without requester details")
		void enterpriseIsTheRequester() {
			Submission s = new Submission(DEVELOPMENT, "用地审批", "审批进度慢", null, null, Channel.ENTERPRISE, null, null,
					null);
			Case c = Case.submit(UUID.randomUUID(), "SD1", s, ENTERPRISE_ACME, NOW);
			assertThat(c.requester()).isEqualTo(new Requester("榴乡食品", null, "acme"));
		}

		@ParameterizedTest(name = "filed by {0}")
		@MethodSource("org.sudi.casework.domain.CaseTests#staffFilers")
		@DisplayName("staff filing for someone record the requester's name and phone but no account")
		void staffFilingHasNoRequesterAccount(Actor staff, CaseType type) {
			Submission s = new Submission(type, "标题", "描述", null, null, Channel.HOTLINE, 10L, null,
					new Requester("王五", PHONE, "zhangsan"));
			Case c = Case.submit(UUID.randomUUID(), "SD1", s, staff, NOW);
			assertThat(c.requester()).isEqualTo(new Requester("王五", PHONE, null));
			assertThat(c.createdBy()).isEqualTo(staff.username());
		}

		@Test
		@DisplayName("staff filing without requester details leave an empty requester")
		void staffWithoutRequester() {
			Submission s = new Submission(LIVELIHOOD, "标题", "描述", null, null, Channel.GRID, 10L, null, null);
			Case c = Case.submit(UUID.randomUUID(), "SD1", s, GRID_A, NOW);
			assertThat(c.requester()).isEqualTo(new Requester(null, null, null));
		}

		@Test
		@DisplayName("an ENFORCEMENT case remembers the unit that blew the whistle")
		void initiatingUnit() {
			assertThat(submit(ENFORCEMENT, TOWN_A_OP, 10L).initiatingOrgId()).isEqualTo(10L);
			assertThat(submit(ENFORCEMENT, URBAN_STAFF, null).initiatingOrgId()).isEqualTo(100L);
			assertThat(submit(ENFORCEMENT, DISPATCHER, null).initiatingOrgId()).isEqualTo(2L);
		}

		@ParameterizedTest
		@EnumSource(value = CaseType.class, names = { "LIVELIHOOD", "DEVELOPMENT" })
		@DisplayName("other case types have no initiating unit, even when staff file them")
		void noInitiatingUnit(CaseType type) {
			assertThat(submit(type, DISPATCHER, 10L).initiatingOrgId()).isNull();
			assertThat(newCase(type).initiatingOrgId()).isNull();
		}

		@Test
		@DisplayName("records a SUBMIT timeline entry from nothing to TOWN_REVIEW")
		void submitTimeline() {
			Case c = livelihood();
			assertNewTimeline(c, entry("SUBMIT", null, TOWN_REVIEW));
			TimelineEntry e = c.newTimelineEntries().get(0);
			assertThat(e.at()).isEqualTo(NOW);
			assertThat(e.actorUsername()).isEqualTo("zhangsan");
			assertThat(e.actorOrgId()).isNull();
			assertThat(e.note()).isNull();
		}

		@Test
		@DisplayName("a DEVELOPMENT case's SUBMIT entry mentions the green channel")
		void developmentTimeline() {
			Case c = development();
			assertNewTimeline(c, entry("SUBMIT", null, DISTRICT_TRIAGE));
			assertThat(c.newTimelineEntries().get(0).note()).contains("green channel");
			assertThat(c.newTimelineEntries().get(0).actorOrgId()).isEqualTo(300L);
		}

		@ParameterizedTest
		@EnumSource(CaseType.class)
		@DisplayName("registers a CaseSubmitted event")
		void submittedEvent(CaseType type) {
			Case c = newCase(type);
			List<Object> events = c.pullEvents();
			assertThat(events).containsExactly(new CaseSubmitted(c.id(), c.trackingNo(), type, c.status(), c.townId(),
					Channel.H5, Urgency.NORMAL, c.title(), c.description(), c.categoryCode(), 34.76, 117.59, NOW, null,
					null, List.of(), type == ENFORCEMENT ? TOWN_A.id() : null));
			assertThat(c.pullEvents()).as("events are pulled once").isEmpty();
		}

	}

	static Stream<Arguments> staffFilers() {
		return Stream.of(Arguments.of(HOTLINE, LIVELIHOOD), Arguments.of(GRID_A, LIVELIHOOD),
				Arguments.of(TOWN_A_OP, LIVELIHOOD), Arguments.of(VILLAGE_A_OP, LIVELIHOOD),
				Arguments.of(DISPATCHER, LIVELIHOOD), Arguments.of(HOTLINE, DEVELOPMENT),
				Arguments.of(DISPATCHER, DEVELOPMENT), Arguments.of(URBAN_STAFF, ENFORCEMENT));
	}

	// ================================================================== town review

	@Nested
	@DisplayName("town review (镇街受理)")
	class TownReview {

		Case c;

		@BeforeEach
		void livelihoodInReview() {
			c = livelihood();
			settle(c);
		}

		@Test
		@DisplayName("the town accepts the case itself: one LEAD task for the town, IN_PROGRESS")
		void acceptByTheTownItself() {
			Task task = c.accept(TOWN_A_OP, null, "街道自办", LATER);
			assertThat(c.status()).isEqualTo(IN_PROGRESS);
			assertThat(task.orgId()).isEqualTo(10L);
			assertThat(task.role()).isEqualTo(TaskRole.LEAD);
			assertThat(task.round()).isEqualTo(1);
			assertThat(task.status()).isEqualTo(TaskStatus.DISPATCHED);
			assertThat(task.dispatchedAt()).isEqualTo(LATER);
			assertThat(task.dutyId()).isNull();
			assertThat(c.tasks()).containsExactly(task);
			assertThat(c.leadOrgId()).isEqualTo(10L);
			assertThat(c.updatedAt()).isEqualTo(LATER);
			assertNewTimeline(c, entry("ACCEPT", TOWN_REVIEW, IN_PROGRESS));
			assertThat(c.newTimelineEntries().get(0).note()).isEqualTo("街道自办");
			assertThat(c.pullEvents()).containsExactly(new CaseDispatched(c.id(), c.trackingNo(), c.requester().username(), 1,
					List.of(new DispatchedTask(task.id(), 10L, TaskRole.LEAD)), null, true, LATER));
		}

		@Test
		@DisplayName("naming the town itself as assignee is the same as taking it")
		void acceptNamingTheTown() {
			Task task = c.accept(TOWN_A_OP, TOWN_A, null, NOW);
			assertThat(task.orgId()).isEqualTo(10L);
			assertThat(c.status()).isEqualTo(IN_PROGRESS);
		}

		@Test
		@DisplayName("the town gives the case to one of its villages")
		void acceptToOwnVillage() {
			Task task = c.accept(TOWN_A_OP, VILLAGE_A, null, NOW);
			assertThat(task.orgId()).isEqualTo(11L);
			assertThat(c.status()).isEqualTo(IN_PROGRESS);
			assertNewTimeline(c, entry("ACCEPT", TOWN_REVIEW, IN_PROGRESS));
			assertThat(c.pullEvents()).singleElement().isInstanceOfSatisfying(CaseDispatched.class,
					e -> assertThat(e.tasks()).extracting(DispatchedTask::orgId).containsExactly(11L));
		}

		@Test
		@DisplayName("the town cannot give the case to a village of another town")
		void acceptToOtherTownsVillage() {
			assertInvalid(c, () -> c.accept(TOWN_A_OP, VILLAGE_B, null, NOW), "assigneeOrgId");
			assertThat(c.tasks()).isEmpty();
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("org.sudi.casework.domain.CaseTests#notTheTownOrItsVillages")
		@DisplayName("the town cannot give the case to a department, another town or a non-handling unit")
		void acceptToOtherUnits(OrgUnit unit) {
			assertInvalid(c, () -> c.accept(TOWN_A_OP, unit, null, NOW), "assigneeOrgId");
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("org.sudi.casework.domain.CaseTests#notTheReviewingTown")
		@DisplayName("nobody but the case's town may accept, escalate or reject it in review")
		void onlyTheTown(Actor actor) {
			assertForbidden(c, () -> c.accept(actor, null, null, NOW));
			assertForbidden(c, () -> c.escalate(actor, "理由", NOW));
			assertForbidden(c, () -> c.reject(actor, "理由", NOW));
		}

		@Test
		@DisplayName("escalate sends the case to district triage with the reason")
		void escalate() {
			c.escalate(TOWN_A_OP, "需要区级部门执法", LATER);
			assertThat(c.status()).isEqualTo(DISTRICT_TRIAGE);
			assertThat(c.tasks()).isEmpty();
			assertNewTimeline(c, entry("ESCALATE", TOWN_REVIEW, DISTRICT_TRIAGE));
			assertThat(c.newTimelineEntries().get(0).note()).isEqualTo("需要区级部门执法");
			assertThat(c.pullEvents()).containsExactly(new CaseEscalated(c.id(), 10L, "需要区级部门执法", LATER));
		}

		@ParameterizedTest
		@NullAndEmptySource
		@ValueSource(strings = "  ")
		@DisplayName("escalate needs a reason")
		void escalateNeedsReason(String reason) {
			assertInvalid(c, () -> c.escalate(TOWN_A_OP, reason, NOW), "reason");
		}

		@Test
		@DisplayName("the town rejects the case: CLOSED, REJECTED")
		void rejectByTown() {
			c.reject(TOWN_A_OP2, "不属于受理范围", LATER);
			assertThat(c.status()).isEqualTo(CLOSED);
			assertThat(c.outcome()).isEqualTo(Outcome.REJECTED);
			assertNewTimeline(c, entry("REJECT", TOWN_REVIEW, CLOSED));
			assertThat(c.newTimelineEntries().get(0).note()).isEqualTo("不属于受理范围");
			assertThat(c.pullEvents()).containsExactly(new CaseClosed(c.id(), c.trackingNo(), c.requester().username(), Outcome.REJECTED, 1, LATER));
		}

		@ParameterizedTest
		@NullAndEmptySource
		@ValueSource(strings = "  ")
		@DisplayName("a rejection needs a reason")
		void rejectNeedsReason(String reason) {
			assertInvalid(c, () -> c.reject(TOWN_A_OP, reason, NOW), "reason");
		}

		@Test
		@DisplayName("the command centre may not reject a case while its town reviews it")
		void dispatcherCannotRejectInReview() {
			assertForbidden(c, () -> c.reject(DISPATCHER, "重复", NOW));
		}

		@Test
		@DisplayName("review actions on an escalated case are illegal transitions naming DISTRICT_TRIAGE")
		void reviewActionsInTriage() {
			c.escalate(TOWN_A_OP, "超出职权", NOW);
			settle(c);
			assertIllegal(c, () -> c.accept(TOWN_A_OP, null, null, NOW), DISTRICT_TRIAGE);
			assertIllegal(c, () -> c.escalate(TOWN_A_OP, "再次上报", NOW), DISTRICT_TRIAGE);
		}

		@Test
		@DisplayName("review actions on an accepted case are illegal transitions naming IN_PROGRESS")
		void reviewActionsInProgress() {
			c.accept(TOWN_A_OP, null, null, NOW);
			settle(c);
			assertIllegal(c, () -> c.accept(TOWN_A_OP, VILLAGE_A, null, NOW), IN_PROGRESS);
			assertIllegal(c, () -> c.escalate(TOWN_A_OP, "上报", NOW), IN_PROGRESS);
			assertIllegal(c, () -> c.reject(TOWN_A_OP, "驳回", NOW), IN_PROGRESS);
		}

		@Test
		@DisplayName("review actions on a rejected case are illegal transitions naming CLOSED")
		void reviewActionsWhenClosed() {
			c.reject(TOWN_A_OP, "驳回", NOW);
			settle(c);
			assertIllegal(c, () -> c.accept(TOWN_A_OP, null, null, NOW), CLOSED);
			assertIllegal(c, () -> c.escalate(TOWN_A_OP, "上报", NOW), CLOSED);
			IllegalTransitionException e = refused(c, () -> c.reject(TOWN_A_OP, "再驳回", NOW),
					IllegalTransitionException.class);
			assertThat(e.currentStatus()).isEqualTo("CLOSED");
			assertThat(e).hasMessageContaining("REJECTED");
		}

		@ParameterizedTest
		@EnumSource(value = CaseType.class, names = { "ENFORCEMENT", "DEVELOPMENT" })
		@DisplayName("cases that skip town review cannot be accepted or escalated by a town")
		void noReviewForOtherTypes(CaseType type) {
			Case other = submit(type, type == ENFORCEMENT ? URBAN_STAFF : ENTERPRISE_ACME, 10L);
			settle(other);
			assertIllegal(other, () -> other.accept(TOWN_A_OP, null, null, NOW), DISTRICT_TRIAGE);
			assertIllegal(other, () -> other.escalate(TOWN_A_OP, "上报", NOW), DISTRICT_TRIAGE);
		}

		@Test
		@DisplayName("district triage actions are illegal while the town reviews")
		void triageActionsInReview() {
			Case target = inTriage(ENFORCEMENT);
			assertIllegal(c, () -> c.dispatch(DISPATCHER, URBAN, List.of(), null, null, NOW), TOWN_REVIEW);
			assertIllegal(c, () -> c.mergeInto(DISPATCHER, target, null, NOW), TOWN_REVIEW);
		}

	}

	static Stream<OrgUnit> notTheTownOrItsVillages() {
		return Stream.of(URBAN, TOWN_B, VILLAGE_B, DISTRICT, CENTRE, ACME_ORG);
	}

	static Stream<Actor> notTheReviewingTown() {
		return Stream.of(TOWN_B_OP, VILLAGE_A_OP, GRID_A, DISPATCHER, HOTLINE, URBAN_STAFF, CITIZEN_ZHANG, LEADER, ADMIN,
				new Actor("dept-in-town-a", "街道里的部门账号", 10L, Set.of(Role.DEPARTMENT_STAFF)));
	}

	// ================================================================== district triage

	@Nested
	@DisplayName("district triage (研判分流)")
	class Triage {

		@ParameterizedTest
		@EnumSource(CaseType.class)
		@DisplayName("dispatch creates one LEAD and the ASSIST tasks in round 1, DISPATCHED, and starts the work")
		void dispatchCreatesTasks(CaseType type) {
			Case c = inTriage(type);
			CaseStatus from = c.status();
			List<Task> created = c.dispatch(DISPATCHER, URBAN, List.of(ENVIRONMENT, VILLAGE_A), null, "请尽快处理", LATER);
			assertThat(c.status()).isEqualTo(IN_PROGRESS);
			assertThat(created).extracting(Task::orgId, Task::role, Task::round, Task::status, Task::seq)
				.containsExactly(tuple(100L, TaskRole.LEAD, 1, TaskStatus.DISPATCHED, 0),
						tuple(101L, TaskRole.ASSIST, 1, TaskStatus.DISPATCHED, 1),
						tuple(11L, TaskRole.ASSIST, 1, TaskStatus.DISPATCHED, 2));
			assertThat(created).allSatisfy(t -> {
				assertThat(t.dispatchedAt()).isEqualTo(LATER);
				assertThat(t.dutyId()).isNull();
				assertThat(t.pendingRequest()).isNull();
				assertThat(t.extensionDays()).isZero();
				assertThat(t.isOpen()).isTrue();
			});
			assertThat(created).extracting(Task::id).doesNotHaveDuplicates();
			assertThat(c.tasks()).containsExactlyElementsOf(created);
			assertThat(c.currentRound()).containsExactlyElementsOf(created);
			assertThat(c.leadOrgId()).isEqualTo(100L);
			assertThat(c.round()).isEqualTo(1);
			assertNewTimeline(c, entry("DISPATCH", from, IN_PROGRESS));
			assertThat(c.newTimelineEntries().get(0).note()).isEqualTo("请尽快处理");
			assertThat(c.newTimelineEntries().get(0).actorUsername()).isEqualTo("dispatcher");
			assertThat(c.pullEvents()).containsExactly(new CaseDispatched(c.id(), c.trackingNo(), c.requester().username(), 1,
					created.stream().map(t -> new DispatchedTask(t.id(), t.orgId(), t.role())).toList(), null, false,
					LATER));
		}

		@Test
		@DisplayName("a dispatch may name a lead only")
		void leadOnly() {
			Case c = inTriage(DEVELOPMENT);
			List<Task> created = c.dispatch(DISPATCHER, HOUSING, List.of(), null, null, NOW);
			assertThat(created).singleElement().extracting(Task::orgId, Task::role).containsExactly(102L, TaskRole.LEAD);
		}

		@ParameterizedTest(name = "{0}")
		@EnumSource(value = OrgKind.class, names = { "DEPARTMENT", "TOWN", "VILLAGE" })
		@DisplayName("the lead may be a department, a town or a village")
		void leadKindsAllowed(OrgKind kind) {
			Case c = inTriage(ENFORCEMENT);
			OrgUnit unit = new OrgUnit(500, "U", "单位", kind, 1L);
			c.dispatch(DISPATCHER, unit, List.of(), null, null, NOW);
			assertThat(c.leadOrgId()).isEqualTo(500L);
		}

		@ParameterizedTest(name = "{0}")
		@EnumSource(value = OrgKind.class, names = { "DISTRICT", "COMMAND_CENTER", "ENTERPRISE" })
		@DisplayName("the lead cannot be a district, the command centre or an enterprise")
		void leadKindsRefused(OrgKind kind) {
			Case c = inTriage(ENFORCEMENT);
			OrgUnit unit = new OrgUnit(500, "U", "单位", kind, 1L);
			assertInvalid(c, () -> c.dispatch(DISPATCHER, unit, List.of(), null, null, NOW), "leadOrgId");
		}

		@Test
		@DisplayName("a dispatch without a lead is refused")
		void noLead() {
			Case c = inTriage(ENFORCEMENT);
			assertInvalid(c, () -> c.dispatch(DISPATCHER, null, List.of(URBAN), null, null, NOW), "leadOrgId");
		}

		@Test
		@DisplayName("an assist that cannot handle tasks is refused")
		void assistKind() {
			Case c = inTriage(ENFORCEMENT);
			assertInvalid(c, () -> c.dispatch(DISPATCHER, URBAN, List.of(CENTRE), null, null, NOW), "assistOrgIds");
		}

		@Test
		@DisplayName("naming an assist twice is refused")
		void duplicateAssist() {
			Case c = inTriage(ENFORCEMENT);
			assertInvalid(c, () -> c.dispatch(DISPATCHER, URBAN, List.of(ENVIRONMENT, ENVIRONMENT), null, null, NOW),
					"assistOrgIds");
		}

		@Test
		@DisplayName("naming the lead also as an assist is refused")
		void leadAsAssist() {
			Case c = inTriage(ENFORCEMENT);
			assertInvalid(c, () -> c.dispatch(DISPATCHER, URBAN, List.of(ENVIRONMENT, URBAN), null, null, NOW),
					"assistOrgIds");
		}

		@Test
		@DisplayName("a duty item of a unit not dispatched to is refused naming dutyId")
		void dutyOfAnotherUnit() {
			Case c = inTriage(ENFORCEMENT);
			assertInvalid(c, () -> c.dispatch(DISPATCHER, URBAN, List.of(ENVIRONMENT), HOUSING_DUTY, null, NOW),
					"dutyId");
		}

		@Test
		@DisplayName("the duty item of the lead is the basis of every task and is written to the timeline")
		void dutyOfTheLead() {
			Case c = inTriage(ENFORCEMENT);
			List<Task> created = c.dispatch(DISPATCHER, URBAN, List.of(ENVIRONMENT), URBAN_DUTY, "先核实", NOW);
			assertThat(created).extracting(Task::dutyId).containsOnly(7001L);
			assertThat(c.newTimelineEntries().get(0).note()).contains("先核实").contains("占道经营查处");
			assertThat(c.pullEvents()).singleElement().isInstanceOfSatisfying(CaseDispatched.class,
					e -> assertThat(e.dutyId()).isEqualTo(7001L));
		}

		@Test
		@DisplayName("the duty item of an assisting unit is accepted too")
		void dutyOfAnAssist() {
			Case c = inTriage(ENFORCEMENT);
			assertThatCode(() -> c.dispatch(DISPATCHER, URBAN, List.of(ENVIRONMENT), ENV_DUTY, null, NOW))
				.doesNotThrowAnyException();
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("org.sudi.casework.domain.CaseTests#notTheCommandCentre")
		@DisplayName("only the command centre may dispatch")
		void dispatchByDispatcherOnly(Actor actor) {
			Case c = inTriage(ENFORCEMENT);
			assertForbidden(c, () -> c.dispatch(actor, URBAN, List.of(), null, null, NOW));
		}

		@Test
		@DisplayName("the role check comes before the state check and the input check")
		void checkOrder() {
			Case c = inProgress(ENFORCEMENT, URBAN);
			assertForbidden(c, () -> c.dispatch(URBAN_STAFF, null, List.of(), null, null, NOW));
			assertIllegal(c, () -> c.dispatch(DISPATCHER, null, List.of(), null, null, NOW), IN_PROGRESS);
		}

		@Test
		@DisplayName("dispatching a case that is already in progress is an illegal transition")
		void dispatchTwice() {
			Case c = inProgress(ENFORCEMENT, URBAN);
			assertIllegal(c, () -> c.dispatch(DISPATCHER, HOUSING, List.of(), null, null, NOW), IN_PROGRESS);
		}

		@ParameterizedTest
		@EnumSource(CaseType.class)
		@DisplayName("the command centre rejects a case in triage: CLOSED, REJECTED")
		void rejectByDispatcher(CaseType type) {
			Case c = inTriage(type);
			c.reject(DISPATCHER, "非诉求 not a request", LATER);
			assertThat(c.status()).isEqualTo(CLOSED);
			assertThat(c.outcome()).isEqualTo(Outcome.REJECTED);
			assertNewTimeline(c, entry("REJECT", DISTRICT_TRIAGE, CLOSED));
			assertThat(c.pullEvents()).containsExactly(new CaseClosed(c.id(), c.trackingNo(), c.requester().username(), Outcome.REJECTED, 1, LATER));
		}

		@Test
		@DisplayName("the town of an escalated case may no longer reject it")
		void townCannotRejectInTriage() {
			Case c = inTriage(LIVELIHOOD);
			assertForbidden(c, () -> c.reject(TOWN_A_OP, "驳回", NOW));
		}

		@Test
		@DisplayName("the town that blew the whistle may not reject its case in triage")
		void whistleTownCannotReject() {
			Case c = inTriage(ENFORCEMENT);
			assertForbidden(c, () -> c.reject(TOWN_A_OP, "撤回", NOW));
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("org.sudi.casework.domain.CaseTests#notTheCommandCentre")
		@DisplayName("nobody but the command centre may reject in triage")
		void othersCannotReject(Actor actor) {
			Case c = inTriage(DEVELOPMENT);
			assertForbidden(c, () -> c.reject(actor, "驳回", NOW));
		}

		@Test
		@DisplayName("a rejection in triage needs a reason")
		void rejectNeedsReason() {
			Case c = inTriage(DEVELOPMENT);
			assertInvalid(c, () -> c.reject(DISPATCHER, " ", NOW), "reason");
		}

		@Test
		@DisplayName("rejecting a dispatched case is an illegal transition")
		void rejectInProgress() {
			Case c = inProgress(DEVELOPMENT, HOUSING);
			assertIllegal(c, () -> c.reject(DISPATCHER, "驳回", NOW), IN_PROGRESS);
		}

		@Test
		@DisplayName("merge closes the case as MERGED into the target")
		void merge() {
			Case c = inTriage(LIVELIHOOD);
			Case target = inProgress(LIVELIHOOD, URBAN);
			c.mergeInto(DISPATCHER, target, "同一路灯", LATER);
			assertThat(c.status()).isEqualTo(CLOSED);
			assertThat(c.outcome()).isEqualTo(Outcome.MERGED);
			assertThat(c.mergedInto()).isEqualTo(target.id());
			assertNewTimeline(c, entry("MERGE", DISTRICT_TRIAGE, CLOSED));
			assertThat(c.newTimelineEntries().get(0).note()).contains(target.trackingNo()).contains("同一路灯");
			assertThat(c.pullEvents()).containsExactly(new CaseClosed(c.id(), c.trackingNo(), c.requester().username(), Outcome.MERGED, 1, LATER));
			assertThat(target.status()).as("the target is untouched").isEqualTo(IN_PROGRESS);
			assertThat(target.newTimelineEntries()).isEmpty();
		}

		@Test
		@DisplayName("a case cannot be merged into itself")
		void mergeIntoItself() {
			Case c = inTriage(ENFORCEMENT);
			assertInvalid(c, () -> c.mergeInto(DISPATCHER, c, null, NOW), "intoCaseId");
		}

		@Test
		@DisplayName("a case cannot be merged into a closed case")
		void mergeIntoClosed() {
			Case c = inTriage(ENFORCEMENT);
			Case closed = inTriage(ENFORCEMENT);
			closed.reject(DISPATCHER, "驳回", NOW);
			assertInvalid(c, () -> c.mergeInto(DISPATCHER, closed, null, NOW), "intoCaseId");
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("org.sudi.casework.domain.CaseTests#notTheCommandCentre")
		@DisplayName("only the command centre may merge")
		void mergeByDispatcherOnly(Actor actor) {
			Case c = inTriage(LIVELIHOOD);
			Case target = inTriage(LIVELIHOOD);
			assertForbidden(c, () -> c.mergeInto(actor, target, null, NOW));
		}

		@Test
		@DisplayName("merging a case that is in progress is an illegal transition")
		void mergeInProgress() {
			Case c = inProgress(LIVELIHOOD, URBAN);
			Case target = inTriage(LIVELIHOOD);
			assertIllegal(c, () -> c.mergeInto(DISPATCHER, target, null, NOW), IN_PROGRESS);
		}

		@Test
		@DisplayName("the requester withdraws in town review: CLOSED, WITHDRAWN")
		void withdrawInReview() {
			Case c = livelihood();
			settle(c);
			c.withdraw(CITIZEN_ZHANG, "已自行解决", LATER);
			assertThat(c.status()).isEqualTo(CLOSED);
			assertThat(c.outcome()).isEqualTo(Outcome.WITHDRAWN);
			assertNewTimeline(c, entry("WITHDRAW", TOWN_REVIEW, CLOSED));
			assertThat(c.pullEvents()).containsExactly(new CaseClosed(c.id(), c.trackingNo(), c.requester().username(), Outcome.WITHDRAWN, 1, LATER));
		}

		@Test
		@DisplayName("the requester withdraws in triage; an enterprise its development case too")
		void withdrawInTriage() {
			Case c = inTriage(LIVELIHOOD);
			c.withdraw(CITIZEN_ZHANG, "不需要了", NOW);
			assertNewTimeline(c, entry("WITHDRAW", DISTRICT_TRIAGE, CLOSED));
			Case d = inTriage(DEVELOPMENT);
			d.withdraw(ENTERPRISE_ACME, "已解决", NOW);
			assertThat(d.outcome()).isEqualTo(Outcome.WITHDRAWN);
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("org.sudi.casework.domain.CaseTests#notTheRequester")
		@DisplayName("nobody but the requester may withdraw")
		void withdrawBySomeoneElse(Actor actor) {
			Case c = livelihood();
			settle(c);
			assertForbidden(c, () -> c.withdraw(actor, "撤回", NOW));
		}

		@Test
		@DisplayName("a case filed by staff has no requester account, so not even its creator may withdraw it")
		void withdrawStaffFiledCase() {
			Case c = submit(LIVELIHOOD, HOTLINE, 10L);
			settle(c);
			assertForbidden(c, () -> c.withdraw(HOTLINE, "撤回", NOW));
			Case e = inTriage(ENFORCEMENT);
			assertForbidden(e, () -> e.withdraw(TOWN_A_OP, "撤回", NOW));
		}

		@Test
		@DisplayName("withdrawing after dispatch is an illegal transition")
		void withdrawAfterDispatch() {
			Case c = inProgress(LIVELIHOOD, URBAN);
			assertIllegal(c, () -> c.withdraw(CITIZEN_ZHANG, "撤回", NOW), IN_PROGRESS);
		}

		@Test
		@DisplayName("withdrawing after the town accepted is an illegal transition")
		void withdrawAfterAccept() {
			Case c = livelihood();
			c.accept(TOWN_A_OP, null, null, NOW);
			settle(c);
			assertIllegal(c, () -> c.withdraw(CITIZEN_ZHANG, "撤回", NOW), IN_PROGRESS);
		}

		@Test
		@DisplayName("withdrawing a closed case is an illegal transition")
		void withdrawClosed() {
			Case c = inTriage(LIVELIHOOD);
			c.withdraw(CITIZEN_ZHANG, "撤回", NOW);
			settle(c);
			assertIllegal(c, () -> c.withdraw(CITIZEN_ZHANG, "撤回", NOW), CLOSED);
		}

		@Test
		@DisplayName("a withdrawal needs a reason")
		void withdrawNeedsReason() {
			Case c = inTriage(LIVELIHOOD);
			assertInvalid(c, () -> c.withdraw(CITIZEN_ZHANG, "", NOW), "reason");
		}

		@Test
		@DisplayName("nothing can be done to a closed case")
		void closedIsFinal() {
			Case c = inTriage(ENFORCEMENT);
			c.reject(DISPATCHER, "驳回", NOW);
			settle(c);
			Case target = inTriage(ENFORCEMENT);
			assertIllegal(c, () -> c.dispatch(DISPATCHER, URBAN, List.of(), null, null, NOW), CLOSED);
			assertIllegal(c, () -> c.reject(DISPATCHER, "驳回", NOW), CLOSED);
			assertIllegal(c, () -> c.mergeInto(DISPATCHER, target, null, NOW), CLOSED);
			assertIllegal(c, () -> c.evaluate(DISPATCHER, Rating.SATISFIED, null, NOW), CLOSED);
			assertIllegal(c, () -> c.verify(DISPATCHER, true, null, NOW), CLOSED);
		}

	}

	static Stream<Actor> notTheCommandCentre() {
		return Stream.of(HOTLINE, LEADER, INSPECTOR, ADMIN, TOWN_A_OP, TOWN_B_OP, VILLAGE_A_OP, URBAN_STAFF, GRID_A,
				CITIZEN_ZHANG, ENTERPRISE_ACME);
	}

	static Stream<Actor> notTheRequester() {
		return Stream.of(CITIZEN_LI, new Actor("zhangsan-2", "张三", null, Set.of(Role.CITIZEN)), DISPATCHER, HOTLINE,
				TOWN_A_OP, ADMIN);
	}

	// ================================================================== tasks

	@Nested
	@DisplayName("tasks (签收 / 报到 / 办结)")
	class Tasks {

		@ParameterizedTest
		@EnumSource(CaseType.class)
		@DisplayName("the task's unit signs it: SIGNED, a SIGN entry and a TaskSigned event")
		void sign(CaseType type) {
			Case c = inProgress(type, URBAN, ENVIRONMENT);
			Task task = taskOf(c, URBAN);
			c.sign(URBAN_STAFF2, task.id(), LATER);
			assertThat(task.status()).isEqualTo(TaskStatus.SIGNED);
			assertThat(task.signedAt()).isEqualTo(LATER);
			assertThat(taskOf(c, ENVIRONMENT).status()).isEqualTo(TaskStatus.DISPATCHED);
			assertThat(c.status()).isEqualTo(IN_PROGRESS);
			assertThat(c.updatedAt()).isEqualTo(LATER);
			assertNewTimeline(c, entry("SIGN", IN_PROGRESS, IN_PROGRESS));
			assertThat(c.newTimelineEntries().get(0).actorOrgId()).isEqualTo(100L);
			assertThat(c.pullEvents()).containsExactly(new TaskSigned(c.id(), task.id(), 100L, LATER));
		}

		@Test
		@DisplayName("the unit reports on site: ARRIVED, an ARRIVE entry with the note and a TaskArrived event")
		void arrive() {
			Case c = inProgress(ENFORCEMENT, URBAN);
			Task task = lead(c);
			c.sign(URBAN_STAFF, task.id(), NOW);
			settle(c);
			c.arrive(URBAN_STAFF, task.id(), "已到现场", LATER);
			assertThat(task.status()).isEqualTo(TaskStatus.ARRIVED);
			assertThat(task.arrivedAt()).isEqualTo(LATER);
			assertNewTimeline(c, entry("ARRIVE", IN_PROGRESS, IN_PROGRESS));
			assertThat(c.newTimelineEntries().get(0).note()).isEqualTo("已到现场");
			assertThat(c.pullEvents()).containsExactly(new TaskArrived(c.id(), task.id(), 100L, LATER));
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("org.sudi.casework.domain.CaseTests#notStaffOfUrban")
		@DisplayName("nobody but the task's unit may sign, arrive, complete or ask about it")
		void onlyTheTasksUnit(Actor actor) {
			Case c = inProgress(ENFORCEMENT, URBAN, ENVIRONMENT);
			Task task = taskOf(c, URBAN);
			assertForbidden(c, () -> c.sign(actor, task.id(), NOW));
			c.sign(URBAN_STAFF, task.id(), NOW);
			assertForbidden(c, () -> c.arrive(actor, task.id(), null, NOW));
			c.arrive(URBAN_STAFF, task.id(), null, NOW);
			assertForbidden(c, () -> c.complete(actor, task.id(), "办结", List.of(), NOW));
			assertForbidden(c, () -> c.requestReturn(actor, task.id(), "不归我管", NOW));
			assertForbidden(c, () -> c.requestExtension(actor, task.id(), 3, "需要时间", NOW));
		}

		@Test
		@DisplayName("a department with its own task in the case still cannot act on another unit's task")
		void assistCannotActOnLeadTask() {
			Case c = inProgress(DEVELOPMENT, URBAN, ENVIRONMENT);
			Task urban = taskOf(c, URBAN);
			Task env = taskOf(c, ENVIRONMENT);
			c.sign(ENV_STAFF, env.id(), NOW);
			assertForbidden(c, () -> c.sign(ENV_STAFF, urban.id(), NOW));
			c.sign(URBAN_STAFF, urban.id(), NOW);
			assertForbidden(c, () -> c.arrive(ENV_STAFF, urban.id(), null, NOW));
			assertForbidden(c, () -> c.complete(ENV_STAFF, urban.id(), "替人办结", List.of(), NOW));
			assertForbidden(c, () -> c.complete(URBAN_STAFF, env.id(), "替人办结", List.of(), NOW));
			assertThat(urban.status()).isEqualTo(TaskStatus.SIGNED);
			assertThat(env.status()).isEqualTo(TaskStatus.SIGNED);
		}

		@Test
		@DisplayName("the town cannot work the task it gave to one of its villages; the village can")
		void villageTask() {
			Case c = livelihood();
			Task task = c.accept(TOWN_A_OP, VILLAGE_A, null, NOW);
			settle(c);
			assertForbidden(c, () -> c.sign(TOWN_A_OP, task.id(), NOW));
			assertForbidden(c, () -> c.sign(GRID_A, task.id(), NOW));
			c.sign(VILLAGE_A_OP, task.id(), NOW);
			c.complete(VILLAGE_A_OP, task.id(), "已修复路灯", List.of(), NOW);
			assertThat(c.status()).isEqualTo(PENDING_EVALUATION);
		}

		@Test
		@DisplayName("a town works its own accepted task")
		void townTask() {
			Case c = livelihood();
			Task task = c.accept(TOWN_A_OP, null, null, NOW);
			c.sign(TOWN_A_OP2, task.id(), NOW);
			c.complete(TOWN_A_OP, task.id(), "已协调解决", List.of(), NOW);
			assertThat(c.status()).isEqualTo(PENDING_EVALUATION);
		}

		@Test
		@DisplayName("an unknown task is not found")
		void unknownTask() {
			Case c = inProgress(ENFORCEMENT, URBAN);
			refused(c, () -> c.sign(URBAN_STAFF, UUID.randomUUID(), NOW), NotFoundException.class);
			assertThatThrownBy(() -> c.task(UUID.randomUUID())).isInstanceOf(NotFoundException.class);
		}

		@Test
		@DisplayName("signing twice is an illegal transition naming SIGNED")
		void signTwice() {
			Case c = inProgress(ENFORCEMENT, URBAN);
			Task task = lead(c);
			c.sign(URBAN_STAFF, task.id(), NOW);
			assertIllegal(c, () -> c.sign(URBAN_STAFF, task.id(), NOW), TaskStatus.SIGNED);
		}

		@Test
		@DisplayName("reporting on site before signing, or twice, is an illegal transition")
		void arriveOutOfOrder() {
			Case c = inProgress(ENFORCEMENT, URBAN);
			Task task = lead(c);
			assertIllegal(c, () -> c.arrive(URBAN_STAFF, task.id(), null, NOW), TaskStatus.DISPATCHED);
			c.sign(URBAN_STAFF, task.id(), NOW);
			c.arrive(URBAN_STAFF, task.id(), null, NOW);
			assertIllegal(c, () -> c.arrive(URBAN_STAFF, task.id(), null, NOW), TaskStatus.ARRIVED);
			assertIllegal(c, () -> c.sign(URBAN_STAFF, task.id(), NOW), TaskStatus.ARRIVED);
		}

		@ParameterizedTest
		@EnumSource(CaseType.class)
		@DisplayName("completing before signing is an illegal transition naming DISPATCHED")
		void completeBeforeSign(CaseType type) {
			Case c = inProgress(type, URBAN);
			Task task = lead(c);
			assertIllegal(c, () -> c.complete(URBAN_STAFF, task.id(), "办结", List.of(), NOW), TaskStatus.DISPATCHED);
		}

		@Test
		@DisplayName("an ENFORCEMENT task must report on site before it completes")
		void enforcementNeedsArrival() {
			Case c = inProgress(ENFORCEMENT, URBAN);
			Task task = lead(c);
			c.sign(URBAN_STAFF, task.id(), NOW);
			IllegalTransitionException e = refused(c,
					() -> c.complete(URBAN_STAFF, task.id(), "办结", List.of(), NOW), IllegalTransitionException.class);
			assertThat(e.currentStatus()).isEqualTo("SIGNED");
			assertThat(e).hasMessageContaining("on site");
			c.arrive(URBAN_STAFF, task.id(), null, NOW);
			c.complete(URBAN_STAFF, task.id(), "办结", List.of(), NOW);
			assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
		}

		@ParameterizedTest
		@EnumSource(value = CaseType.class, names = { "LIVELIHOOD", "DEVELOPMENT" })
		@DisplayName("LIVELIHOOD and DEVELOPMENT tasks may complete right after signing")
		void completeFromSigned(CaseType type) {
			Case c = inProgress(type, URBAN);
			Task task = lead(c);
			c.sign(URBAN_STAFF, task.id(), NOW);
			c.complete(URBAN_STAFF, task.id(), "办结", List.of(), NOW);
			assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
			assertThat(task.arrivedAt()).isNull();
		}

		@ParameterizedTest
		@EnumSource(CaseType.class)
		@DisplayName("any task may complete after reporting on site")
		void completeFromArrived(CaseType type) {
			Case c = inProgress(type, URBAN);
			finish(c, lead(c));
			assertThat(c.status()).isEqualTo(PENDING_EVALUATION);
		}

		@ParameterizedTest
		@NullAndEmptySource
		@ValueSource(strings = "   ")
		@DisplayName("completing needs a result")
		void completeNeedsResult(String result) {
			Case c = inProgress(LIVELIHOOD, URBAN);
			Task task = lead(c);
			c.sign(URBAN_STAFF, task.id(), NOW);
			assertInvalid(c, () -> c.complete(URBAN_STAFF, task.id(), result, List.of(), NOW), "result");
		}

		@Test
		@DisplayName("completing keeps the stripped result, the attachments and the time")
		void completeKeepsResult() {
			Case c = inProgress(LIVELIHOOD, URBAN, ENVIRONMENT);
			Task task = taskOf(c, URBAN);
			UUID photo = UUID.randomUUID();
			UUID document = UUID.randomUUID();
			c.sign(URBAN_STAFF, task.id(), NOW);
			c.complete(URBAN_STAFF, task.id(), "  已拆除违建  ", List.of(photo, document), LATER);
			assertThat(task.result()).isEqualTo("已拆除违建");
			assertThat(task.attachmentIds()).containsExactly(photo, document);
			assertThat(task.completedAt()).isEqualTo(LATER);
			assertThat(task.isOpen()).isFalse();
			Task env = taskOf(c, ENVIRONMENT);
			c.sign(ENV_STAFF, env.id(), NOW);
			c.complete(ENV_STAFF, env.id(), "配合", null, LATER);
			assertThat(env.attachmentIds()).isEmpty();
		}

		@Test
		@DisplayName("completing a task twice is an illegal transition naming COMPLETED")
		void completeTwice() {
			Case c = inProgress(LIVELIHOOD, URBAN, ENVIRONMENT);
			Task task = taskOf(c, URBAN);
			finish(c, task);
			assertIllegal(c, () -> c.complete(URBAN_STAFF, task.id(), "再次办结", List.of(), NOW), TaskStatus.COMPLETED);
			assertIllegal(c, () -> c.sign(URBAN_STAFF, task.id(), NOW), TaskStatus.COMPLETED);
			assertIllegal(c, () -> c.arrive(URBAN_STAFF, task.id(), null, NOW), TaskStatus.COMPLETED);
		}

		@ParameterizedTest
		@EnumSource(CaseType.class)
		@DisplayName("the case awaits evaluation only when the last open task of the round completes")
		void lastTaskCompletes(CaseType type) {
			Case c = inProgress(type, URBAN, ENVIRONMENT, HOUSING);
			finish(c, taskOf(c, ENVIRONMENT));
			finish(c, taskOf(c, URBAN));
			Task last = taskOf(c, HOUSING);
			c.sign(HOUSING_STAFF, last.id(), NOW);
			c.arrive(HOUSING_STAFF, last.id(), null, NOW);
			assertThat(c.status()).isEqualTo(IN_PROGRESS);
			assertNewTimeline(c, entry("SIGN", IN_PROGRESS, IN_PROGRESS), entry("ARRIVE", IN_PROGRESS, IN_PROGRESS),
					entry("COMPLETE", IN_PROGRESS, IN_PROGRESS), entry("SIGN", IN_PROGRESS, IN_PROGRESS),
					entry("ARRIVE", IN_PROGRESS, IN_PROGRESS), entry("COMPLETE", IN_PROGRESS, IN_PROGRESS),
					entry("SIGN", IN_PROGRESS, IN_PROGRESS), entry("ARRIVE", IN_PROGRESS, IN_PROGRESS));
			assertThat(types(c.pullEvents())).containsExactly(TaskSigned.class, TaskArrived.class, TaskCompleted.class,
					TaskSigned.class, TaskArrived.class, TaskCompleted.class, TaskSigned.class, TaskArrived.class);
			settle(c);

			c.complete(HOUSING_STAFF, last.id(), "  办结  ", List.of(), LATER);
			assertThat(c.status()).isEqualTo(PENDING_EVALUATION);
			assertNewTimeline(c, entry("COMPLETE", IN_PROGRESS, PENDING_EVALUATION));
			assertThat(c.newTimelineEntries().get(0).note()).isEqualTo("办结");
			assertThat(c.pullEvents()).containsExactly(new TaskCompleted(c.id(), last.id(), 102L, 1, LATER),
					new CaseAwaitingEvaluation(c.id(), c.trackingNo(), c.requester().username(), 1, LATER));
		}

		@Test
		@DisplayName("task actions are illegal once the case awaits evaluation")
		void taskActionsWhenPendingEvaluation() {
			Case c = pendingEvaluation(LIVELIHOOD);
			Task task = taskOf(c, URBAN);
			assertIllegal(c, () -> c.complete(URBAN_STAFF, task.id(), "再次", List.of(), NOW), PENDING_EVALUATION);
			assertIllegal(c, () -> c.requestExtension(URBAN_STAFF, task.id(), 3, "理由", NOW), PENDING_EVALUATION);
			assertIllegal(c, () -> c.requestReturn(URBAN_STAFF, task.id(), "理由", NOW), PENDING_EVALUATION);
		}

	}

	static Stream<Actor> notStaffOfUrban() {
		return Stream.of(ENV_STAFF, HOUSING_STAFF, TOWN_A_OP, VILLAGE_A_OP, DISPATCHER, HOTLINE, LEADER, ADMIN,
				CITIZEN_ZHANG, new Actor("urban-grid", "执法局网格员", 100L, Set.of(Role.GRID_WORKER)),
				new Actor("urban-leader", "执法局领导", 100L, Set.of(Role.LEADER)));
	}

	// ================================================================== return and extension requests

	@Nested
	@DisplayName("return and extension requests (退单 / 延期)")
	class Requests {

		Case c;

		Task urban;

		Task env;

		@BeforeEach
		void twoTasks() {
			c = inProgress(LIVELIHOOD, URBAN, ENVIRONMENT);
			urban = taskOf(c, URBAN);
			env = taskOf(c, ENVIRONMENT);
		}

		@Test
		@DisplayName("a return request waits on the task, which keeps its status")
		void requestReturn() {
			c.requestReturn(URBAN_STAFF, urban.id(), "不属于本部门职责", LATER);
			assertThat(urban.pendingRequest()).isEqualTo(new PendingRequest(Kind.RETURN, "不属于本部门职责", null));
			assertThat(urban.status()).isEqualTo(TaskStatus.DISPATCHED);
			assertThat(c.status()).isEqualTo(IN_PROGRESS);
			assertNewTimeline(c, entry("RETURN_REQUEST", IN_PROGRESS, IN_PROGRESS));
			assertThat(c.newTimelineEntries().get(0).note()).isEqualTo("不属于本部门职责");
			assertThat(c.pullEvents()).containsExactly(
					new TaskRequestMade(c.id(), urban.id(), 100L, Kind.RETURN, "不属于本部门职责", null, LATER));
		}

		@Test
		@DisplayName("an extension request waits on the task with its days")
		void requestExtension() {
			c.sign(URBAN_STAFF, urban.id(), NOW);
			settle(c);
			c.requestExtension(URBAN_STAFF, urban.id(), 5, "需要协调", LATER);
			assertThat(urban.pendingRequest()).isEqualTo(new PendingRequest(Kind.EXTENSION, "需要协调", 5));
			assertThat(urban.status()).isEqualTo(TaskStatus.SIGNED);
			assertNewTimeline(c, entry("EXTENSION_REQUEST", IN_PROGRESS, IN_PROGRESS));
			assertThat(c.newTimelineEntries().get(0).note()).contains("5").contains("需要协调");
			assertThat(c.pullEvents()).containsExactly(
					new TaskRequestMade(c.id(), urban.id(), 100L, Kind.EXTENSION, "需要协调", 5, LATER));
		}

		@ParameterizedTest
		@EnumSource(value = TaskStatus.class, names = { "DISPATCHED", "SIGNED", "ARRIVED" })
		@DisplayName("requests may be made on an open task in any of its steps")
		void requestsInEveryOpenStep(TaskStatus step) {
			if (step != TaskStatus.DISPATCHED) {
				c.sign(URBAN_STAFF, urban.id(), NOW);
			}
			if (step == TaskStatus.ARRIVED) {
				c.arrive(URBAN_STAFF, urban.id(), null, NOW);
			}
			c.requestReturn(URBAN_STAFF, urban.id(), "不属于本部门", NOW);
			c.requestExtension(ENV_STAFF, env.id(), 2, "等待材料", NOW);
			assertThat(urban.pendingRequest().kind()).isEqualTo(Kind.RETURN);
			assertThat(env.pendingRequest().kind()).isEqualTo(Kind.EXTENSION);
		}

		@ParameterizedTest
		@ValueSource(ints = { 1, 30 })
		@DisplayName("an extension of 1 to 30 days may be asked for")
		void extensionDaysInRange(int days) {
			c.requestExtension(URBAN_STAFF, urban.id(), days, "理由", NOW);
			assertThat(urban.pendingRequest().days()).isEqualTo(days);
		}

		@ParameterizedTest
		@ValueSource(ints = { -1, 0, 31, 365 })
		@DisplayName("an extension outside 1 to 30 days is refused naming days")
		void extensionDaysOutOfRange(int days) {
			assertInvalid(c, () -> c.requestExtension(URBAN_STAFF, urban.id(), days, "理由", NOW), "days");
		}

		@ParameterizedTest
		@NullAndEmptySource
		@ValueSource(strings = "  ")
		@DisplayName("both requests need a reason")
		void requestsNeedReason(String reason) {
			assertInvalid(c, () -> c.requestReturn(URBAN_STAFF, urban.id(), reason, NOW), "reason");
			assertInvalid(c, () -> c.requestExtension(URBAN_STAFF, urban.id(), 3, reason, NOW), "reason");
		}

		@Test
		@DisplayName("only one request may wait on a task at a time")
		void onePendingAtATime() {
			c.requestReturn(URBAN_STAFF, urban.id(), "不属于本部门", NOW);
			assertIllegal(c, () -> c.requestReturn(URBAN_STAFF, urban.id(), "再申请", NOW), TaskStatus.DISPATCHED);
			assertIllegal(c, () -> c.requestExtension(URBAN_STAFF, urban.id(), 3, "延期", NOW), TaskStatus.DISPATCHED);
			c.requestExtension(ENV_STAFF, env.id(), 3, "延期", NOW);
			assertIllegal(c, () -> c.requestExtension(ENV_STAFF, env.id(), 5, "再延期", NOW), TaskStatus.DISPATCHED);
			assertIllegal(c, () -> c.requestReturn(ENV_STAFF, env.id(), "退单", NOW), TaskStatus.DISPATCHED);
		}

		@Test
		@DisplayName("no request may be made on a completed task")
		void noRequestOnCompletedTask() {
			finish(c, urban);
			assertIllegal(c, () -> c.requestReturn(URBAN_STAFF, urban.id(), "退单", NOW), TaskStatus.COMPLETED);
			assertIllegal(c, () -> c.requestExtension(URBAN_STAFF, urban.id(), 3, "延期", NOW), TaskStatus.COMPLETED);
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("org.sudi.casework.domain.CaseTests#notTheCommandCentre")
		@DisplayName("only the command centre decides requests")
		void decisionsByDispatcherOnly(Actor actor) {
			c.requestReturn(URBAN_STAFF, urban.id(), "不属于本部门", NOW);
			c.requestExtension(ENV_STAFF, env.id(), 3, "延期", NOW);
			assertForbidden(c, () -> c.decideReturn(actor, urban.id(), true, null, NOW));
			assertForbidden(c, () -> c.decideReturn(actor, urban.id(), false, null, NOW));
			assertForbidden(c, () -> c.decideExtension(actor, env.id(), true, null, NOW));
			assertForbidden(c, () -> c.decideExtension(actor, env.id(), false, null, NOW));
		}

		@Test
		@DisplayName("a refused return keeps the task with its unit, which works on")
		void refusedReturn() {
			c.sign(URBAN_STAFF, urban.id(), NOW);
			c.requestReturn(URBAN_STAFF, urban.id(), "不属于本部门", NOW);
			settle(c);
			c.decideReturn(DISPATCHER, urban.id(), false, "属于执法局职责", LATER);
			assertThat(urban.status()).isEqualTo(TaskStatus.SIGNED);
			assertThat(urban.pendingRequest()).isNull();
			assertThat(c.status()).isEqualTo(IN_PROGRESS);
			assertNewTimeline(c, entry("RETURN_REFUSED", IN_PROGRESS, IN_PROGRESS));
			assertThat(c.newTimelineEntries().get(0).note()).isEqualTo("属于执法局职责");
			assertThat(c.pullEvents()).containsExactly(
					new TaskRequestDecided(c.id(), urban.id(), 100L, Kind.RETURN, false, null, LATER));
			c.complete(URBAN_STAFF, urban.id(), "办结", List.of(), NOW);
			assertThat(urban.status()).isEqualTo(TaskStatus.COMPLETED);
		}

		@Test
		@DisplayName("an approved return of one of two tasks keeps the case IN_PROGRESS")
		void approvedReturnOfOneOfTwo() {
			c.requestReturn(ENV_STAFF, env.id(), "不属于本部门", NOW);
			settle(c);
			c.decideReturn(DISPATCHER, env.id(), true, "同意", LATER);
			assertThat(env.status()).isEqualTo(TaskStatus.RETURNED);
			assertThat(env.pendingRequest()).isNull();
			assertThat(env.isOpen()).isFalse();
			assertThat(c.status()).isEqualTo(IN_PROGRESS);
			assertNewTimeline(c, entry("RETURN_APPROVED", IN_PROGRESS, IN_PROGRESS));
			assertThat(c.pullEvents()).containsExactly(
					new TaskRequestDecided(c.id(), env.id(), 101L, Kind.RETURN, true, null, LATER));
			assertIllegal(c, () -> c.sign(ENV_STAFF, env.id(), NOW), TaskStatus.RETURNED);
			assertIllegal(c, () -> c.requestReturn(ENV_STAFF, env.id(), "再退", NOW), TaskStatus.RETURNED);
			finish(c, urban);
			assertThat(c.status()).as("the returned task does not hold the case back").isEqualTo(PENDING_EVALUATION);
		}

		@Test
		@DisplayName("an approved return of the last open task, the other being done, brings the case to evaluation")
		void approvedReturnOfLastOpenTask() {
			finish(c, urban);
			c.requestReturn(ENV_STAFF, env.id(), "不属于本部门", NOW);
			settle(c);
			c.decideReturn(DISPATCHER, env.id(), true, null, LATER);
			assertThat(c.status()).isEqualTo(PENDING_EVALUATION);
			assertNewTimeline(c, entry("RETURN_APPROVED", IN_PROGRESS, PENDING_EVALUATION));
			assertThat(c.pullEvents()).containsExactly(
					new TaskRequestDecided(c.id(), env.id(), 101L, Kind.RETURN, true, null, LATER),
					new CaseAwaitingEvaluation(c.id(), c.trackingNo(), c.requester().username(), 1, LATER));
		}

		@Test
		@DisplayName("returning every task sends the case back to triage; a re-dispatch works in the same round")
		void approvedReturnOfEveryTask() {
			c.requestReturn(URBAN_STAFF, urban.id(), "不属于本部门", NOW);
			c.requestReturn(ENV_STAFF, env.id(), "不属于本部门", NOW);
			c.decideReturn(DISPATCHER, env.id(), true, null, NOW);
			assertThat(c.status()).isEqualTo(IN_PROGRESS);
			settle(c);
			c.decideReturn(DISPATCHER, urban.id(), true, "改派", LATER);
			assertThat(c.status()).isEqualTo(DISTRICT_TRIAGE);
			assertNewTimeline(c, entry("RETURN_APPROVED", IN_PROGRESS, DISTRICT_TRIAGE));
			assertThat(c.pullEvents()).containsExactly(
					new TaskRequestDecided(c.id(), urban.id(), 100L, Kind.RETURN, true, null, LATER),
					new CaseReturnedToTriage(c.id(), 1, LATER));
		}

		@Test
		@DisplayName("an approved return of the only task sends the case to triage, and a re-dispatch then works")
		void approvedReturnOfTheOnlyTask() {
			Case single = inProgress(ENFORCEMENT, URBAN);
			Task task = lead(single);
			single.sign(URBAN_STAFF, task.id(), NOW);
			single.requestReturn(URBAN_STAFF, task.id(), "属于住建局职责", NOW);
			settle(single);
			single.decideReturn(DISPATCHER, task.id(), true, "同意退单", LATER);
			assertThat(task.status()).isEqualTo(TaskStatus.RETURNED);
			assertThat(single.status()).isEqualTo(DISTRICT_TRIAGE);
			assertNewTimeline(single, entry("RETURN_APPROVED", IN_PROGRESS, DISTRICT_TRIAGE));
			assertThat(single.pullEvents()).containsExactly(
					new TaskRequestDecided(single.id(), task.id(), 100L, Kind.RETURN, true, null, LATER),
					new CaseReturnedToTriage(single.id(), 1, LATER));
			settle(single);

			List<Task> again = single.dispatch(DISPATCHER, HOUSING, List.of(), HOUSING_DUTY, null, LATER);
			assertThat(single.status()).isEqualTo(IN_PROGRESS);
			assertThat(single.round()).isEqualTo(1);
			assertThat(again).singleElement().satisfies(t -> {
				assertThat(t.orgId()).isEqualTo(102L);
				assertThat(t.round()).isEqualTo(1);
				assertThat(t.seq()).isEqualTo(1);
				assertThat(t.role()).isEqualTo(TaskRole.LEAD);
			});
			assertThat(single.tasks()).hasSize(2);
			assertThat(single.leadOrgId()).isEqualTo(102L);
			assertNewTimeline(single, entry("DISPATCH", DISTRICT_TRIAGE, IN_PROGRESS));
			assertIllegal(single, () -> single.sign(URBAN_STAFF, task.id(), NOW), TaskStatus.RETURNED);

			finish(single, again.get(0));
			assertThat(single.status()).isEqualTo(PENDING_EVALUATION);
			single.evaluate(TOWN_A_OP2, Rating.SATISFIED, null, NOW);
			assertThat(single.outcome()).isEqualTo(Outcome.RESOLVED);
		}

		@Test
		@DisplayName("a returned case in triage may also be rejected or merged")
		void returnedCaseCanBeClosed() {
			Case single = inProgress(ENFORCEMENT, URBAN);
			Task task = lead(single);
			single.requestReturn(URBAN_STAFF, task.id(), "重复诉求", NOW);
			single.decideReturn(DISPATCHER, task.id(), true, null, NOW);
			Case target = inProgress(ENFORCEMENT, URBAN);
			single.mergeInto(DISPATCHER, target, null, NOW);
			assertThat(single.outcome()).isEqualTo(Outcome.MERGED);
		}

		@Test
		@DisplayName("an approved extension adds its days to the task's extension")
		void approvedExtension() {
			c.requestExtension(URBAN_STAFF, urban.id(), 5, "等待检测报告", NOW);
			settle(c);
			c.decideExtension(DISPATCHER, urban.id(), true, "同意", LATER);
			assertThat(urban.extensionDays()).isEqualTo(5);
			assertThat(urban.pendingRequest()).isNull();
			assertThat(urban.status()).isEqualTo(TaskStatus.DISPATCHED);
			assertNewTimeline(c, entry("EXTENSION_APPROVED", IN_PROGRESS, IN_PROGRESS));
			assertThat(c.newTimelineEntries().get(0).note()).contains("5").contains("同意");
			assertThat(c.pullEvents()).containsExactly(
					new TaskRequestDecided(c.id(), urban.id(), 100L, Kind.EXTENSION, true, 5, LATER));

			c.requestExtension(URBAN_STAFF, urban.id(), 3, "再等等", NOW);
			c.decideExtension(DISPATCHER, urban.id(), true, null, NOW);
			assertThat(urban.extensionDays()).isEqualTo(8);
		}

		@Test
		@DisplayName("a refused extension leaves the days as they were")
		void refusedExtension() {
			c.requestExtension(URBAN_STAFF, urban.id(), 5, "等待检测报告", NOW);
			settle(c);
			c.decideExtension(DISPATCHER, urban.id(), false, "不予延期", LATER);
			assertThat(urban.extensionDays()).isZero();
			assertThat(urban.pendingRequest()).isNull();
			assertNewTimeline(c, entry("EXTENSION_REFUSED", IN_PROGRESS, IN_PROGRESS));
			assertThat(c.pullEvents()).containsExactly(
					new TaskRequestDecided(c.id(), urban.id(), 100L, Kind.EXTENSION, false, 5, LATER));
			c.requestExtension(URBAN_STAFF, urban.id(), 2, "再申请", NOW);
			assertThat(urban.pendingRequest().days()).isEqualTo(2);
		}

		@Test
		@DisplayName("deciding without a pending request, or the wrong kind of it, is an illegal transition")
		void decisionWithoutPending() {
			assertIllegal(c, () -> c.decideReturn(DISPATCHER, urban.id(), true, null, NOW), TaskStatus.DISPATCHED);
			assertIllegal(c, () -> c.decideExtension(DISPATCHER, urban.id(), true, null, NOW), TaskStatus.DISPATCHED);
			c.requestReturn(URBAN_STAFF, urban.id(), "退单", NOW);
			c.requestExtension(ENV_STAFF, env.id(), 3, "延期", NOW);
			assertIllegal(c, () -> c.decideExtension(DISPATCHER, urban.id(), true, null, NOW), TaskStatus.DISPATCHED);
			assertIllegal(c, () -> c.decideReturn(DISPATCHER, env.id(), true, null, NOW), TaskStatus.DISPATCHED);
			c.decideReturn(DISPATCHER, urban.id(), false, null, NOW);
			assertIllegal(c, () -> c.decideReturn(DISPATCHER, urban.id(), false, null, NOW), TaskStatus.DISPATCHED);
		}

		@Test
		@DisplayName("a task cannot be completed while its return request is pending")
		void completeWhileReturnPending() {
			c.sign(URBAN_STAFF, urban.id(), NOW);
			c.requestReturn(URBAN_STAFF, urban.id(), "退单", NOW);
			assertIllegal(c, () -> c.complete(URBAN_STAFF, urban.id(), "办结", List.of(), NOW), TaskStatus.SIGNED);
			c.decideReturn(DISPATCHER, urban.id(), false, null, NOW);
			c.complete(URBAN_STAFF, urban.id(), "办结", List.of(), NOW);
			assertThat(urban.status()).isEqualTo(TaskStatus.COMPLETED);
		}

		@Test
		@DisplayName("completing while an extension request is pending settles the request")
		void completeWhileExtensionPending() {
			c.sign(URBAN_STAFF, urban.id(), NOW);
			c.requestExtension(URBAN_STAFF, urban.id(), 3, "延期", NOW);
			c.complete(URBAN_STAFF, urban.id(), "提前办结", List.of(), NOW);
			assertThat(urban.status()).isEqualTo(TaskStatus.COMPLETED);
			assertThat(urban.pendingRequest()).isNull();
			assertIllegal(c, () -> c.decideExtension(DISPATCHER, urban.id(), true, null, NOW), TaskStatus.COMPLETED);
		}

	}

	// ================================================================== evaluation and verification

	@Nested
	@DisplayName("evaluation and verification (评价 / 验收 / 重办)")
	class EvaluationAndVerification {

		@ParameterizedTest(name = "{0} by {1}")
		@MethodSource("org.sudi.casework.domain.CaseTests#mayEvaluate")
		@DisplayName("the requester's account, the initiating unit of a whistle, and the follow-up call may evaluate")
		void whoMayEvaluate(CaseType type, Actor actor) {
			Case c = pendingEvaluation(type);
			c.evaluate(actor, Rating.SATISFIED, null, NOW);
			assertThat(c.outcome()).isEqualTo(Outcome.RESOLVED);
			assertThat(c.evaluations()).singleElement().extracting(Evaluation::byUsername).isEqualTo(actor.username());
		}

		@ParameterizedTest(name = "{0} by {1}")
		@MethodSource("org.sudi.casework.domain.CaseTests#mayNotEvaluate")
		@DisplayName("handling departments, other towns and other people may not evaluate")
		void whoMayNotEvaluate(CaseType type, Actor actor) {
			Case c = pendingEvaluation(type);
			assertForbidden(c, () -> c.evaluate(actor, Rating.SATISFIED, null, NOW));
			assertForbidden(c, () -> c.evaluate(actor, Rating.UNSATISFIED, null, NOW));
		}

		@ParameterizedTest(name = "{0}")
		@EnumSource(Rating.class)
		@DisplayName("every evaluation ends its round (closed or reworked), so a first-round open case has none to load")
		void evaluationsOnlyAfterTheirRound(Rating rating) {
			Case c = pendingEvaluation(LIVELIHOOD);
			assertThat(Case.mayHaveEvaluations(c.status(), c.round())).isFalse();
			assertThat(c.evaluations()).isEmpty();
			if (rating == Rating.NOT_GIVEN) {
				c.expireEvaluation(new Actor("system", "系统", null, Set.of()), rating, NOW);
			}
			else {
				c.evaluate(HOTLINE, rating, null, NOW);
			}
			assertThat(c.evaluations()).isNotEmpty();
			assertThat(c.status() == CLOSED || c.round() > 1).isTrue();
			assertThat(Case.mayHaveEvaluations(c.status(), c.round())).isTrue();
		}

		@Test
		@DisplayName("a case filed by staff has no requester account: only the follow-up call evaluates it")
		void staffFiledCaseEvaluation() {
			Case c = submit(LIVELIHOOD, GRID_A, 10L);
			c.escalate(TOWN_A_OP, "上报", NOW);
			c.dispatch(DISPATCHER, URBAN, List.of(), null, null, NOW);
			finishRound(c);
			settle(c);
			assertForbidden(c, () -> c.evaluate(GRID_A, Rating.SATISFIED, null, NOW));
			assertForbidden(c, () -> c.evaluate(CITIZEN_ZHANG, Rating.SATISFIED, null, NOW));
			c.evaluate(HOTLINE, Rating.SATISFIED, "回访满意", NOW);
			assertThat(c.outcome()).isEqualTo(Outcome.RESOLVED);
		}

		@ParameterizedTest(name = "{0}, {1}")
		@MethodSource("org.sudi.casework.domain.CaseTests#typesAndPositiveRatings")
		@DisplayName("SATISFIED and BASICALLY_SATISFIED close the case as RESOLVED")
		void positiveRatingResolves(CaseType type, Rating rating) {
			Case c = pendingEvaluation(type);
			Actor requester = requesterOf(type);
			c.evaluate(requester, rating, "谢谢", LATER);
			assertThat(c.status()).isEqualTo(CLOSED);
			assertThat(c.outcome()).isEqualTo(Outcome.RESOLVED);
			assertThat(c.round()).isEqualTo(1);
			assertThat(c.consecutiveFailures()).isZero();
			Evaluation expected = new Evaluation(1, rating, "谢谢", requester.username(), requester.orgId(), LATER);
			assertThat(c.evaluations()).containsExactly(expected);
			assertThat(c.newEvaluations()).containsExactly(expected);
			assertNewTimeline(c, entry("EVALUATE", PENDING_EVALUATION, PENDING_EVALUATION),
					entry("CLOSE", PENDING_EVALUATION, CLOSED));
			assertThat(c.newTimelineEntries().get(0).note()).contains(rating.name()).contains("谢谢");
			assertThat(c.pullEvents()).containsExactly(
					new CaseEvaluated(c.id(), 1, rating, requester.username(), 100L, LATER, requester.orgId()),
					new CaseClosed(c.id(), c.trackingNo(), c.requester().username(), Outcome.RESOLVED, 1, LATER));
		}

		@ParameterizedTest
		@EnumSource(CaseType.class)
		@DisplayName("UNSATISFIED orders rework: round 2, new DISPATCHED tasks for the same units and roles")
		void unsatisfiedOrdersRework(CaseType type) {
			Case c = inTriage(type);
			c.dispatch(DISPATCHER, URBAN, List.of(ENVIRONMENT), ENV_DUTY, null, NOW);
			List<Task> firstRound = c.currentRound();
			finishRound(c);
			settle(c);

			c.evaluate(requesterOf(type), Rating.UNSATISFIED, "路灯还是不亮", LATER);
			assertThat(c.status()).isEqualTo(IN_PROGRESS);
			assertThat(c.outcome()).isNull();
			assertThat(c.round()).isEqualTo(2);
			assertThat(c.consecutiveFailures()).isEqualTo(1);
			assertThat(c.verification()).isNull();
			assertThat(c.tasks()).hasSize(4);
			List<Task> secondRound = c.currentRound();
			assertThat(secondRound).extracting(Task::orgId, Task::role, Task::round, Task::status, Task::dutyId, Task::seq)
				.containsExactly(tuple(100L, TaskRole.LEAD, 2, TaskStatus.DISPATCHED, 7002L, 2),
						tuple(101L, TaskRole.ASSIST, 2, TaskStatus.DISPATCHED, 7002L, 3));
			assertThat(secondRound).allSatisfy(t -> assertThat(t.dispatchedAt()).isEqualTo(LATER));
			assertThat(secondRound).doesNotContainAnyElementsOf(firstRound);
			assertThat(firstRound).extracting(Task::status).containsOnly(TaskStatus.COMPLETED);
			assertThat(c.leadOrgId()).isEqualTo(100L);
			assertThat(c.evaluations()).singleElement().extracting(Evaluation::rating).isEqualTo(Rating.UNSATISFIED);
			assertNewTimeline(c, entry("EVALUATE", PENDING_EVALUATION, PENDING_EVALUATION),
					entry("REWORK", PENDING_EVALUATION, IN_PROGRESS));
			assertThat(c.newTimelineEntries().get(1).note()).contains("round 2");
			List<Object> events = c.pullEvents();
			assertThat(types(events)).containsExactly(CaseEvaluated.class, ReworkOrdered.class, CaseDispatched.class);
			assertThat(events.get(0))
				.isEqualTo(new CaseEvaluated(c.id(), 1, Rating.UNSATISFIED, requesterOf(type).username(), 100L, LATER,
						requesterOf(type).orgId()));
			assertThat(events.get(1)).isInstanceOfSatisfying(ReworkOrdered.class, r -> {
				assertThat(r.caseId()).isEqualTo(c.id());
				assertThat(r.trackingNo()).isEqualTo(c.trackingNo());
				assertThat(r.failedRound()).isEqualTo(1);
				assertThat(r.newRound()).isEqualTo(2);
				assertThat(r.consecutiveFailures()).isEqualTo(1);
				assertThat(r.leadOrgId()).isEqualTo(100L);
				assertThat(r.reason()).contains("UNSATISFIED");
				assertThat(r.at()).isEqualTo(LATER);
			});
			assertThat(events.get(2)).isEqualTo(new CaseDispatched(c.id(), c.trackingNo(), c.requester().username(), 2,
					secondRound.stream().map(t -> new DispatchedTask(t.id(), t.orgId(), t.role())).toList(), null, false,
					LATER));
		}

		@Test
		@DisplayName("a second UNSATISFIED in a row counts two failures and names the lead unit")
		void secondFailure() {
			Case c = pendingEvaluation(LIVELIHOOD);
			c.evaluate(CITIZEN_ZHANG, Rating.UNSATISFIED, null, NOW);
			finishRound(c);
			assertThat(c.status()).isEqualTo(PENDING_EVALUATION);
			settle(c);
			c.evaluate(CITIZEN_ZHANG, Rating.UNSATISFIED, "还是没修", LATER);
			assertThat(c.round()).isEqualTo(3);
			assertThat(c.consecutiveFailures()).isEqualTo(2);
			assertThat(c.currentRound()).extracting(Task::orgId, Task::role, Task::status)
				.containsExactly(tuple(100L, TaskRole.LEAD, TaskStatus.DISPATCHED),
						tuple(101L, TaskRole.ASSIST, TaskStatus.DISPATCHED));
			assertThat(c.evaluations()).extracting(Evaluation::round).containsExactly(1, 2);
			assertThat(c.pullEvents()).filteredOn(ReworkOrdered.class::isInstance).singleElement()
				.isInstanceOfSatisfying(ReworkOrdered.class, r -> {
					assertThat(r.consecutiveFailures()).isEqualTo(2);
					assertThat(r.leadOrgId()).isEqualTo(100L);
					assertThat(r.failedRound()).isEqualTo(2);
					assertThat(r.newRound()).isEqualTo(3);
				});
		}

		@Test
		@DisplayName("a positive evaluation after a failure resolves the case and clears the failure count")
		void positiveAfterFailure() {
			Case c = pendingEvaluation(DEVELOPMENT);
			c.evaluate(ENTERPRISE_ACME, Rating.UNSATISFIED, null, NOW);
			finishRound(c);
			c.evaluate(ENTERPRISE_ACME, Rating.BASICALLY_SATISFIED, null, NOW);
			assertThat(c.outcome()).isEqualTo(Outcome.RESOLVED);
			assertThat(c.round()).isEqualTo(2);
			assertThat(c.consecutiveFailures()).isZero();
		}

		@Test
		@DisplayName("an evaluation needs a rating")
		void ratingRequired() {
			Case c = pendingEvaluation(LIVELIHOOD);
			assertInvalid(c, () -> c.evaluate(CITIZEN_ZHANG, null, "没选", NOW), "rating");
			assertThat(c.evaluations()).isEmpty();
		}

		@Test
		@DisplayName("evaluating when the case does not await evaluation is an illegal transition")
		void evaluateInWrongStatus() {
			Case review = livelihood();
			settle(review);
			assertIllegal(review, () -> review.evaluate(CITIZEN_ZHANG, Rating.SATISFIED, null, NOW), TOWN_REVIEW);
			Case triage = inTriage(LIVELIHOOD);
			assertIllegal(triage, () -> triage.evaluate(CITIZEN_ZHANG, Rating.SATISFIED, null, NOW), DISTRICT_TRIAGE);
			Case working = inProgress(LIVELIHOOD, URBAN);
			assertIllegal(working, () -> working.evaluate(CITIZEN_ZHANG, Rating.UNSATISFIED, null, NOW), IN_PROGRESS);
			Case resolved = pendingEvaluation(LIVELIHOOD);
			resolved.evaluate(CITIZEN_ZHANG, Rating.SATISFIED, null, NOW);
			settle(resolved);
			assertIllegal(resolved, () -> resolved.evaluate(CITIZEN_ZHANG, Rating.UNSATISFIED, null, NOW), CLOSED);
		}

		@Test
		@DisplayName("a failed verification orders rework at once")
		void verifyFailed() {
			Case c = pendingEvaluation(LIVELIHOOD);
			c.verify(DISPATCHER, false, "现场未整改", LATER);
			assertThat(c.status()).isEqualTo(IN_PROGRESS);
			assertThat(c.round()).isEqualTo(2);
			assertThat(c.consecutiveFailures()).isEqualTo(1);
			assertThat(c.verification()).as("a new round starts unverified").isNull();
			assertThat(c.evaluations()).isEmpty();
			assertThat(c.currentRound()).extracting(Task::orgId, Task::role, Task::status)
				.containsExactly(tuple(100L, TaskRole.LEAD, TaskStatus.DISPATCHED),
						tuple(101L, TaskRole.ASSIST, TaskStatus.DISPATCHED));
			assertNewTimeline(c, entry("VERIFY", PENDING_EVALUATION, PENDING_EVALUATION),
					entry("REWORK", PENDING_EVALUATION, IN_PROGRESS));
			assertThat(c.newTimelineEntries().get(0).note()).contains("failed").contains("现场未整改");
			List<Object> events = c.pullEvents();
			assertThat(types(events)).containsExactly(CaseVerified.class, ReworkOrdered.class, CaseDispatched.class);
			assertThat(events.get(0)).isEqualTo(new CaseVerified(c.id(), 1, false, "dispatcher", LATER));
			assertThat(events.get(1)).isInstanceOfSatisfying(ReworkOrdered.class, r -> {
				assertThat(r.failedRound()).isEqualTo(1);
				assertThat(r.newRound()).isEqualTo(2);
				assertThat(r.consecutiveFailures()).isEqualTo(1);
				assertThat(r.leadOrgId()).isEqualTo(100L);
				assertThat(r.reason()).contains("现场未整改");
			});
		}

		@Test
		@DisplayName("a passed verification then SATISFIED resolves the case")
		void verifyPassedThenSatisfied() {
			Case c = pendingEvaluation(LIVELIHOOD);
			c.verify(DISPATCHER, true, null, LATER);
			assertThat(c.status()).isEqualTo(PENDING_EVALUATION);
			assertThat(c.verification()).isEqualTo(Verification.PASSED);
			assertNewTimeline(c, entry("VERIFY", PENDING_EVALUATION, PENDING_EVALUATION));
			assertThat(c.pullEvents()).containsExactly(new CaseVerified(c.id(), 1, true, "dispatcher", LATER));
			c.evaluate(CITIZEN_ZHANG, Rating.SATISFIED, null, LATER);
			assertThat(c.outcome()).isEqualTo(Outcome.RESOLVED);
		}

		@Test
		@DisplayName("a passed verification does not save an UNSATISFIED evaluation from rework")
		void verifyPassedThenUnsatisfied() {
			Case c = pendingEvaluation(LIVELIHOOD);
			c.verify(DISPATCHER, true, null, NOW);
			c.evaluate(CITIZEN_ZHANG, Rating.UNSATISFIED, null, NOW);
			assertThat(c.status()).isEqualTo(IN_PROGRESS);
			assertThat(c.round()).isEqualTo(2);
			assertThat(c.verification()).isNull();
		}

		@Test
		@DisplayName("an UNSATISFIED evaluation then a failed verification count two failures in a row")
		void evaluationAndVerificationFailuresAddUp() {
			Case c = pendingEvaluation(ENFORCEMENT);
			c.evaluate(TOWN_A_OP, Rating.UNSATISFIED, null, NOW);
			finishRound(c);
			settle(c);
			c.verify(TOWN_A_OP2, false, "仍未整改", NOW);
			assertThat(c.consecutiveFailures()).isEqualTo(2);
			assertThat(c.round()).isEqualTo(3);
			assertThat(c.pullEvents()).filteredOn(ReworkOrdered.class::isInstance).singleElement()
				.extracting(e -> ((ReworkOrdered) e).consecutiveFailures()).isEqualTo(2);
		}

		@Test
		@DisplayName("verifying twice in one round is an illegal transition")
		void verifyTwice() {
			Case c = pendingEvaluation(LIVELIHOOD);
			c.verify(DISPATCHER, true, null, NOW);
			assertIllegal(c, () -> c.verify(DISPATCHER, true, null, NOW), PENDING_EVALUATION);
			assertIllegal(c, () -> c.verify(DISPATCHER, false, null, NOW), PENDING_EVALUATION);
			Case failed = pendingEvaluation(LIVELIHOOD);
			failed.verify(DISPATCHER, false, null, NOW);
			assertIllegal(failed, () -> failed.verify(DISPATCHER, false, null, NOW), IN_PROGRESS);
		}

		@Test
		@DisplayName("each round may be verified once")
		void verifyAgainNextRound() {
			Case c = pendingEvaluation(LIVELIHOOD);
			c.verify(DISPATCHER, false, null, NOW);
			finishRound(c);
			c.verify(DISPATCHER, true, null, NOW);
			assertThat(c.verification()).isEqualTo(Verification.PASSED);
			assertThat(c.round()).isEqualTo(2);
		}

		@Test
		@DisplayName("verifying when the case does not await evaluation is an illegal transition")
		void verifyInWrongStatus() {
			Case triage = inTriage(LIVELIHOOD);
			assertIllegal(triage, () -> triage.verify(DISPATCHER, true, null, NOW), DISTRICT_TRIAGE);
			Case working = inProgress(LIVELIHOOD, URBAN);
			assertIllegal(working, () -> working.verify(DISPATCHER, true, null, NOW), IN_PROGRESS);
		}

		@Test
		@DisplayName("the initiating unit of a whistle may verify its result")
		void initiatingUnitVerifies() {
			Case c = pendingEvaluation(ENFORCEMENT);
			c.verify(TOWN_A_OP2, true, "现场已整改", NOW);
			assertThat(c.verification()).isEqualTo(Verification.PASSED);
		}

		@ParameterizedTest(name = "{0} by {1}")
		@MethodSource("org.sudi.casework.domain.CaseTests#mayNotVerify")
		@DisplayName("the requester, handling units, other towns and leaders may not verify")
		void whoMayNotVerify(CaseType type, Actor actor) {
			Case c = pendingEvaluation(type);
			assertForbidden(c, () -> c.verify(actor, true, null, NOW));
			assertForbidden(c, () -> c.verify(actor, false, null, NOW));
		}

		@Test
		@DisplayName("old-round tasks cannot be acted on after rework; the new ones can")
		void oldRoundTasksAreClosed() {
			Case c = pendingEvaluation(ENFORCEMENT);
			Task old = taskOf(c, URBAN);
			c.evaluate(DISPATCHER, Rating.UNSATISFIED, "回访不满意", NOW);
			settle(c);
			IllegalTransitionException e = refused(c, () -> c.sign(URBAN_STAFF, old.id(), NOW),
					IllegalTransitionException.class);
			assertThat(e.currentStatus()).isEqualTo("IN_PROGRESS");
			assertThat(e).hasMessageContaining("round 1");
			assertIllegal(c, () -> c.arrive(URBAN_STAFF, old.id(), null, NOW), IN_PROGRESS);
			assertIllegal(c, () -> c.complete(URBAN_STAFF, old.id(), "办结", List.of(), NOW), IN_PROGRESS);
			assertIllegal(c, () -> c.requestReturn(URBAN_STAFF, old.id(), "退单", NOW), IN_PROGRESS);
			assertIllegal(c, () -> c.requestExtension(URBAN_STAFF, old.id(), 3, "延期", NOW), IN_PROGRESS);
			assertIllegal(c, () -> c.decideReturn(DISPATCHER, old.id(), true, null, NOW), TaskStatus.COMPLETED);

			Task fresh = taskOf(c, URBAN);
			assertThat(fresh).isNotSameAs(old);
			c.sign(URBAN_STAFF, fresh.id(), NOW);
			assertThat(fresh.status()).isEqualTo(TaskStatus.SIGNED);
			assertThat(old.status()).isEqualTo(TaskStatus.COMPLETED);
			finishRound(c);
			assertThat(c.status()).isEqualTo(PENDING_EVALUATION);
			assertThat(c.round()).isEqualTo(2);
		}

		@Test
		@DisplayName("rework goes to the units that did not return their task")
		void reworkSkipsReturnedUnits() {
			Case c = inProgress(LIVELIHOOD, URBAN, ENVIRONMENT, HOUSING);
			Task env = taskOf(c, ENVIRONMENT);
			c.requestReturn(ENV_STAFF, env.id(), "不属于本部门", NOW);
			c.decideReturn(DISPATCHER, env.id(), true, null, NOW);
			finishRound(c);
			c.evaluate(CITIZEN_ZHANG, Rating.UNSATISFIED, null, NOW);
			assertThat(c.currentRound()).extracting(Task::orgId, Task::role)
				.containsExactly(tuple(100L, TaskRole.LEAD), tuple(102L, TaskRole.ASSIST));
		}

		@Test
		@DisplayName("after a return and re-dispatch, rework goes to the new lead")
		void reworkAfterRedispatch() {
			Case c = inProgress(ENFORCEMENT, URBAN);
			Task first = lead(c);
			c.requestReturn(URBAN_STAFF, first.id(), "不属于本部门", NOW);
			c.decideReturn(DISPATCHER, first.id(), true, null, NOW);
			c.dispatch(DISPATCHER, HOUSING, List.of(), null, null, NOW);
			finishRound(c);
			settle(c);
			c.evaluate(TOWN_A_OP, Rating.UNSATISFIED, null, NOW);
			assertThat(c.currentRound()).extracting(Task::orgId, Task::role)
				.containsExactly(tuple(102L, TaskRole.LEAD));
			assertThat(c.pullEvents()).filteredOn(ReworkOrdered.class::isInstance).singleElement()
				.extracting(e -> ((ReworkOrdered) e).leadOrgId()).isEqualTo(102L);
		}

		@Test
		@DisplayName("an approved return of the lead sends the case back to triage even while an assist is still open")
		void returnedLeadGoesBackToTriage() {
			Case c = inProgress(LIVELIHOOD, URBAN, ENVIRONMENT);
			Task lead = taskOf(c, URBAN);
			Task assist = taskOf(c, ENVIRONMENT);
			c.requestReturn(URBAN_STAFF, lead.id(), "不属于本部门", NOW);
			c.decideReturn(DISPATCHER, lead.id(), true, null, NOW);
			assertThat(c.status()).isEqualTo(DISTRICT_TRIAGE);
			assertThat(c.leadOrgId()).isNull();
			assertThat(assist.status()).isEqualTo(TaskStatus.DISPATCHED);
			// The open assist waits for the new dispatch, and cannot be named again while open.
			assertIllegal(c, () -> c.sign(ENV_STAFF, assist.id(), NOW), DISTRICT_TRIAGE);
			assertInvalid(c, () -> c.dispatch(DISPATCHER, ENVIRONMENT, List.of(), null, null, NOW), "leadOrgId");
			assertInvalid(c, () -> c.dispatch(DISPATCHER, HOUSING, List.of(ENVIRONMENT), null, null, NOW),
					"assistOrgIds");
			c.dispatch(DISPATCHER, HOUSING, List.of(), null, null, NOW);
			assertThat(c.status()).isEqualTo(IN_PROGRESS);
			assertThat(c.leadOrgId()).isEqualTo(102L);
			c.sign(ENV_STAFF, assist.id(), NOW);
			assertThat(assist.status()).isEqualTo(TaskStatus.SIGNED);
		}

		@Test
		@DisplayName("after the lead was returned and replaced, every rework round has a lead and failures name it")
		void reworkAfterLeadReturned() {
			Case c = inProgress(LIVELIHOOD, URBAN, ENVIRONMENT);
			Task lead = taskOf(c, URBAN);
			c.requestReturn(URBAN_STAFF, lead.id(), "不属于本部门", NOW);
			c.decideReturn(DISPATCHER, lead.id(), true, null, NOW);
			c.dispatch(DISPATCHER, HOUSING, List.of(), null, null, NOW);
			finishRound(c);
			c.evaluate(CITIZEN_ZHANG, Rating.UNSATISFIED, null, NOW);
			assertThat(c.currentRound()).filteredOn(t -> t.role() == TaskRole.LEAD).singleElement()
				.extracting(Task::orgId).isEqualTo(102L);
			finishRound(c);
			settle(c);
			c.evaluate(CITIZEN_ZHANG, Rating.UNSATISFIED, null, NOW);
			assertThat(c.consecutiveFailures()).isEqualTo(2);
			assertThat(c.pullEvents()).filteredOn(ReworkOrdered.class::isInstance).singleElement()
				.extracting(e -> ((ReworkOrdered) e).leadOrgId()).isEqualTo(102L);
		}
	}

	static Stream<Arguments> mayEvaluate() {
		return Stream.of(Arguments.of(LIVELIHOOD, CITIZEN_ZHANG), Arguments.of(LIVELIHOOD, DISPATCHER),
				Arguments.of(LIVELIHOOD, HOTLINE), Arguments.of(ENFORCEMENT, TOWN_A_OP),
				Arguments.of(ENFORCEMENT, TOWN_A_OP2), Arguments.of(ENFORCEMENT, DISPATCHER),
				Arguments.of(ENFORCEMENT, HOTLINE), Arguments.of(DEVELOPMENT, ENTERPRISE_ACME),
				Arguments.of(DEVELOPMENT, DISPATCHER), Arguments.of(DEVELOPMENT, HOTLINE));
	}

	static Stream<Arguments> mayNotEvaluate() {
		return Stream.of(Arguments.of(LIVELIHOOD, URBAN_STAFF), Arguments.of(LIVELIHOOD, ENV_STAFF),
				Arguments.of(LIVELIHOOD, HOUSING_STAFF), Arguments.of(LIVELIHOOD, CITIZEN_LI),
				Arguments.of(LIVELIHOOD, TOWN_A_OP), Arguments.of(LIVELIHOOD, LEADER), Arguments.of(LIVELIHOOD, ADMIN),
				Arguments.of(ENFORCEMENT, URBAN_STAFF), Arguments.of(ENFORCEMENT, TOWN_B_OP),
				Arguments.of(ENFORCEMENT, VILLAGE_A_OP), Arguments.of(ENFORCEMENT, CITIZEN_ZHANG),
				Arguments.of(ENFORCEMENT, new Actor("grid-in-town-a", "街道网格员", 10L, Set.of(Role.GRID_WORKER))),
				Arguments.of(DEVELOPMENT, ENTERPRISE_OTHER), Arguments.of(DEVELOPMENT, URBAN_STAFF),
				Arguments.of(DEVELOPMENT, new Actor("acme-2", "同企业另一账号", 300L, Set.of(Role.ENTERPRISE))));
	}

	static Stream<Arguments> mayNotVerify() {
		return Stream.of(Arguments.of(LIVELIHOOD, CITIZEN_ZHANG), Arguments.of(LIVELIHOOD, URBAN_STAFF),
				Arguments.of(LIVELIHOOD, TOWN_B_OP), Arguments.of(LIVELIHOOD, LEADER),
				Arguments.of(ENFORCEMENT, URBAN_STAFF), Arguments.of(ENFORCEMENT, TOWN_B_OP),
				Arguments.of(ENFORCEMENT, VILLAGE_A_OP), Arguments.of(DEVELOPMENT, ENTERPRISE_ACME),
				Arguments.of(DEVELOPMENT, ENV_STAFF));
	}

	static Stream<Arguments> typesAndPositiveRatings() {
		return Arrays.stream(CaseType.values())
			.flatMap(type -> Stream.of(Rating.SATISFIED, Rating.BASICALLY_SATISFIED).map(r -> Arguments.of(type, r)));
	}

	// ================================================================== visibility

	@Nested
	@DisplayName("who may see it")
	class Visibility {

		@Test
		@DisplayName("the requester sees their case; another citizen does not")
		void requester() {
			Case c = livelihood();
			assertThat(c.isVisibleTo(CITIZEN_ZHANG)).isTrue();
			assertThat(c.isVisibleTo(CITIZEN_LI)).isFalse();
		}

		@Test
		@DisplayName("the enterprise sees its case; another enterprise does not")
		void enterprise() {
			Case c = development();
			assertThat(c.isVisibleTo(ENTERPRISE_ACME)).isTrue();
			assertThat(c.isVisibleTo(ENTERPRISE_OTHER)).isFalse();
		}

		@Test
		@DisplayName("the creator sees the case they filed; a colleague of the same unit does not")
		void creator() {
			Case c = submit(LIVELIHOOD, GRID_A, 10L);
			assertThat(c.isVisibleTo(GRID_A)).isTrue();
			assertThat(c.isVisibleTo(GRID_A2)).isFalse();
			assertThat(c.isVisibleTo(VILLAGE_A_OP)).isFalse();
		}

		@Test
		@DisplayName("units given a task see the case; an unrelated department does not")
		void assignedUnits() {
			Case c = inProgress(LIVELIHOOD, URBAN, ENVIRONMENT);
			assertThat(c.isVisibleTo(URBAN_STAFF)).isTrue();
			assertThat(c.isVisibleTo(URBAN_STAFF2)).isTrue();
			assertThat(c.isVisibleTo(ENV_STAFF)).isTrue();
			assertThat(c.isVisibleTo(HOUSING_STAFF)).isFalse();
		}

		@Test
		@DisplayName("a department in triage, before dispatch, does not see the case")
		void notBeforeDispatch() {
			Case c = inTriage(DEVELOPMENT);
			assertThat(c.isVisibleTo(URBAN_STAFF)).isFalse();
		}

		@Test
		@DisplayName("a unit still sees the case after its task was returned")
		void afterReturn() {
			Case c = inProgress(ENFORCEMENT, URBAN);
			Task task = lead(c);
			c.requestReturn(URBAN_STAFF, task.id(), "不属于本部门", NOW);
			c.decideReturn(DISPATCHER, task.id(), true, null, NOW);
			c.dispatch(DISPATCHER, HOUSING, List.of(), null, null, NOW);
			assertThat(c.isVisibleTo(URBAN_STAFF)).isTrue();
			assertThat(c.isVisibleTo(HOUSING_STAFF)).isTrue();
		}

		@Test
		@DisplayName("a village given the case by its town sees it")
		void village() {
			Case c = livelihood();
			assertThat(c.isVisibleTo(VILLAGE_A_OP)).isFalse();
			c.accept(TOWN_A_OP, VILLAGE_A, null, NOW);
			assertThat(c.isVisibleTo(VILLAGE_A_OP)).isTrue();
			assertThat(c.isVisibleTo(GRID_A)).as("a grid worker of that village, via the village's task").isTrue();
		}

		@Test
		@DisplayName("the town of jurisdiction sees the case; another town and its villages do not")
		void town() {
			Case c = inTriage(DEVELOPMENT);
			Case inTownA = submit(DEVELOPMENT, ENTERPRISE_ACME, 10L);
			assertThat(inTownA.isVisibleTo(TOWN_A_OP2)).isTrue();
			assertThat(inTownA.isVisibleTo(TOWN_B_OP)).isFalse();
			assertThat(inTownA.isVisibleTo(VILLAGE_B_OP)).isFalse();
			assertThat(c.isVisibleTo(TOWN_A_OP)).as("a case without a town").isFalse();
			Case livelihood = inProgress(LIVELIHOOD, URBAN);
			assertThat(livelihood.isVisibleTo(TOWN_A_OP)).isTrue();
			assertThat(livelihood.isVisibleTo(TOWN_B_OP)).isFalse();
		}

		@Test
		@DisplayName("the town's id alone is not enough: a department account of that unit does not see it as the town")
		void townNeedsTownRole() {
			Case c = submit(DEVELOPMENT, ENTERPRISE_ACME, 10L);
			Actor notOperator = new Actor("dept-in-town-a", "街道里的部门账号", 10L, Set.of(Role.DEPARTMENT_STAFF));
			assertThat(c.isVisibleTo(notOperator)).isFalse();
		}

		@Test
		@DisplayName("the initiating unit of a whistle sees the case, whoever in it filed it")
		void initiatingUnit() {
			Case c = submit(ENFORCEMENT, URBAN_STAFF, null);
			assertThat(c.isVisibleTo(URBAN_STAFF2)).isTrue();
			assertThat(c.isVisibleTo(ENV_STAFF)).isFalse();
		}

		@ParameterizedTest(name = "{0}")
		@EnumSource(value = Role.class, names = { "DISPATCHER", "HOTLINE", "LEADER", "DISCIPLINE", "ADMIN" })
		@DisplayName("district-wide roles see every case")
		void districtWide(Role role) {
			Actor actor = new Actor("district-" + role, "区级", 1L, Set.of(role));
			for (CaseType type : CaseType.values()) {
				assertThat(newCase(type).isVisibleTo(actor)).isTrue();
			}
		}

		@Test
		@DisplayName("unrelated accounts see nothing")
		void unrelated() {
			for (CaseType type : CaseType.values()) {
				Case c = inProgress(type, URBAN);
				assertThat(c.isVisibleTo(HOUSING_STAFF)).isFalse();
				assertThat(c.isVisibleTo(TOWN_B_OP)).isFalse();
				assertThat(c.isVisibleTo(VILLAGE_B_OP)).isFalse();
				assertThat(c.isVisibleTo(CITIZEN_LI)).isFalse();
				assertThat(c.isVisibleTo(ENTERPRISE_OTHER)).isFalse();
			}
		}

		@Test
		@DisplayName("the masked phone hides the middle four digits")
		void maskedPhone() {
			assertThat(new Requester("张三", "13812345678", null).maskedPhone()).isEqualTo("138****5678");
			assertThat(livelihood().requester().maskedPhone()).isEqualTo("138****5678");
			assertThat(new Requester("张三", "1234567", null).maskedPhone()).isEqualTo("123****");
			assertThat(new Requester("张三", "12345", null).maskedPhone()).isEqualTo("*****");
			assertThat(new Requester("张三", null, null).maskedPhone()).isNull();
		}

	}

	// ================================================================== timeline

	@Nested
	@DisplayName("timeline (留痕)")
	class Timeline {

		@Test
		@DisplayName("a livelihood case through town review, a village, rework and resolution")
		void livelihoodThroughTheTown() {
			Case c = livelihood();
			Task task = c.accept(TOWN_A_OP, VILLAGE_A, "交社区办理", NOW);
			c.sign(VILLAGE_A_OP, task.id(), NOW);
			c.requestExtension(VILLAGE_A_OP, task.id(), 2, "等待配件", NOW);
			c.decideExtension(DISPATCHER, task.id(), true, null, NOW);
			c.complete(VILLAGE_A_OP, task.id(), "已修复", List.of(), NOW);
			c.evaluate(CITIZEN_ZHANG, Rating.UNSATISFIED, null, NOW);
			Task again = c.currentRound().get(0);
			c.sign(VILLAGE_A_OP, again.id(), NOW);
			c.arrive(VILLAGE_A_OP, again.id(), null, NOW);
			c.complete(VILLAGE_A_OP, again.id(), "已更换灯具", List.of(), NOW);
			c.verify(DISPATCHER, true, null, NOW);
			c.evaluate(CITIZEN_ZHANG, Rating.SATISFIED, null, NOW);
			assertNewTimeline(c, entry("SUBMIT", null, TOWN_REVIEW), entry("ACCEPT", TOWN_REVIEW, IN_PROGRESS),
					entry("SIGN", IN_PROGRESS, IN_PROGRESS), entry("EXTENSION_REQUEST", IN_PROGRESS, IN_PROGRESS),
					entry("EXTENSION_APPROVED", IN_PROGRESS, IN_PROGRESS),
					entry("COMPLETE", IN_PROGRESS, PENDING_EVALUATION),
					entry("EVALUATE", PENDING_EVALUATION, PENDING_EVALUATION),
					entry("REWORK", PENDING_EVALUATION, IN_PROGRESS), entry("SIGN", IN_PROGRESS, IN_PROGRESS),
					entry("ARRIVE", IN_PROGRESS, IN_PROGRESS), entry("COMPLETE", IN_PROGRESS, PENDING_EVALUATION),
					entry("VERIFY", PENDING_EVALUATION, PENDING_EVALUATION),
					entry("EVALUATE", PENDING_EVALUATION, PENDING_EVALUATION),
					entry("CLOSE", PENDING_EVALUATION, CLOSED));
			assertThat(c.newTimelineEntries()).extracting(TimelineEntry::actorUsername)
				.containsExactly("zhangsan", "town-a", "village-a", "village-a", "dispatcher", "village-a", "zhangsan",
						"zhangsan", "village-a", "village-a", "village-a", "dispatcher", "zhangsan", "zhangsan");
			assertThat(c.round()).isEqualTo(2);
			assertThat(c.outcome()).isEqualTo(Outcome.RESOLVED);
		}

		@Test
		@DisplayName("an enforcement case through dispatch, a return, a re-dispatch, a failed verification and resolution")
		void enforcementThroughTriage() {
			Case c = enforcement();
			c.dispatch(DISPATCHER, URBAN, List.of(ENVIRONMENT), URBAN_DUTY, null, NOW);
			Task env = taskOf(c, ENVIRONMENT);
			c.requestReturn(ENV_STAFF, env.id(), "不属于本部门", NOW);
			c.decideReturn(DISPATCHER, env.id(), false, null, NOW);
			c.requestReturn(ENV_STAFF, env.id(), "确实不属于", NOW);
			c.decideReturn(DISPATCHER, env.id(), true, null, NOW);
			Task urban = taskOf(c, URBAN);
			c.requestReturn(URBAN_STAFF, urban.id(), "属于住建", NOW);
			c.decideReturn(DISPATCHER, urban.id(), true, null, NOW);
			c.dispatch(DISPATCHER, HOUSING, List.of(), HOUSING_DUTY, "改派", NOW);
			finishRound(c);
			c.verify(TOWN_A_OP, false, "未整改", NOW);
			finishRound(c);
			c.evaluate(TOWN_A_OP2, Rating.BASICALLY_SATISFIED, null, NOW);
			assertNewTimeline(c, entry("SUBMIT", null, DISTRICT_TRIAGE), entry("DISPATCH", DISTRICT_TRIAGE, IN_PROGRESS),
					entry("RETURN_REQUEST", IN_PROGRESS, IN_PROGRESS), entry("RETURN_REFUSED", IN_PROGRESS, IN_PROGRESS),
					entry("RETURN_REQUEST", IN_PROGRESS, IN_PROGRESS),
					entry("RETURN_APPROVED", IN_PROGRESS, IN_PROGRESS),
					entry("RETURN_REQUEST", IN_PROGRESS, IN_PROGRESS),
					entry("RETURN_APPROVED", IN_PROGRESS, DISTRICT_TRIAGE),
					entry("DISPATCH", DISTRICT_TRIAGE, IN_PROGRESS), entry("SIGN", IN_PROGRESS, IN_PROGRESS),
					entry("ARRIVE", IN_PROGRESS, IN_PROGRESS), entry("COMPLETE", IN_PROGRESS, PENDING_EVALUATION),
					entry("VERIFY", PENDING_EVALUATION, PENDING_EVALUATION),
					entry("REWORK", PENDING_EVALUATION, IN_PROGRESS), entry("SIGN", IN_PROGRESS, IN_PROGRESS),
					entry("ARRIVE", IN_PROGRESS, IN_PROGRESS), entry("COMPLETE", IN_PROGRESS, PENDING_EVALUATION),
					entry("EVALUATE", PENDING_EVALUATION, PENDING_EVALUATION),
					entry("CLOSE", PENDING_EVALUATION, CLOSED));
			assertThat(c.tasks()).extracting(Task::orgId, Task::round, Task::status)
				.containsExactly(tuple(100L, 1, TaskStatus.RETURNED), tuple(101L, 1, TaskStatus.RETURNED),
						tuple(102L, 1, TaskStatus.COMPLETED), tuple(102L, 2, TaskStatus.COMPLETED));
			assertThat(c.consecutiveFailures()).isZero();
			assertThat(c.outcome()).isEqualTo(Outcome.RESOLVED);
		}

		@Test
		@DisplayName("a development case through dispatch and a satisfied evaluation")
		void developmentThroughTriage() {
			Case c = development();
			c.dispatch(DISPATCHER, HOUSING, List.of(URBAN), null, null, NOW);
			finishRound(c);
			c.evaluate(ENTERPRISE_ACME, Rating.SATISFIED, null, NOW);
			assertNewTimeline(c, entry("SUBMIT", null, DISTRICT_TRIAGE), entry("DISPATCH", DISTRICT_TRIAGE, IN_PROGRESS),
					entry("SIGN", IN_PROGRESS, IN_PROGRESS), entry("ARRIVE", IN_PROGRESS, IN_PROGRESS),
					entry("COMPLETE", IN_PROGRESS, IN_PROGRESS), entry("SIGN", IN_PROGRESS, IN_PROGRESS),
					entry("ARRIVE", IN_PROGRESS, IN_PROGRESS), entry("COMPLETE", IN_PROGRESS, PENDING_EVALUATION),
					entry("EVALUATE", PENDING_EVALUATION, PENDING_EVALUATION),
					entry("CLOSE", PENDING_EVALUATION, CLOSED));
		}

		@Test
		@DisplayName("every entry records who, from which unit and when; blank notes are stored as none")
		void entryDetails() {
			Case c = livelihood();
			settle(c);
			c.escalate(TOWN_A_OP, "超出职权", LATER);
			c.dispatch(DISPATCHER, URBAN, List.of(), null, "  ", LATER);
			assertThat(c.newTimelineEntries())
				.extracting(TimelineEntry::at, TimelineEntry::actorUsername, TimelineEntry::actorOrgId,
						TimelineEntry::note)
				.containsExactly(tuple(LATER, "town-a", 10L, "超出职权"), tuple(LATER, "dispatcher", 2L, null));
		}

		@Test
		@DisplayName("refused actions append nothing, and saving clears the new entries and the dirty state")
		void refusedAndSaved() {
			Case c = inProgress(LIVELIHOOD, URBAN);
			Task task = lead(c);
			assertThat(c.newTimelineEntries()).isEmpty();
			assertForbidden(c, () -> c.sign(ENV_STAFF, task.id(), NOW));
			assertIllegal(c, () -> c.complete(URBAN_STAFF, task.id(), "办结", List.of(), NOW), TaskStatus.DISPATCHED);
			assertInvalid(c, () -> c.requestExtension(URBAN_STAFF, task.id(), 0, "理由", NOW), "days");
			assertThat(c.newTimelineEntries()).isEmpty();
			assertThat(task.isDirty()).isFalse();
			c.sign(URBAN_STAFF, task.id(), NOW);
			assertThat(task.isDirty()).isTrue();
			assertThat(c.newTimelineEntries()).hasSize(1);
			long version = c.version();
			c.markSaved(version + 1);
			assertThat(c.version()).isEqualTo(version + 1);
			assertThat(c.isNew()).isFalse();
			assertThat(c.newTimelineEntries()).isEmpty();
			assertThat(task.isDirty()).isFalse();
		}

	}

	// ================================================================== instruct

	@Nested
	@DisplayName("instruct (领导批示)")
	class Instruct {

		@Test
		@DisplayName("a leader's instruction is recorded, raises urgency and names the units holding the case")
		void instructs() {
			Case c = inProgress(LIVELIHOOD, URBAN, ENVIRONMENT);
			c.instruct(LEADER, "  请务必三日内解决  ", LATER);
			assertThat(c.urgency()).isEqualTo(Urgency.URGENT);
			assertNewTimeline(c, entry("INSTRUCT", IN_PROGRESS, IN_PROGRESS));
			assertThat(c.newTimelineEntries().get(0).note()).contains("请务必三日内解决").contains("URGENT");
			assertThat(c.pullEvents()).containsExactly(new CaseInstructed(c.id(), c.trackingNo(), "leader", "孙领导",
					"请务必三日内解决", true, List.of(URBAN.id(), ENVIRONMENT.id()), LATER));
		}

		@Test
		@DisplayName("in town review it names the town; a second instruction does not raise urgency again")
		void inReviewAndTwice() {
			Case c = livelihood();
			settle(c);
			c.instruct(LEADER, "关注", LATER);
			c.instruct(LEADER, "再次关注", LATER);
			List<Object> events = c.pullEvents();
			assertThat(events).hasSize(2);
			assertThat(((CaseInstructed) events.get(0)).orgIds()).containsExactly(TOWN_A.id());
			assertThat(((CaseInstructed) events.get(0)).urgencyRaised()).isTrue();
			assertThat(((CaseInstructed) events.get(1)).urgencyRaised()).isFalse();
		}

		@Test
		@DisplayName("only leaders; not on a closed case; not without text")
		void refusals() {
			Case c = inProgress(ENFORCEMENT, URBAN);
			for (Actor other : List.of(DISPATCHER, INSPECTOR, ADMIN, URBAN_STAFF, TOWN_A_OP, CITIZEN_ZHANG)) {
				assertForbidden(c, () -> c.instruct(other, "请办理", LATER));
			}
			assertInvalid(c, () -> c.instruct(LEADER, "  ", LATER), "text");
			assertThat(c.urgency()).isEqualTo(Urgency.NORMAL);
			Case closed = inTriage(DEVELOPMENT);
			closed.reject(DISPATCHER, "不属于受理范围", NOW);
			settle(closed);
			assertIllegal(closed, () -> closed.instruct(LEADER, "请办理", LATER), CLOSED);
		}
	}

}
