package org.sudi.grid.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.sudi.casework.CaseSubmitted;

/**
 * Keeps the grid module's own record of where cases were placed (table {@code grid_case}), from
 * casework's {@link CaseSubmitted}, so map data never reads casework's tables (ADR 0012). Recorded in the
 * submitting transaction, like the other projections (ADR 0023): one commit per intake instead of four
 * (event publication row, its processing and completion), and the count never lags or gets lost.
 * Idempotent: a republished event counts once.
 */
@Component
class GridCaseCounter {

	private final JdbcGrids grids;
	private final Clock clock;

	GridCaseCounter(JdbcGrids grids, Clock clock) {
		this.grids = grids;
		this.clock = clock;
	}

	@EventListener
	void on(CaseSubmitted submitted) {
		if (submitted.gridCode() == null && submitted.specialGridCodes().isEmpty()) {
			return;
		}
		List<String> codes = new ArrayList<>();
		if (submitted.gridCode() != null) {
			codes.add(submitted.gridCode());
		}
		codes.addAll(submitted.specialGridCodes());
		grids.recordCase(submitted.caseId(), codes, LocalDate.ofInstant(submitted.at(), clock.getZone()));
	}
}
