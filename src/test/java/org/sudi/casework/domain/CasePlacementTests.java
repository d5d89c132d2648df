package org.sudi.casework.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sudi.casework.CaseStatus.DISTRICT_TRIAGE;
import static org.sudi.casework.CaseStatus.IN_PROGRESS;
import static org.sudi.casework.CaseStatus.PENDING_EVALUATION;
import static org.sudi.casework.CaseStatus.TOWN_REVIEW;
import static org.sudi.casework.CaseType.DEVELOPMENT;
import static org.sudi.casework.CaseType.ENFORCEMENT;
import static org.sudi.casework.CaseType.LIVELIHOOD;
import static org.sudi.casework.domain.CaseTests.CITIZEN_ZHANG;
import static org.sudi.casework.domain.CaseTests.DISPATCHER;
import static org.sudi.casework.domain.CaseTests.ENTERPRISE_ACME;
import static org.sudi.casework.domain.CaseTests.GRID_A;
import static org.sudi.casework.domain.CaseTests.GRID_A2;
import static org.sudi.casework.domain.CaseTests.NOW;
import static org.sudi.casework.domain.CaseTests.TOWN_A_OP;
import static org.sudi.casework.domain.CaseTests.VILLAGE_A;
import static org.sudi.casework.domain.CaseTests.VILLAGE_A_OP;
import static org.sudi.casework.domain.CaseTests.finishRound;
import static org.sudi.casework.domain.CaseTests.settle;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.sudi.casework.CasePlace;
import org.sudi.casework.CaseSubmitted;
import org.sudi.casework.CaseType;
import org.sudi.casework.Channel;

import org.sudi.platform.ForbiddenException;
import org.sudi.platform.InvalidInputException;

/** How a case's place (from the grid module) decides its town, routing, visibility and who may verify. */
@DisplayName("Case placement")
class CasePlacementTests {

	static final String GRID = "370404001001003";
	static final String SCHOOL = "370404001001901";
	static final CasePlace IN_TOWN_A = CasePlace.placed(10L, 11L, GRID, List.of(SCHOOL));

	static Submission located(CaseType type, Long townId) {
		return new Submission(type, "井盖缺失", "小区门口井盖缺失，行人容易踩空", null, null, Channel.H5, townId,
				new Location(34.771, 117.592, null), new Requester("张三", "13812345678", null));
	}

	static Case submit(CaseType type, Long townId, CasePlace place, org.sudi.directory.Actor by) {
		return Case.submit(UUID.randomUUID(), "SD1", located(type, townId), place, by, NOW);
	}

	@Nested
	@DisplayName("at submission")
	class Submission_ {

		@Test
		@DisplayName("a placed case keeps its village, basic grid and special grids")
		void placedKeepsGrid() {
			Case c = submit(LIVELIHOOD, 10L, IN_TOWN_A, CITIZEN_ZHANG);
			assertThat(c.villageId()).isEqualTo(11L);
			assertThat(c.gridCode()).isEqualTo(GRID);
			assertThat(c.specialGridCodes()).containsExactly(SCHOOL);
			CaseSubmitted e = (CaseSubmitted) c.pullEvents().get(0);
			assertThat(e.gridCode()).isEqualTo(GRID);
			assertThat(e.villageId()).isEqualTo(11L);
			assertThat(e.specialGridCodes()).containsExactly(SCHOOL);
		}

		@Test
		@DisplayName("a placed LIVELIHOOD case without a town goes to the review of the town it lies in")
		void placedRoutesToItsTown() {
			Case c = submit(LIVELIHOOD, null, IN_TOWN_A, CITIZEN_ZHANG);
			assertThat(c.status()).isEqualTo(TOWN_REVIEW);
			assertThat(c.townId()).isEqualTo(10L);
		}

		@Test
		@DisplayName("a town named by the submitter wins over the located one")
		void namedTownWins() {
			Case c = submit(LIVELIHOOD, 20L, IN_TOWN_A, CITIZEN_ZHANG);
			assertThat(c.townId()).isEqualTo(20L);
			assertThat(c.gridCode()).isEqualTo(GRID);
		}

		@Test
		@DisplayName("ENFORCEMENT and DEVELOPMENT cases take the located town too, and still go to district triage")
		void otherTypesTakeTheTown() {
			assertThat(submit(DEVELOPMENT, null, IN_TOWN_A, ENTERPRISE_ACME).townId()).isEqualTo(10L);
			Case c = submit(ENFORCEMENT, null, IN_TOWN_A, CaseTests.URBAN_STAFF);
			assertThat(c.townId()).isEqualTo(10L);
			assertThat(c.status()).isEqualTo(DISTRICT_TRIAGE);
		}

