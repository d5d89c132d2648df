package org.sudi.triage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Stratified k-fold cross-validation of the triage classifier through the application's code
 * path: for each fold, the training rows are imported as history into a
 * {@link TextClassifier.Builder}, the model is built, and every test row is asked for its
 * suggestions.
 *
 * <pre>usage: TriageEval &lt;tsv&gt; &lt;folds&gt; &lt;seed | seed-seed | seed,seed,..&gt; [--no-background] [--no-taxonomy] [--background FILE]... [--taxonomy FILE]</pre>
 *
 * <p>Unlabelled help, never using labels of test rows:
 * <ul>
 *   <li>background: IDF statistics from TSV files with {@code title} and {@code text} but no
 *       {@code label} column; by default every such file next to the input TSV;</li>
 *   <li>taxonomy: a TSV with {@code level1, level2, level3}; by default one next to the input.
 *       Each (level1, level2) pair becomes a weak training document "level2 / level3 names"
 *       labelled level1, for the level-1 labels that occur in the training fold. This is the
 *       same mechanism the application uses for duty list items.</li>
 * </ul>
 * Experiment knobs (system properties, defaults = the shipped configuration):
 * {@code triage.algorithm, triage.c, triage.balance, triage.titleRepeat, triage.minWordLength,
 * triage.charMin, triage.charMax, triage.wordWeight, triage.charWeight, triage.titleWordWeight,
 * triage.taxonomyWeight}.
 *
 * <p>The last output line is {@code top1=.. top3=.. macroF1=..}, computed over the pooled
 * out-of-fold predictions; with several seeds (e.g. {@code 1-5}, background statistics are then
 * computed only once) it is the mean over the seeds, preceded by a line with the minimum.
 */
public final class TriageEval {
	static final double DEFAULT_TAXONOMY_WEIGHT = 4.0;

