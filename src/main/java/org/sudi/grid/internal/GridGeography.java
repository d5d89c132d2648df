package org.sudi.grid.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.sudi.grid.GridsChanged;
import org.sudi.grid.Locator;
import org.sudi.grid.Placement;
import org.sudi.grid.domain.GridIndex;

/**
 * This node's in-memory index of the grids (ADR 0010). It is rebuilt after a change to the grids
 * commits on this node ({@link GridsChanged}), and when the geography version in the database differs
 * from the index's: checked at most every {@code sudi.grid.version-check} (10 s) on a lookup, so a
 * change made on another node reaches this one within that time, and a lookup costs no query otherwise.
 */
@Service
class GridGeography implements Locator {

	private static final Logger log = LoggerFactory.getLogger(GridGeography.class);

	private final JdbcGrids grids;
	private final long checkEveryNanos;
	private volatile GridIndex index;
	private volatile long checkedAt;

	GridGeography(JdbcGrids grids, @Value("${sudi.grid.version-check:10s}") Duration checkEvery) {
		this.grids = grids;
		this.checkEveryNanos = checkEvery.toNanos();
	}

	/** The current index, reloaded first when the database has a newer geography. */
	GridIndex index() {
		GridIndex current = index;
		long now = System.nanoTime();
		if (current == null || now - checkedAt > checkEveryNanos) {
			checkedAt = now;
			current = refresh(false);
		}
		return current;
	}

	@Override
	public Placement locate(double lat, double lon) {
		return index().locate(lat, lon);
	}

	@Override
	public boolean hasGeography() {
		return index().hasBasicGrids();
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(GridsChanged changed) {
		refresh(true);
	}

	/** Reloads when the stored version differs from the index's (or always, when {@code force}). */
	synchronized GridIndex refresh(boolean force) {
		long stored = grids.version();
		GridIndex current = index;
		if (force || current == null || current.version() != stored) {
			long started = System.nanoTime();
			// The version is read before the grids: a change committing in between is picked up next time.
			current = GridIndex.of(grids.all(), stored);
			index = current;
			log.info("Grid index version {}: {} grids in {} ms", stored, current.size(),
					(System.nanoTime() - started) / 1_000_000);
		}
		checkedAt = System.nanoTime();
		return current;
	}
}