		@Test
		@DisplayName("a LIVELIHOOD case outside the district with no town goes to district triage with a note")
		void outsideGoesToTriage() {
			Case c = submit(LIVELIHOOD, null, CasePlace.outside(), CITIZEN_ZHANG);
			assertThat(c.status()).isEqualTo(DISTRICT_TRIAGE);
			assertThat(c.townId()).isNull();
			assertThat(c.gridCode()).isNull();
			TimelineEntry submit = c.newTimelineEntries().get(0);
			assertThat(submit.action()).isEqualTo("SUBMIT");
			assertThat(submit.toStatus()).isEqualTo(DISTRICT_TRIAGE);
			assertThat(submit.note()).contains("位置不在本区网格内").contains("district triage");
		}

		@Test
		@DisplayName("outside the district but with a named town, the town reviews it, and the note still says where it lies")
		void outsideWithTown() {
			Case c = submit(LIVELIHOOD, 10L, CasePlace.outside(), CITIZEN_ZHANG);
			assertThat(c.status()).isEqualTo(TOWN_REVIEW);
			assertThat(c.newTimelineEntries().get(0).note()).contains("位置不在本区网格内").doesNotContain("triage");
		}

		@Test
		@DisplayName("without a known place a LIVELIHOOD case still needs a town")
		void unknownNeedsTown() {
			assertThatThrownBy(() -> submit(LIVELIHOOD, null, CasePlace.unknown(), CITIZEN_ZHANG))
				.isInstanceOf(InvalidInputException.class)
				.satisfies(e -> assertThat(((InvalidInputException) e).fields()).containsKey("townId"));
		}
	}

	@Nested
	@DisplayName("grid workers")
	class GridWorkers {

		Case pending() {
			Case c = submit(LIVELIHOOD, null, IN_TOWN_A, CITIZEN_ZHANG);
			c.accept(TOWN_A_OP, VILLAGE_A, null, NOW);
			finishRound(c);
			assertThat(c.status()).isEqualTo(PENDING_EVALUATION);
			settle(c);
			return c;
		}

		@Test
		@DisplayName("see the cases in their grids, basic or special, and no others")
		void visibility() {
			Case c = submit(LIVELIHOOD, null, IN_TOWN_A, CITIZEN_ZHANG);
			assertThat(c.isVisibleTo(GRID_A2)).isFalse();
			assertThat(c.isVisibleTo(GRID_A2, Set.of(GRID))).isTrue();
			assertThat(c.isVisibleTo(GRID_A2, Set.of(SCHOOL))).isTrue();
			assertThat(c.isVisibleTo(GRID_A2, Set.of("370404001001004"))).isFalse();
			assertThat(c.isVisibleTo(VILLAGE_A_OP, Set.of(GRID))).as("only grid workers").isFalse();
		}

		@Test
		@DisplayName("the grid worker of the case's grid may verify; a failed verification orders rework")
		void workerOfTheGridVerifies() {
			Case c = pending();
			c.verify(GRID_A, false, "井盖仍未安装", true, NOW);
			assertThat(c.status()).isEqualTo(IN_PROGRESS);
			assertThat(c.round()).isEqualTo(2);

			Case passed = pending();
			passed.verify(GRID_A, true, "已安装新井盖", true, NOW);
			assertThat(passed.verification()).isEqualTo(Verification.PASSED);
		}

		@Test
		@DisplayName("a grid worker of another grid may not verify")
		void otherWorkerMayNot() {
			Case c = pending();
			assertThatThrownBy(() -> c.verify(GRID_A2, true, null, false, NOW)).isInstanceOf(ForbiddenException.class);
			assertThatThrownBy(() -> c.verify(GRID_A2, true, null, NOW)).isInstanceOf(ForbiddenException.class);
			assertThat(c.verification()).isNull();
		}

		@Test
		@DisplayName("the fact counts only for grid workers, and only for a case that lies in a grid")
		void factAloneIsNotEnough() {
			Case c = pending();
			assertThatThrownBy(() -> c.verify(VILLAGE_A_OP, true, null, true, NOW)).isInstanceOf(ForbiddenException.class);
			Case unplaced = CaseTests.pendingEvaluation(LIVELIHOOD);
			assertThatThrownBy(() -> unplaced.verify(GRID_A, true, null, true, NOW))
				.isInstanceOf(ForbiddenException.class);
			c.verify(DISPATCHER, true, null, false, NOW);
			assertThat(c.verification()).isEqualTo(Verification.PASSED);
		}
	}
}
