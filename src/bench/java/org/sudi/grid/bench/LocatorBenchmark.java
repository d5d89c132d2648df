package org.sudi.grid.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.locationtech.jts.geom.Coordinate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.sudi.grid.GridKind;
import org.sudi.grid.Placement;
import org.sudi.grid.SpecialKind;
import org.sudi.grid.domain.GeoJsonGrids;
import org.sudi.grid.domain.Grid;
import org.sudi.grid.domain.GridIndex;

/**
 * Locating a point among 50,000 grids (45,000 basic grids tiling a 0.36° × 0.28° district with bent
 * six-vertex cells, and 5,000 special grids over them): the index ({@code index}, over a Hilbert-packed
 * or an STR R-tree) against testing every grid in turn ({@code scan}, envelope first), one thread. Points are random in the
 * district plus a margin, so some lie outside. Prints the index's heap footprint once per fork.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = { "-Xmx2g" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LocatorBenchmark {

	static final double WEST = 117.41;
	static final double EAST = 117.77;
	static final double SOUTH = 34.63;
	static final double NORTH = 34.91;

	@Param("50000")
	int grids;

	@Param({ "HPR", "STR" })
	GridIndex.Tree tree;

	GridIndex index;
	double[] lats;
	double[] lons;
	int next;

	@Setup
	public void setUp() {
		Runtime rt = Runtime.getRuntime();
		long before = used(rt);
		List<Grid> all = generate(grids);
		long afterGrids = used(rt);
		index = GridIndex.of(all, 1, tree);
		long afterIndex = used(rt);
		System.out.printf("%n[memory] %s, %d grids: geometry and attributes %.1f MB; index on top %.1f MB; total %.1f MB (%.0f bytes per grid)%n",
				tree, all.size(), (afterGrids - before) / 1e6, (afterIndex - afterGrids) / 1e6, (afterIndex - before) / 1e6,
				(afterIndex - before) / (double) all.size());
		Random random = new Random(42);
		lats = new double[1 << 16];
		lons = new double[1 << 16];
		for (int i = 0; i < lats.length; i++) {
			lats[i] = SOUTH - 0.01 + random.nextDouble() * (NORTH - SOUTH + 0.02);
			lons[i] = WEST - 0.01 + random.nextDouble() * (EAST - WEST + 0.02);
		}
		cpuRate("index", n -> index.locate(lats[n & (lats.length - 1)], lons[n & (lats.length - 1)]), 2_000_000);
		cpuRate("scan", n -> index.locateByScan(lats[n & (lats.length - 1)], lons[n & (lats.length - 1)]), 3_000);
		// The two ways agree.
		for (int i = 0; i < 2000; i++) {
			if (!index.locate(lats[i], lons[i]).equals(index.locateByScan(lats[i], lons[i]))) {
				throw new IllegalStateException("index and scan disagree at " + lats[i] + ", " + lons[i]);
			}
		}
	}

	@Benchmark
	public Placement index() {
		int i = next++ & (lats.length - 1);
		return index.locate(lats[i], lons[i]);
	}

	@Benchmark
	public Placement scan() {
		int i = next++ & (lats.length - 1);
		return index.locateByScan(lats[i], lons[i]);
	}

	/**
	 * Lookups per second of this thread's CPU time (after a warm-up of the same size): the figure for
	 * one core that does not depend on how many other processes share the machine.
	 */
	private void cpuRate(String name, java.util.function.IntFunction<Placement> lookup, int count) {
		java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
		int sink = 0;
		for (int round = 0; round < 2; round++) {
			long cpu = mx.getCurrentThreadCpuTime();
			for (int n = 0; n < count; n++) {
				sink += lookup.apply(n).specialGrids().size();
			}
			long used = mx.getCurrentThreadCpuTime() - cpu;
			if (round == 1) {
				System.out.printf("[cpu] %s, %s: %.0f lookups per CPU-second (%d lookups, %.2f s CPU)%n", tree, name,
						count / (used / 1e9), count, used / 1e9);
			}
		}
		if (sink == Integer.MIN_VALUE) {
			System.out.println(sink);
		}
	}

	private static long used(Runtime rt) {
		for (int i = 0; i < 5; i++) {
			System.gc();
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		return rt.totalMemory() - rt.freeMemory();
	}

	/** 90 % basic grids tiling the district in rows of bent cells, 10 % special grids over them. */
	static List<Grid> generate(int count) {
		int basics = count * 9 / 10;
		int rows = (int) Math.round(Math.sqrt(basics * (NORTH - SOUTH) / (EAST - WEST)));
		int perRow = basics / rows;
		Random random = new Random(370404);
		List<Grid> out = new ArrayList<>(count);
		int seq = 0;
		for (int r = 0; r < rows; r++) {
			int k = r == rows - 1 ? basics - perRow * (rows - 1) : perRow;
			double ya = SOUTH + (NORTH - SOUTH) * r / rows;
			double yb = SOUTH + (NORTH - SOUTH) * (r + 1) / rows;
			double ym = (ya + yb) / 2;
			double w = (EAST - WEST) / k;
			double[] bottom = new double[k + 1];
			double[] middle = new double[k + 1];
			double[] top = new double[k + 1];
			for (int j = 0; j <= k; j++) {
				double x = WEST + (EAST - WEST) * j / k;
				boolean edge = j == 0 || j == k;
				bottom[j] = edge ? x : x + (random.nextDouble() - 0.5) * 0.4 * w;
				middle[j] = edge ? x : x + (random.nextDouble() - 0.5) * 0.4 * w;
				top[j] = edge ? x : x + (random.nextDouble() - 0.5) * 0.4 * w;
			}
			for (int j = 0; j < k; j++) {
				var cell = GeoJsonGrids.GEOMETRY.createPolygon(new Coordinate[] { new Coordinate(bottom[j], ya),
						new Coordinate(bottom[j + 1], ya), new Coordinate(middle[j + 1], ym), new Coordinate(top[j + 1], yb),
						new Coordinate(top[j], yb), new Coordinate(middle[j], ym), new Coordinate(bottom[j], ya) });
				String code = String.format("370404%09d", ++seq);
				out.add(new Grid(code, "网格" + seq, GridKind.BASIC, null, 1000 + seq / 12, 100 + seq / 600, null, 300,
						null, List.of("worker-" + seq), cell));
			}
		}
		for (int s = 0; s < count - basics; s++) {
			double lon = WEST + random.nextDouble() * (EAST - WEST);
			double lat = SOUTH + random.nextDouble() * (NORTH - SOUTH);
			var box = GeoJsonGrids.GEOMETRY.createPolygon(new Coordinate[] { new Coordinate(lon, lat),
					new Coordinate(lon + 0.002, lat), new Coordinate(lon + 0.002, lat + 0.0015),
					new Coordinate(lon, lat + 0.0015), new Coordinate(lon, lat) });
			String code = String.format("370404%06d%03d", 900000 + s, 901);
			out.add(new Grid(code, "专属网格" + s, GridKind.SPECIAL, SpecialKind.SCHOOL, 1000, 100, "学校" + s, null, null,
					List.of("worker-s" + s), box));
		}
		return out;
	}
}
