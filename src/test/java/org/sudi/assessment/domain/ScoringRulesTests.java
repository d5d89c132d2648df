package org.sudi.assessment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sudi.assessment.Measures;
import org.sudi.assessment.UnitResult;
import org.sudi.assessment.UnitResult.Flag;
import org.sudi.assessment.domain.ScoringRules.Candidate;

@DisplayName("Scoring rules: composite, ranks and flags")
class ScoringRulesTests {

	/** Measures with the three rates given as counts out of 100 (all satisfied or unsatisfied). */
	static Measures rates(int response, int resolution, int satisfied) {
		return new Measures(100, response, 0, 0, 100, 100, 100, resolution, satisfied, 0, 100 - satisfied, 0, 100, 0, 0,
				0, 0, 0, 0, 0, 0);
	}

	static Candidate unit(long id, int score) {
		return new Candidate(id, "unit " + id, "DEPARTMENT", rates(score, score, score), null);
	}

	@Test
	@DisplayName("0.1 response + 0.5 resolution + 0.4 satisfaction; basically satisfied counts w = 0.9; NOT_GIVEN apart")
	void composite() {
		ScoringRules rules = ScoringRules.DEFAULT;
		assertThat(rules.composite(rates(50, 80, 90), null)).isCloseTo(100 * (0.05 + 0.4 + 0.36), within(1e-9));
		Measures m = new Measures(10, 10, 0, 0, 10, 10, 10, 10, 1, 2, 1, 5, 4, 0, 0, 0, 0, 0, 0, 0, 0);
		assertThat(m.satisfactionRate(0.9)).isCloseTo((1 + 1.8) / 4, within(1e-9));
		// bottom-up share 0.2 for departments
		assertThat(rules.composite(rates(100, 100, 100), 50.0)).isCloseTo(90, within(1e-9));
		// a rate without data is left out, the others keep their relative weights
		Measures noEvaluations = new Measures(10, 5, 0, 0, 10, 10, 10, 10, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0);
		assertThat(rules.composite(noEvaluations, null)).isCloseTo(100 * (0.1 * 0.5 + 0.5) / 0.6, within(1e-9));
		assertThat(rules.composite(Measures.NONE, null)).isNull();
	}

	@Test
	@DisplayName("top 2 departments 先进集体, bottom 3 取消评先树优资格; units without work are unranked")
	void departmentFlags() {
		ScoringRules rules = ScoringRules.DEFAULT;
		List<Candidate> units = new ArrayList<>();
		for (int i = 1; i <= 12; i++) {
			units.add(unit(i, 50 + 4 * i));
		}
		units.add(new Candidate(99, "idle", "DEPARTMENT", Measures.NONE, null));
		List<UnitResult> ranked = rules.rank(units, rules.advancedDepartments(), rules.disqualifiedDepartments());
		assertThat(ranked).extracting(UnitResult::orgId)
			.containsExactly(12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L, 99L);
		assertThat(ranked).extracting(UnitResult::rank).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, null);
		assertThat(ranked).filteredOn(u -> u.flag() == Flag.ADVANCED).extracting(UnitResult::orgId)
			.containsExactly(12L, 11L);
		assertThat(ranked).filteredOn(u -> u.flag() == Flag.DISQUALIFIED).extracting(UnitResult::orgId)
			.containsExactly(3L, 2L, 1L);
		assertThat(ranked.get(12).flag()).isNull();
	}

	@Test
	@DisplayName("bottom 2 towns lose eligibility; a tie on the boundary flags every tied unit; towns get no 先进")
	void townFlagsAndTies() {
		ScoringRules rules = ScoringRules.DEFAULT;
		List<Candidate> towns = new ArrayList<>();
		int[] scores = { 90, 80, 70, 60, 50, 50, 95 };
		for (int i = 0; i < scores.length; i++) {
			towns.add(new Candidate(i + 1, "town " + (i + 1), "TOWN", rates(scores[i], scores[i], scores[i]), null));
		}
		List<UnitResult> ranked = rules.rank(towns, 0, rules.disqualifiedTowns());
		assertThat(ranked).extracting(UnitResult::rank).containsExactly(1, 2, 3, 4, 5, 6, 6);
		assertThat(ranked).filteredOn(u -> u.flag() == Flag.DISQUALIFIED).extracting(UnitResult::orgId)
			.containsExactlyInAnyOrder(5L, 6L);
		assertThat(ranked).noneMatch(u -> u.flag() == Flag.ADVANCED);
		// a three-way tie at the bottom: all three are flagged
		towns.set(3, new Candidate(4, "town 4", "TOWN", rates(50, 50, 50), null));
		assertThat(rules.rank(towns, 0, 2)).filteredOn(u -> u.flag() == Flag.DISQUALIFIED).hasSize(3);
	}

	@Test
	@DisplayName("flag counts are parameters")
	void parameters() {
		ScoringRules rules = new ScoringRules(0.2, 0.4, 0.4, 0, 1.0, 1, 1, 1);
		List<Candidate> units = List.of(unit(1, 60), unit(2, 70), unit(3, 80));
		List<UnitResult> ranked = rules.rank(units, rules.advancedDepartments(), rules.disqualifiedDepartments());
		assertThat(ranked).extracting(UnitResult::flag).containsExactly(Flag.ADVANCED, null, Flag.DISQUALIFIED);
		assertThatThrownBy(() -> new ScoringRules(0, 0, 0, 0.2, 0.9, 2, 3, 2)).isInstanceOf(IllegalArgumentException.class);
	}
}
