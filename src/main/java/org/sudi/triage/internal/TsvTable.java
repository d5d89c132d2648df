package org.sudi.triage.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tab-separated table whose first line is a header. Columns are looked up by header
 * name, so extra or re-ordered columns do not matter. Missing trailing cells read as "".
 */
public final class TsvTable {
	private final List<String> header;
	private final Map<String, Integer> columnIndex = new HashMap<>();
	private final List<String[]> rows;

	private TsvTable(List<String> header, List<String[]> rows) {
		this.header = List.copyOf(header);
		this.rows = rows;
		for (int i = 0; i < header.size(); i++) {
			columnIndex.putIfAbsent(header.get(i).trim().toLowerCase(), i);
		}
	}

	public static TsvTable read(Path file) throws IOException {
		try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String headerLine = in.readLine();
			if (headerLine == null) {
				throw new IOException("empty TSV file: " + file);
			}
			if (headerLine.startsWith("\uFEFF")) {
				headerLine = headerLine.substring(1); // UTF-8 byte order mark
			}
			List<String> header = List.of(headerLine.split("\t", -1));
			List<String[]> rows = new ArrayList<>();
			String line;
			while ((line = in.readLine()) != null) {
				if (!line.isBlank()) {
					rows.add(line.split("\t", -1));
				}
			}
			return new TsvTable(header, rows);
		}
	}

	/** Only the header line (for deciding what a file is without reading it all). */
	public static TsvTable readHeader(Path file) throws IOException {
		try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String headerLine = in.readLine();
			if (headerLine == null) {
				throw new IOException("empty TSV file: " + file);
			}
			return new TsvTable(List.of(headerLine.replace("\uFEFF", "").split("\t", -1)), new ArrayList<>());
		}
	}

	public List<String> header() {
		return header;
	}

	public int size() {
		return rows.size();
	}

	public boolean hasColumn(String name) {
		return columnIndex.containsKey(name.toLowerCase());
	}

	/** Cell of row {@code row} in column {@code name}; "" when the row is short. */
	public String get(int row, String name) {
		Integer col = columnIndex.get(name.toLowerCase());
		if (col == null) {
			throw new IllegalArgumentException("no column '" + name + "' in header " + header);
		}
		String[] cells = rows.get(row);
		return col < cells.length ? cells[col].trim() : "";
	}

	/** Rows as labelled texts, using the columns id, title, text and label. Rows without label are skipped. */
	public List<LabeledText> labeledTexts() {
		List<LabeledText> out = new ArrayList<>(rows.size());
		for (int r = 0; r < rows.size(); r++) {
			String label = get(r, "label");
			if (!label.isEmpty()) {
				out.add(new LabeledText(get(r, "id"), get(r, "title"), get(r, "text"), label));
			}
		}
		return out;
	}
}
