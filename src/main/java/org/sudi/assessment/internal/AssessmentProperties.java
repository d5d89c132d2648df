package org.sudi.assessment.internal;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.sudi.assessment.domain.ScoringRules;

/**
 * {@code sudi.assessment.*}: the district's scoring parameters (defaults: 0.1 response + 0.5
 * resolution + 0.4 satisfaction, 20 % bottom-up for departments, w = 0.9, top 2 departments
 * 先进集体, bottom 3 departments and bottom 2 towns 取消评先树优资格), the names of the two
 * configurable accountability situations, how long dashboards may reuse the live month, and whether
 * periods are read from the per-day counters (default) or counted from the facts (ADR 0025).
 */
@ConfigurationProperties("sudi.assessment")
public record AssessmentProperties(Double responseWeight, Double resolutionWeight, Double satisfactionWeight,
		Double bottomUpShare, Double basicallySatisfiedWeight, Integer advancedDepartments,
		Integer disqualifiedDepartments, Integer disqualifiedTowns, Map<String, String> situationNames,
		Duration liveCache, Boolean dayCounts, Duration dayCountsFoldInterval) {

	public ScoringRules rules() {
		ScoringRules d = ScoringRules.DEFAULT;
		return new ScoringRules(or(responseWeight, d.responseWeight()), or(resolutionWeight, d.resolutionWeight()),
				or(satisfactionWeight, d.satisfactionWeight()), or(bottomUpShare, d.bottomUpShare()),
				or(basicallySatisfiedWeight, d.basicallySatisfiedWeight()),
				advancedDepartments == null ? d.advancedDepartments() : advancedDepartments,
				disqualifiedDepartments == null ? d.disqualifiedDepartments() : disqualifiedDepartments,
				disqualifiedTowns == null ? d.disqualifiedTowns() : disqualifiedTowns);
	}

	public boolean dayCountsOrDefault() {
		return dayCounts == null || dayCounts;
	}

	public Duration dayCountsFoldIntervalOrDefault() {
		return dayCountsFoldInterval == null ? Duration.ofSeconds(10) : dayCountsFoldInterval;
	}

	public Duration liveCacheOrDefault() {
		return liveCache == null ? Duration.ofSeconds(60) : liveCache;
	}

	private static double or(Double v, double d) {
		return v == null ? d : v;
	}
}
