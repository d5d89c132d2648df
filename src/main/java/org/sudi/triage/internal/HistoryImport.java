package org.sudi.triage.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sudi.catalog.Category;
import org.sudi.directory.OrgUnit;

/**
 * Reads history for cold start from a CSV or TSV export of an older hotline system: a header line
 * naming the columns {@code text} (required), {@code title}, {@code category} (code or name),
 * {@code unit} (code or name of the unit that handled it), {@code date} (yyyy-MM-dd). Every row is
 * checked; problems are reported with their line numbers.
 */
final class HistoryImport {

	record Problem(int line, String message) {
	}

	record Result(List<TriageHistory.Entry> entries, List<Problem> problems) {
	}

	private HistoryImport() {
	}

	static Result parse(String content, List<Category> categories, List<OrgUnit> units) {
		Map<String, String> categoryCodes = new HashMap<>();
		for (Category c : categories) {
			categoryCodes.put(key(c.code()), c.code());
			categoryCodes.putIfAbsent(key(c.name()), c.code());
		}
		Map<String, Long> unitIds = new HashMap<>();
		for (OrgUnit u : units) {
			unitIds.put(key(u.code()), u.id());
			unitIds.putIfAbsent(key(u.name()), u.id());
		}
		List<TriageHistory.Entry> entries = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();
		List<String> lines = lines(content);
		if (lines.isEmpty()) {
			problems.add(new Problem(0, "the file is empty"));
			return new Result(entries, problems);
		}
		String header = lines.get(0).replace("\uFEFF", "");
		char separator = header.contains("\t") ? '\t' : ',';
		List<String> columns = split(header, separator).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
		int text = columns.indexOf("text");
		if (text < 0) {
			problems.add(new Problem(1, "the header needs a 'text' column (and 'category' and/or 'unit')"));
			return new Result(entries, problems);
		}
		int title = columns.indexOf("title");
		int category = columns.indexOf("category");
		int unit = columns.indexOf("unit");
		int date = columns.indexOf("date");
		for (int i = 1; i < lines.size(); i++) {
			int lineNo = i + 1;
			if (lines.get(i).isBlank()) {
				continue;
			}
			List<String> cells = split(lines.get(i), separator);
			String body = cell(cells, text);
			if (body.isBlank()) {
				problems.add(new Problem(lineNo, "text is empty"));
				continue;
			}
			String categoryCell = cell(cells, category);
			String unitCell = cell(cells, unit);
			if (categoryCell.isBlank() && unitCell.isBlank()) {
				problems.add(new Problem(lineNo, "needs a category or a unit to learn from"));
				continue;
			}
			String code = categoryCell.isBlank() ? null : categoryCodes.get(key(categoryCell));
			if (!categoryCell.isBlank() && code == null) {
				problems.add(new Problem(lineNo, "unknown category '" + categoryCell + "'"));
				continue;
			}
			Long orgId = unitCell.isBlank() ? null : unitIds.get(key(unitCell));
			if (!unitCell.isBlank() && orgId == null) {
				problems.add(new Problem(lineNo, "unknown unit '" + unitCell + "'"));
				continue;
			}
			LocalDate on = null;
			String dateCell = cell(cells, date);
			if (!dateCell.isBlank()) {
				try {
					on = LocalDate.parse(dateCell.length() > 10 ? dateCell.substring(0, 10) : dateCell);
				}
				catch (DateTimeParseException e) {
					problems.add(new Problem(lineNo, "'" + dateCell + "' is not a date (yyyy-MM-dd)"));
					continue;
				}
			}
			entries.add(new TriageHistory.Entry(cell(cells, title), body, code, orgId, on));
		}
		if (entries.isEmpty() && problems.isEmpty()) {
			problems.add(new Problem(0, "no rows after the header"));
		}
		return new Result(entries, problems);
	}

	private static String key(String s) {
		return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
	}

	private static String cell(List<String> cells, int index) {
		return index < 0 || index >= cells.size() ? "" : cells.get(index).strip();
	}

	private static List<String> lines(String content) {
		List<String> lines = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new StringReader(content == null ? "" : content))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				lines.add(line);
			}
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		while (!lines.isEmpty() && lines.get(0).isBlank()) {
			lines.remove(0);
		}
		return lines;
	}

	/** Splits one line; for CSV, double quotes protect separators and "" is a quote. */
	static List<String> split(String line, char separator) {
		List<String> cells = new ArrayList<>();
		if (separator == '\t') {
			for (String cell : line.split("\t", -1)) {
				cells.add(cell);
			}
			return cells;
		}
		StringBuilder current = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char ch = line.charAt(i);
			if (quoted) {
				if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					current.append('"');
					i++;
				}
				else if (ch == '"') {
					quoted = false;
				}
				else {
					current.append(ch);
				}
			}
			else if (ch == '"') {
				quoted = true;
			}
			else if (ch == separator) {
				cells.add(current.toString());
				current.setLength(0);
			}
			else {
				current.append(ch);
			}
		}
		cells.add(current.toString());
		return cells;
	}
}