	private TriageEval() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length < 3) {
			System.err.println("usage: triage-eval <tsv> <folds> <seed> [--no-background] [--no-taxonomy]"
					+ " [--background FILE]... [--taxonomy FILE]");
			System.exit(2);
		}
		Path input = Path.of(args[0]).toAbsolutePath();
		int folds = Integer.parseInt(args[1]);
		List<Long> seeds = parseSeeds(args[2]);
		boolean discoverBackground = true;
		boolean discoverTaxonomy = true;
		List<Path> backgroundFiles = new ArrayList<>();
		Path taxonomyFile = null;
		for (int i = 3; i < args.length; i++) {
			switch (args[i]) {
				case "--no-background" -> discoverBackground = false;
				case "--no-taxonomy" -> discoverTaxonomy = false;
				case "--background" -> backgroundFiles.add(Path.of(args[++i]).toAbsolutePath());
				case "--taxonomy" -> taxonomyFile = Path.of(args[++i]).toAbsolutePath();
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		if (discoverBackground && backgroundFiles.isEmpty()) {
			backgroundFiles = siblingTsvs(input, t -> t.hasColumn("title") && t.hasColumn("text") && !t.hasColumn("label"));
		}
		if (discoverTaxonomy && taxonomyFile == null) {
			List<Path> found = siblingTsvs(input, t -> t.hasColumn("level1") && t.hasColumn("level2"));
			taxonomyFile = found.isEmpty() ? null : found.get(0);
		}

		FeatureOptions features = featureOptionsFromProperties();
		TrainOptions training = trainOptionsFromProperties();
		double taxonomyWeight = Double.parseDouble(System.getProperty("triage.taxonomyWeight", String.valueOf(DEFAULT_TAXONOMY_WEIGHT)));
		System.out.println("input: " + input);
		System.out.println("features: " + features);
		System.out.println("training: " + training);

		List<LabeledText> rows = TsvTable.read(input).labeledTexts();
		System.out.printf(Locale.ROOT, "rows: %d, labels: %d%n", rows.size(), rows.stream().map(LabeledText::label).distinct().count());

		long t0 = System.nanoTime();
		DocumentFrequencies background = DocumentFrequencies.empty(features);
		if (!backgroundFiles.isEmpty()) {
			DocumentFrequencies.Builder df = DocumentFrequencies.builder(features);
			for (Path file : backgroundFiles) {
				TsvTable table = TsvTable.read(file);
				for (int r = 0; r < table.size(); r++) {
					df.add(table.get(r, "title"), table.get(r, "text"));
				}
			}
			background = df.build(2);
			System.out.printf(Locale.ROOT, "background IDF: %d documents from %s (%.1f s)%n", background.documents(),
					backgroundFiles.stream().map(p -> p.getFileName().toString()).toList(), (System.nanoTime() - t0) / 1e9);
		} else {
			System.out.println("background IDF: none");
		}
		List<String[]> taxonomy = taxonomyFile == null || taxonomyWeight <= 0 ? List.of() : readTaxonomy(taxonomyFile);
		System.out.println("taxonomy documents: " + (taxonomy.isEmpty() ? "none"
				: taxonomy.size() + " from " + taxonomyFile.getFileName() + " (weight " + taxonomyWeight + ")"));

		List<double[]> perSeed = new ArrayList<>();
		for (long seed : seeds) {
			if (seeds.size() > 1) {
				System.out.println("== seed " + seed);
			}
			double[] r = crossValidate(rows, folds, seed, features, training, background, taxonomy, taxonomyWeight);
			perSeed.add(r);
			if (seeds.size() > 1) {
				System.out.printf(Locale.ROOT, "seed %d: top1=%.4f top3=%.4f macroF1=%.4f%n", seed, r[0], r[1], r[2]);
			}
		}
		if (seeds.size() > 1) {
			System.out.printf(Locale.ROOT, "min over seeds: top1=%.4f top3=%.4f macroF1=%.4f%n",
					perSeed.stream().mapToDouble(r -> r[0]).min().orElse(0),
					perSeed.stream().mapToDouble(r -> r[1]).min().orElse(0),
					perSeed.stream().mapToDouble(r -> r[2]).min().orElse(0));
			System.out.print("mean over seeds: ");
		}
		System.out.printf(Locale.ROOT, "top1=%.4f top3=%.4f macroF1=%.4f%n",
				perSeed.stream().mapToDouble(r -> r[0]).average().orElse(0),
				perSeed.stream().mapToDouble(r -> r[1]).average().orElse(0),
				perSeed.stream().mapToDouble(r -> r[2]).average().orElse(0));
	}

	/**
	 * One stratified k-fold cross-validation; prints per-fold lines, the confusion matrix,
	 * build time and latency. @return {top1, top3, macroF1} of the pooled out-of-fold predictions
	 */
	static double[] crossValidate(List<LabeledText> rows, int folds, long seed, FeatureOptions features,
								  TrainOptions training, DocumentFrequencies background,
								  List<String[]> taxonomy, double taxonomyWeight) {
		int[] fold = StratifiedKFold.assign(rows.stream().map(LabeledText::label).toList(),
				rows.stream().map(LabeledText::id).toList(), folds, seed);
		Metrics metrics = new Metrics();
		List<Double> buildSeconds = new ArrayList<>();
		List<Long> latencyNanos = new ArrayList<>();
		List<Long> cpuNanos = new ArrayList<>(); // thread CPU time: robust against a busy machine
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		for (int f = 0; f < folds; f++) {
			List<LabeledText> train = new ArrayList<>();
			List<LabeledText> test = new ArrayList<>();
			for (int i = 0; i < rows.size(); i++) {
				(fold[i] == f ? test : train).add(rows.get(i));
			}
			long start = System.nanoTime();
			// The same path as the platform: history entries and weak documents into a TrainingSet,
			// then the category model's suggestions.
			TrainingSet set = new TrainingSet(features, training).background(background);
			TreeSet<String> trainLabels = new TreeSet<>();
			for (LabeledText row : train) {
				set.addHistory(new TriageHistory.Entry(row.title(), row.text(), row.label(), null, null));
				trainLabels.add(row.label());
			}
			for (String[] doc : taxonomy) {
				if (trainLabels.contains(doc[0])) {
					set.addWeakCategory(doc[1], doc[2], doc[0], taxonomyWeight);
				}
			}
			TriageModel model = set.build().categories();
			double seconds = (System.nanoTime() - start) / 1e9;
			buildSeconds.add(seconds);

			for (int i = 0; i < Math.min(50, train.size()); i++) { // JIT warm-up on training rows only
				model.suggest(train.get(i).title(), train.get(i).text(), 3);
			}
			Metrics foldMetrics = new Metrics();
			for (LabeledText row : test) {
				long c = threads.getCurrentThreadCpuTime();
				long s = System.nanoTime();
				List<Scored> suggestions = model.suggest(row.title(), row.text(), 3);
				latencyNanos.add(System.nanoTime() - s);
				cpuNanos.add(threads.getCurrentThreadCpuTime() - c);
				List<String> ranked = suggestions.stream().map(Scored::label).toList();
				metrics.add(row.label(), ranked);
				foldMetrics.add(row.label(), ranked);
			}
			System.out.printf(Locale.ROOT, "fold %d: train=%d test=%d top1=%.4f top3=%.4f macroF1=%.4f build=%.2fs features=%d%n",
					f + 1, train.size(), test.size(), foldMetrics.topK(1), foldMetrics.topK(3), foldMetrics.macroF1(),
					seconds, model.vectorizerDimension());
		}
		printConfusion(metrics.confusion());
		long[] lat = latencyNanos.stream().mapToLong(Long::longValue).sorted().toArray();
		System.out.printf(Locale.ROOT, "model build: mean %.2f s, max %.2f s (per fold, incl. feature extraction)%n",
				buildSeconds.stream().mapToDouble(Double::doubleValue).average().orElse(0),
				buildSeconds.stream().mapToDouble(Double::doubleValue).max().orElse(0));
		System.out.printf(Locale.ROOT, "suggest latency: p50 %.3f ms, p95 %.3f ms, max %.3f ms (n=%d)%n",
				percentile(lat, 50) / 1e6, percentile(lat, 95) / 1e6, lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6, lat.length);
		long[] cpu = cpuNanos.stream().mapToLong(Long::longValue).sorted().toArray();
		System.out.printf(Locale.ROOT, "suggest cpu time: p50 %.3f ms, p95 %.3f ms%n", percentile(cpu, 50) / 1e6, percentile(cpu, 95) / 1e6);
		return new double[] {metrics.topK(1), metrics.topK(3), metrics.macroF1()};
	}

	/** "7", "1-5" or "1,3,8". */
	static List<Long> parseSeeds(String spec) {
		List<Long> seeds = new ArrayList<>();
		for (String part : spec.split(",")) {
			int dash = part.indexOf('-', 1);
			if (dash > 0) {
				for (long s = Long.parseLong(part.substring(0, dash)); s <= Long.parseLong(part.substring(dash + 1)); s++) {
					seeds.add(s);
				}
			} else {
				seeds.add(Long.parseLong(part));
			}
		}
		return seeds;
	}



	/** Nearest-rank percentile of sorted values. */
	static long percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	/** (level1, level2, level3 names joined) per level-2 node, in file order. */
	static List<String[]> readTaxonomy(Path file) throws IOException {
		TsvTable table = TsvTable.read(file);
		Map<String, List<String>> children = new LinkedHashMap<>();
		for (int r = 0; r < table.size(); r++) {
			String key = table.get(r, "level1") + "\t" + table.get(r, "level2");
			List<String> list = children.computeIfAbsent(key, k -> new ArrayList<>());
			if (table.hasColumn("level3") && !table.get(r, "level3").isEmpty()) {
				list.add(table.get(r, "level3"));
			}
		}
		List<String[]> docs = new ArrayList<>();
		children.forEach((key, level3) -> {
			String[] parts = key.split("\t", -1);
			docs.add(new String[] {parts[0], parts[1], String.join("、", level3)});
		});
		return docs;
	}

	private static List<Path> siblingTsvs(Path input, java.util.function.Predicate<TsvTable> accept) throws IOException {
		List<Path> out = new ArrayList<>();
		try (Stream<Path> files = Files.list(input.getParent())) {
			for (Path p : files.filter(p -> p.toString().endsWith(".tsv") && !p.equals(input)).sorted().toList()) {
				if (accept.test(headerOnly(p))) {
					out.add(p);
				}
			}
		}
		return out;
	}

	private static TsvTable headerOnly(Path p) throws IOException {
		return TsvTable.readHeader(p);
	}

	private static void printConfusion(Map<String, Map<String, Integer>> confusion) {
		TreeSet<String> labels = new TreeSet<>(confusion.keySet());
		confusion.values().forEach(r -> labels.addAll(r.keySet()));
		List<String> cols = new ArrayList<>(labels);
		System.out.println("confusion (rows gold, columns top-1 prediction in this order): " + cols);
		for (String g : cols) {
			int[] counts = cols.stream().mapToInt(p -> confusion.getOrDefault(g, Map.of()).getOrDefault(p, 0)).toArray();
			System.out.printf("  %-8s %s%n", g, Arrays.toString(counts));
		}
	}

	static FeatureOptions featureOptionsFromProperties() {
		FeatureOptions d = FeatureOptions.defaults();
		return d.withTitleRepeat(intProp("triage.titleRepeat", d.titleRepeat()))
				.withMinWordLength(intProp("triage.minWordLength", d.minWordLength()))
				.withCharRange(intProp("triage.charMin", d.charMinN()), intProp("triage.charMax", d.charMaxN()))
				.withBlockWeights(doubleProp("triage.wordWeight", d.wordWeight()),
						doubleProp("triage.charWeight", d.charWeight()),
						doubleProp("triage.titleWordWeight", d.titleWordWeight()));
	}

	static TrainOptions trainOptionsFromProperties() {
		TrainOptions d = TrainOptions.defaults();
		return d.withAlgorithm(TrainOptions.Algorithm.valueOf(System.getProperty("triage.algorithm", d.algorithm().name())))
				.withC(doubleProp("triage.c", d.c()))
				.withBalanceClasses(Boolean.parseBoolean(System.getProperty("triage.balance", String.valueOf(d.balanceClasses()))));
	}

	private static int intProp(String name, int fallback) {
		return Integer.parseInt(System.getProperty(name, String.valueOf(fallback)));
	}

	private static double doubleProp(String name, double fallback) {
		return Double.parseDouble(System.getProperty(name, String.valueOf(fallback)));
	}
}
