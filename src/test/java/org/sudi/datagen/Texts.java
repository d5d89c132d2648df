package org.sudi.datagen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real citizen messages (../shared/data/govmsg, read at run time, never copied into the project):
 * titles and texts for cases, the government's replies for task results. A text is cut at a sentence
 * end near {@link #MAX_TEXT} characters, as a hotline operator's record of the call would be.
 */
final class Texts {

	static final int MAX_TEXT = 200;
	static final int MAX_RESULT = 120;

	record Message(String title, String text, String label) {
	}

	final List<Message> messages = new ArrayList<>();
	final List<String> replies = new ArrayList<>();

	static Path defaultDir() {
		String configured = System.getProperty("sudi.datagen.texts", System.getenv("SUDI_DATAGEN_TEXTS"));
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		Path here = Path.of("").toAbsolutePath();
		for (Path p = here; p != null; p = p.getParent()) {
			Path candidate = p.resolve("shared/data/govmsg");
			if (Files.isDirectory(candidate)) {
				return candidate;
			}
		}
		return here.resolve("../shared/data/govmsg").normalize();
	}

	static Texts load(Path dir) {
		Texts t = new Texts();
		t.read(dir.resolve("taidi2020C_fujian2_sample_labeled.tsv"), 3);
		t.read(dir.resolve("taidi2020C_fujian3_unlabeled.tsv"), -1);
		t.read(dir.resolve("taidi2020C_fujian4_with_reply.tsv"), -1);
		t.read(dir.resolve("taidi2020C_test_unlabeled.tsv"), -1);
		try {
			List<String> lines = Files.readAllLines(dir.resolve("taidi2020C_fujian4_with_reply.tsv"), StandardCharsets.UTF_8);
			for (String line : lines.subList(1, lines.size())) {
				String[] f = line.split("\t", -1);
				if (f.length > 3 && !f[3].isBlank()) {
					t.replies.add(cut(f[3].strip(), MAX_RESULT));
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read the messages in " + dir + " (see docs/benchmarks.md)", e);
		}
		if (t.messages.isEmpty() || t.replies.isEmpty()) {
			throw new IllegalStateException("No messages found in " + dir);
		}
		return t;
	}

	private void read(Path file, int labelColumn) {
		try {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			for (String line : lines.subList(1, lines.size())) {
				String[] f = line.split("\t", -1);
				if (f.length < 3 || f[1].isBlank() || f[2].isBlank()) {
					continue;
				}
				String label = labelColumn > 0 && f.length > labelColumn ? f[labelColumn].strip() : null;
				messages.add(new Message(cut(f[1].strip(), 60), cut(f[2].strip(), MAX_TEXT), label));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + file + " (the govmsg data sits beside the checkout: ../shared/data/govmsg)", e);
		}
	}

	/** Cuts at the last sentence end (。！？!?；) within {@code max} characters, else hard at {@code max}. */
	static String cut(String s, int max) {
		if (s.codePointCount(0, s.length()) <= max) {
			return s;
		}
		int end = s.offsetByCodePoints(0, max);
		String head = s.substring(0, end);
		int best = -1;
		for (int i = head.length() - 1; i >= head.length() / 3; i--) {
			if ("。！？!?；".indexOf(head.charAt(i)) >= 0) {
				best = i + 1;
				break;
			}
		}
		return best > 0 ? head.substring(0, best) : head;
	}
}
