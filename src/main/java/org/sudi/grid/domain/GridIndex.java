package org.sudi.grid.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.algorithm.locate.PointOnGeometryLocator;
import org.locationtech.jts.algorithm.locate.SimplePointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.index.SpatialIndex;
import org.locationtech.jts.index.hprtree.HPRtree;
import org.locationtech.jts.index.strtree.STRtree;
import org.sudi.grid.GridRef;
import org.sudi.grid.Placement;

/**
 * An immutable in-memory spatial index of the grids: two packed R-trees (basic, special; Hilbert-packed
 * {@link HPRtree} by default, {@link STRtree} on request) over the grids' envelopes, and a
 * point-in-polygon test for each candidate. A point on the shared edge of two basic
 * grids lies in both; it is given to the one with the lower code, so every node answers the same.
 * Safe for any number of concurrent readers once built (ADR 0010).
 */
public final class GridIndex {

	/** Polygons with more vertices than this get an indexed point-in-area test (built once, here). */
	static final int INDEXED_LOCATOR_VERTICES = 64;

	private static final Comparator<Entry> BY_CODE = Comparator.comparing(e -> e.ref.code());

	/** The packed R-tree behind the index: Hilbert-packed (faster point queries, the default) or STR. */
	public enum Tree {
		HPR, STR
	}

	private final SpatialIndex basic;
	private final SpatialIndex special;
	private final List<Entry> entries;
	private final List<Grid> grids;
	private final java.util.Map<String, Grid> byCode = new java.util.HashMap<>();
	private final long version;
	private final int basicCount;

	private GridIndex(Collection<Grid> grids, long version, Tree tree) {
		this.basic = tree == Tree.HPR ? new HPRtree() : new STRtree();
		this.special = tree == Tree.HPR ? new HPRtree() : new STRtree();
		this.version = version;
		this.grids = List.copyOf(grids);
		this.entries = new ArrayList<>(grids.size());
		int basics = 0;
		for (Grid g : grids) {
			Entry e = new Entry(g);
			entries.add(e);
			byCode.put(g.code(), g);
			if (g.isBasic()) {
				basic.insert(e.envelope, e);
				basics++;
			}
			else {
				special.insert(e.envelope, e);
			}
		}
		this.basicCount = basics;
		// Build now, before the index is shared: queries on a built tree only read it.
		build(basic);
		build(special);
	}

	private static void build(SpatialIndex tree) {
		if (tree instanceof HPRtree h) {
			h.build();
		}
		else if (tree instanceof STRtree s) {
			s.build();
		}
	}

	public static GridIndex of(Collection<Grid> grids, long version) {
		return new GridIndex(grids, version, Tree.HPR);
	}

	public static GridIndex of(Collection<Grid> grids, long version, Tree tree) {
		return new GridIndex(grids, version, tree);
	}

	public static GridIndex empty() {
		return new GridIndex(List.of(), 0, Tree.HPR);
	}

	public long version() {
		return version;
	}

	public int size() {
		return entries.size();
	}

	public boolean hasBasicGrids() {
		return basicCount > 0;
	}

	public List<Grid> grids() {
		return grids;
	}

	public java.util.Optional<Grid> byCode(String code) {
		return java.util.Optional.ofNullable(byCode.get(code));
	}

	/** Where the point lies: basic grid (lowest code on a shared edge) and all special grids around it. */
	public Placement locate(double lat, double lon) {
		Coordinate p = new Coordinate(lon, lat);
		Envelope at = new Envelope(p);
		Entry[] best = new Entry[1];
		basic.query(at, item -> {
			Entry e = (Entry) item;
			if (e.covers(p) && (best[0] == null || e.ref.code().compareTo(best[0].ref.code()) < 0)) {
				best[0] = e;
			}
		});
		List<GridRef> specials = new ArrayList<>(2);
		special.query(at, item -> {
			Entry e = (Entry) item;
			if (e.covers(p)) {
				specials.add(e.ref);
			}
		});
		if (specials.size() > 1) {
			specials.sort(Comparator.comparing(GridRef::code));
		}
		GridRef b = best[0] == null ? null : best[0].ref;
		return new Placement(b == null ? null : b.townId(), b == null ? null : b.villageId(), b, specials);
	}

	/**
	 * The same answer as {@link #locate} by testing every grid in turn (envelope first): the baseline
	 * the benchmark compares the index with.
	 */
	public Placement locateByScan(double lat, double lon) {
		Coordinate p = new Coordinate(lon, lat);
		Entry best = null;
		List<GridRef> specials = new ArrayList<>(2);
		for (Entry e : entries) {
			if (!e.envelope.covers(p) || !e.covers(p)) {
				continue;
			}
			if (e.grid.isBasic()) {
				if (best == null || BY_CODE.compare(e, best) < 0) {
					best = e;
				}
			}
			else {
				specials.add(e.ref);
			}
		}
		specials.sort(Comparator.comparing(GridRef::code));
		GridRef b = best == null ? null : best.ref;
		return new Placement(b == null ? null : b.townId(), b == null ? null : b.villageId(), b, specials);
	}

	/** The grids whose envelope meets the box, by code. */
	public List<Grid> within(Envelope box) {
		List<Grid> found = new ArrayList<>();
		basic.query(box, item -> found.add(((Entry) item).grid));
		special.query(box, item -> found.add(((Entry) item).grid));
		found.sort(Comparator.comparing(Grid::code));
		return found;
	}

	private static final class Entry {

		final Grid grid;
		final GridRef ref;
		final Envelope envelope;
		final PointOnGeometryLocator locator;

		Entry(Grid grid) {
			this.grid = grid;
			this.ref = grid.ref();
			this.envelope = grid.geometry().getEnvelopeInternal();
			if (grid.geometry().getNumPoints() > INDEXED_LOCATOR_VERTICES) {
				IndexedPointInAreaLocator indexed = new IndexedPointInAreaLocator(grid.geometry());
				indexed.locate(envelope.centre()); // builds its index now, not under the first reader
				this.locator = indexed;
			}
			else {
				this.locator = new SimplePointInAreaLocator(grid.geometry());
			}
		}

		boolean covers(Coordinate p) {
			return locator.locate(p) != Location.EXTERIOR;
		}
	}
}
