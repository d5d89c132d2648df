package org.sudi.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a UTF-8, tab-separated file with a header line into rows keyed by column name. */
public final class Tsv {

	private Tsv() {
	}

	public static List<Map<String, String>> readResource(String path) {
		try (InputStream in = Tsv.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("Missing resource " + path);
			}
			return read(in);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public static List<Map<String, String>> read(InputStream in) throws IOException {
		BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		String headerLine = reader.readLine();
		if (headerLine == null) {
			return List.of();
		}
		String[] header = headerLine.replace("\uFEFF", "").split("\t", -1);
		List<Map<String, String>> rows = new ArrayList<>();
		for (String line = reader.readLine(); line != null; line = reader.readLine()) {
			if (line.isBlank()) {
				continue;
			}
			String[] cells = line.split("\t", -1);
			Map<String, String> row = new LinkedHashMap<>();
			for (int i = 0; i < header.length; i++) {
				row.put(header[i], i < cells.length ? cells[i].strip() : "");
			}
			rows.add(row);
		}
		return rows;
	}
}
