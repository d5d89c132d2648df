package org.sudi.triage.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Not a unit test: a scaling benchmark (run with {@code bin/bench-triage-scaling [docs]}).
 * Pseudo-labels the ~10k unlabelled messages with a model trained on the labelled sample,
 * then builds a training set of {@code docs} documents (default 100,000) by concatenating each
 * unlabelled message with another message of the same pseudo-label, builds a model, and
 * measures build time, model size and suggestion latency (wall clock and thread CPU time) on
 * 2,000 messages not used for training.
 */
public final class ScalingBench {

	public static void main(String[] args) throws IOException {
		Path dir = Path.of(args[0]);
		int target = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
		FeatureOptions features = FeatureOptions.defaults();
		TrainOptions training = TrainOptions.defaults();

		List<LabeledText> labeled = TsvTable.read(dir.resolve("taidi2020C_fujian2_sample_labeled.tsv")).labeledTexts();
		TextClassifier.Builder seedBuilder = TextClassifier.builder(features, training);
		labeled.forEach(r -> seedBuilder.add(r.title(), r.text(), r.label(), 1.0));
		TriageModel seedModel = seedBuilder.build();

		List<String[]> pool = new ArrayList<>(); // title, text, pseudo label
		for (String file : List.of("taidi2020C_fujian3_unlabeled.tsv", "taidi2020C_fujian4_with_reply.tsv",
				"taidi2020C_test_unlabeled.tsv")) {
			TsvTable t = TsvTable.read(dir.resolve(file));
			for (int r = 0; r < t.size(); r++) {
				String title = t.get(r, "title");
				String text = t.get(r, "text");
				pool.add(new String[] {title, text, seedModel.suggest(title, text, 1).get(0).label()});
			}
		}
		List<String[]> held = pool.subList(pool.size() - 2000, pool.size());
		List<String[]> trainPool = pool.subList(0, pool.size() - 2000);
		System.out.printf(Locale.ROOT, "pool: %d messages, %d for training, %d held out%n", pool.size(), trainPool.size(), held.size());

		Random random = new Random(1);
		long t0 = System.nanoTime();
		TextClassifier.Builder builder = TextClassifier.builder(features, training);
		for (int i = 0; i < target; i++) {
			String[] a = trainPool.get(i % trainPool.size());
			String[] b = trainPool.get(random.nextInt(trainPool.size()));
			if (i < trainPool.size()) {
				builder.add(a[0], a[1], a[2], 1.0);
			} else { // a synthetic variant: a's title, a's text + b's text, a's label
				builder.add(a[0], a[1] + " " + b[1], a[2], 1.0);
			}
		}
		long t1 = System.nanoTime();
		TriageModel model = builder.build();
		long t2 = System.nanoTime();
		byte[] bytes = ModelCodec.toBytes(model);
		long t3 = System.nanoTime();
		TriageModel loaded = ModelCodec.fromBytes(bytes);
		long t4 = System.nanoTime();
		Runtime rt = Runtime.getRuntime();
		System.out.printf(Locale.ROOT, "docs=%d features=%d labels=%d%n", target, model.vectorizerDimension(), model.labels().size());
		System.out.printf(Locale.ROOT, "import (feature extraction) %.1f s, build %.1f s, serialize %.2f s (%.1f MB), load %.2f s, heap used %.0f MB%n",
				(t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, bytes.length / 1e6, (t4 - t3) / 1e9,
				(rt.totalMemory() - rt.freeMemory()) / 1e6);

		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		for (int i = 0; i < 500; i++) { // warm-up
			String[] m = held.get(i);
			loaded.suggest(m[0], m[1], 3);
		}
		long[] wall = new long[held.size()];
		long[] cpu = new long[held.size()];
		int agree = 0;
		for (int i = 0; i < held.size(); i++) {
			String[] m = held.get(i);
			long c = threads.getCurrentThreadCpuTime();
			long w = System.nanoTime();
			List<Scored> s = loaded.suggest(m[0], m[1], 3);
			wall[i] = System.nanoTime() - w;
			cpu[i] = threads.getCurrentThreadCpuTime() - c;
			if (s.get(0).label().equals(m[2])) {
				agree++;
			}
		}
		Arrays.sort(wall);
		Arrays.sort(cpu);
		System.out.printf(Locale.ROOT, "suggest latency over %d held-out messages: wall p50 %.3f ms p95 %.3f ms; cpu p50 %.3f ms p95 %.3f ms%n",
				held.size(), TriageEval.percentile(wall, 50) / 1e6, TriageEval.percentile(wall, 95) / 1e6,
				TriageEval.percentile(cpu, 50) / 1e6, TriageEval.percentile(cpu, 95) / 1e6);
		System.out.printf(Locale.ROOT, "agreement with pseudo labels on held-out: %.3f%n", agree / (double) held.size());
	}
}
