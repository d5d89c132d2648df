package org.sudi.assessment.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.sudi.assessment.Measures;
import org.sudi.assessment.UnitResult;
import org.sudi.assessment.UnitResult.Flag;

/**
 * The district's scoring rules: the composite score of the three rates (三率) and, for departments,
 * the bottom-up score; rankings per kind with the rule flags.
 *
 * @param responseWeight weight of the response rate (default 0.1)
 * @param resolutionWeight weight of the resolution rate (0.5)
 * @param satisfactionWeight weight of the satisfaction rate (0.4)
 * @param bottomUpShare share of a department's composite taken by its bottom-up score (0.2)
 * @param basicallySatisfiedWeight w in (satisfied + w × basically satisfied) / evaluated (0.9)
 * @param advancedDepartments top departments flagged 先进集体 (2)
 * @param disqualifiedDepartments bottom departments flagged 取消评先树优资格 (3)
 * @param disqualifiedTowns bottom towns flagged 取消评先树优资格 (2)
 */
public record ScoringRules(double responseWeight, double resolutionWeight, double satisfactionWeight,
		double bottomUpShare, double basicallySatisfiedWeight, int advancedDepartments, int disqualifiedDepartments,
		int disqualifiedTowns) {

	public static final ScoringRules DEFAULT = new ScoringRules(0.1, 0.5, 0.4, 0.2, 0.9, 2, 3, 2);

	public ScoringRules {
		if (responseWeight < 0 || resolutionWeight < 0 || satisfactionWeight < 0
				|| responseWeight + resolutionWeight + satisfactionWeight <= 0) {
			throw new IllegalArgumentException("rate weights must be non-negative and not all zero");
		}
		if (bottomUpShare < 0 || bottomUpShare > 1 || basicallySatisfiedWeight < 0 || basicallySatisfiedWeight > 1) {
			throw new IllegalArgumentException("bottomUpShare and basicallySatisfiedWeight must lie in [0, 1]");
		}
	}

	/**
	 * The composite (0–100) of the three rates, each weighted; a rate without data is left out and the
	 * other weights count in full (so a unit is not punished for what it was never given). For a
	 * department with a bottom-up score: (1 − share) × rates + share × bottom-up. Null when nothing
	 * could be measured.
	 */
	public Double composite(Measures m, Double bottomUp) {
		double sum = 0;
		double weights = 0;
		Double[] rates = { m.responseRate(), m.resolutionRate(), m.satisfactionRate(basicallySatisfiedWeight) };
		double[] w = { responseWeight, resolutionWeight, satisfactionWeight };
		for (int i = 0; i < rates.length; i++) {
			if (rates[i] != null && w[i] > 0) {
				sum += w[i] * rates[i];
				weights += w[i];
			}
		}
		Double rateScore = weights == 0 ? null : 100 * sum / weights;
		if (bottomUp == null || bottomUpShare == 0) {
			return rateScore;
		}
		if (rateScore == null) {
			return bottomUp;
		}
		return (1 - bottomUpShare) * rateScore + bottomUpShare * bottomUp;
	}

	/** The score a whistle-blowing town's evaluation gives (satisfied 100, basically 100·w, unsatisfied 0). */
	public double scoreOf(String rating) {
		return switch (rating) {
			case "SATISFIED" -> 100;
			case "BASICALLY_SATISFIED" -> 100 * basicallySatisfiedWeight;
			default -> 0;
		};
	}

	/** A unit to rank, before its rank and flag are known. */
	public record Candidate(long orgId, String orgName, String kind, Measures measures, Double bottomUp) {
	}

	/**
	 * Ranks units of one kind by composite, best first. Equal composites share a rank (1, 2, 2, 4);
	 * units without a composite are listed last, unranked and unflagged. The top {@code advanced} ranks
	 * are ADVANCED and the bottom {@code disqualified} ranks (counted from the bottom the same way)
	 * DISQUALIFIED; a tie on a boundary flags every unit in it; DISQUALIFIED wins where they overlap.
	 */
	public List<UnitResult> rank(List<Candidate> candidates, int advanced, int disqualified) {
		record Scored(Candidate c, Double composite) {
		}
		List<Scored> scored = new ArrayList<>();
		for (Candidate c : candidates) {
			scored.add(new Scored(c, composite(c.measures(), c.bottomUp())));
		}
		scored.sort(Comparator.comparing((Scored s) -> s.composite() == null)
			.thenComparing(s -> s.composite() == null ? 0 : -s.composite())
			.thenComparing(s -> s.c().orgId()));
		List<Double> ranked = scored.stream().map(Scored::composite).filter(x -> x != null).toList();
		List<UnitResult> out = new ArrayList<>();
		for (Scored s : scored) {
			Integer rank = null;
			Flag flag = null;
			if (s.composite() != null) {
				double score = s.composite();
				rank = 1 + (int) ranked.stream().filter(x -> x > score + 1e-9).count();
				int fromBottom = 1 + (int) ranked.stream().filter(x -> x < score - 1e-9).count();
				if (fromBottom <= disqualified) {
					flag = Flag.DISQUALIFIED;
				}
				else if (rank <= advanced) {
					flag = Flag.ADVANCED;
				}
			}
			Measures m = s.c().measures();
			out.add(new UnitResult(s.c().orgId(), s.c().orgName(), s.c().kind(), m, m.responseRate(),
					m.onTimeCompletionRate(), m.resolutionRate(), m.satisfactionRate(basicallySatisfiedWeight),
					m.reworkRate(), m.approvedReturnRate(), s.c().bottomUp(), s.composite(), rank, flag));
		}
		return out;
	}
}
