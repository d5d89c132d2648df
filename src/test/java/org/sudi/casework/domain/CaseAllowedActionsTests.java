package org.sudi.casework.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.sudi.casework.domain.CaseTests.DISPATCHER;
import static org.sudi.casework.domain.CaseTests.ENV_STAFF;
import static org.sudi.casework.domain.CaseTests.HOTLINE;
import static org.sudi.casework.domain.CaseTests.HOUSING;
import static org.sudi.casework.domain.CaseTests.HOUSING_STAFF;
import static org.sudi.casework.domain.CaseTests.LATER;
import static org.sudi.casework.domain.CaseTests.LEADER;
import static org.sudi.casework.domain.CaseTests.NOW;
import static org.sudi.casework.domain.CaseTests.TOWN_A;
import static org.sudi.casework.domain.CaseTests.TOWN_A_OP;
import static org.sudi.casework.domain.CaseTests.TOWN_B_OP;
import static org.sudi.casework.domain.CaseTests.URBAN;
import static org.sudi.casework.domain.CaseTests.URBAN_STAFF;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sudi.casework.CaseType;
import org.sudi.casework.Rating;

/**
 * What a page may offer: {@link Case#allowedActions} and {@link Case#allowedTaskActions} name exactly
 * the transitions the aggregate would accept from that actor now.
 */
@DisplayName("Allowed actions of a case")
class CaseAllowedActionsTests {

	@Test
	void townReviewOffersTheCasesOwnTownItsChoicesAndNobodyElseAny() {
		Case c = CaseTests.submit(CaseType.LIVELIHOOD, HOTLINE, TOWN_A.id());
		assertThat(c.allowedActions(TOWN_A_OP)).containsExactlyInAnyOrder(CaseAction.ACCEPT, CaseAction.ESCALATE,
				CaseAction.REJECT);
		assertThat(c.allowedActions(TOWN_B_OP)).isEmpty();
		assertThat(c.allowedActions(DISPATCHER)).isEmpty();
		assertThat(c.allowedActions(LEADER)).isEmpty();
		assertThatCode(() -> c.escalate(TOWN_A_OP, "超出职权", NOW)).doesNotThrowAnyException();
		assertThat(c.allowedActions(TOWN_A_OP)).isEmpty();
		assertThat(c.allowedActions(DISPATCHER)).containsExactlyInAnyOrder(CaseAction.DISPATCH, CaseAction.MERGE,
				CaseAction.REJECT);
	}

	@Test
	void eachUnitIsOfferedOnlyItsOwnTaskStepsInOrder() {
		Case c = CaseTests.submit(CaseType.LIVELIHOOD, HOTLINE, TOWN_A.id());
		c.escalate(TOWN_A_OP, "超出职权", NOW);
		List<Task> tasks = c.dispatch(DISPATCHER, HOUSING, List.of(URBAN), null, null, NOW);
		UUID housing = tasks.get(0).id();
		UUID urban = tasks.get(1).id();

		Set<TaskAction> first = Set.of(TaskAction.SIGN, TaskAction.REQUEST_RETURN, TaskAction.REQUEST_EXTENSION);
		assertThat(c.allowedTaskActions(HOUSING_STAFF, housing)).isEqualTo(first);
		assertThat(c.allowedTaskActions(HOUSING_STAFF, urban)).isEmpty();
		assertThat(c.allowedTaskActions(URBAN_STAFF, urban)).isEqualTo(first);
		assertThat(c.allowedTaskActions(ENV_STAFF, housing)).isEmpty();
		assertThat(c.allowedTaskActions(DISPATCHER, housing)).isEmpty();

		c.sign(HOUSING_STAFF, housing, LATER);
		assertThat(c.allowedTaskActions(HOUSING_STAFF, housing)).containsExactlyInAnyOrder(TaskAction.ARRIVE,
				TaskAction.COMPLETE, TaskAction.REQUEST_RETURN, TaskAction.REQUEST_EXTENSION);
		c.requestReturn(HOUSING_STAFF, housing, "不属于本单位", LATER);
		assertThat(c.allowedTaskActions(HOUSING_STAFF, housing)).containsExactly(TaskAction.ARRIVE);
		assertThat(c.allowedTaskActions(DISPATCHER, housing)).containsExactly(TaskAction.DECIDE_RETURN);
	}

	@Test
	void anEnforcementTaskOffersCompletionOnlyAfterReportingOnSite() {
		Case c = CaseTests.submit(CaseType.ENFORCEMENT, TOWN_A_OP, TOWN_A.id());
		UUID task = c.dispatch(DISPATCHER, URBAN, List.of(), null, null, NOW).get(0).id();
		c.sign(URBAN_STAFF, task, NOW);
		assertThat(c.allowedTaskActions(URBAN_STAFF, task)).doesNotContain(TaskAction.COMPLETE)
			.contains(TaskAction.ARRIVE);
		c.arrive(URBAN_STAFF, task, null, NOW);
		assertThat(c.allowedTaskActions(URBAN_STAFF, task)).contains(TaskAction.COMPLETE)
			.doesNotContain(TaskAction.ARRIVE);
		c.complete(URBAN_STAFF, task, "已处置", List.of(), LATER);
		// The whistling town evaluates and verifies; the hotline records a follow-up call.
		assertThat(c.allowedActions(TOWN_A_OP)).containsExactlyInAnyOrder(CaseAction.EVALUATE, CaseAction.VERIFY);
		assertThat(c.allowedActions(HOTLINE)).containsExactly(CaseAction.EVALUATE);
		assertThat(c.allowedActions(URBAN_STAFF)).isEmpty();
		c.evaluate(TOWN_A_OP, Rating.SATISFIED, null, LATER);
		assertThat(c.allowedActions(TOWN_A_OP)).isEmpty();
		assertThat(c.allowedTaskActions(URBAN_STAFF, task)).isEmpty();
	}
}
