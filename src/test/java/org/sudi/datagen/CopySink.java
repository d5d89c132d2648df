package org.sudi.datagen;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into PostgreSQL with COPY (text format), one connection and one COPY per table, so the
 * server parses the tables in parallel backends while the generator produces the next rows.
 */
final class CopySink implements AutoCloseable {

	private static final int FLUSH = 1 << 20;

	/** Opens a connection of its own (outside the application's pool, which is not sized for a load). */
	interface Connections {
		Connection open() throws SQLException;
	}

	private final Map<Table, Connection> connections = new EnumMap<>(Table.class);
	private final Map<Table, CopyIn> copies = new EnumMap<>(Table.class);
	private final Map<Table, StringBuilder> buffers = new EnumMap<>(Table.class);
	private final Map<Table, Long> counts = new EnumMap<>(Table.class);
	private final java.util.List<Integer> backends = new java.util.ArrayList<>();

	/**
	 * CPU seconds the server processes of this sink's COPYs used so far (from /proc, when PostgreSQL runs
	 * on this machine; 0 otherwise): the load's cost independent of how busy the shared cores are.
	 */
	double serverCpuSeconds() {
		double sum = 0;
		for (int pid : backends) {
			try {
				String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
				String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				sum += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
			}
			catch (java.io.IOException | RuntimeException e) {
				return 0;
			}
		}
		return sum;
	}

	/**
	 * @param unchecked tables whose foreign keys point at rows another COPY of this run writes, not yet
	 *        visible to it: their connection runs with {@code session_replication_role = replica} (foreign
	 *        key triggers off for this session only; the rows are consistent by construction)
	 */
	CopySink(Connections opener, java.util.List<Table> unchecked, java.util.Set<Table> skipped) throws SQLException {
		for (Table t : Table.values()) {
			counts.put(t, 0L);
			if (skipped.contains(t)) {
				continue;
			}
			Connection c = opener.open();
			c.setAutoCommit(false);
			try (var st = c.createStatement()) {
				st.execute("set local synchronous_commit = off");
				if (unchecked.contains(t)) {
					st.execute("set local session_replication_role = replica");
				}
			}
			try (var st = c.createStatement(); var rs = st.executeQuery("select pg_backend_pid()")) {
				rs.next();
				backends.add(rs.getInt(1));
			}
			connections.put(t, c);
			copies.put(t, c.unwrap(PGConnection.class).getCopyAPI()
				.copyIn("copy " + t.table + " (" + t.columns + ") from stdin"));
			buffers.put(t, new StringBuilder(FLUSH + 4096));
		}
	}

	void row(Table t, Object... values) {
		StringBuilder b = buffers.get(t);
		if (b == null) {
			return; // a skipped table
		}
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				b.append('\t');
			}
			append(b, values[i]);
		}
		b.append('\n');
		counts.merge(t, 1L, Long::sum);
		if (b.length() >= FLUSH) {
			flush(t);
		}
	}

	long count(Table t) {
		return counts.get(t);
	}

	private void flush(Table t) {
		StringBuilder b = buffers.get(t);
		if (b.isEmpty()) {
			return;
		}
		byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
		try {
			copies.get(t).writeToCopy(bytes, 0, bytes.length);
		}
		catch (SQLException e) {
			throw new IllegalStateException("COPY into " + t.table + " failed", e);
		}
		b.setLength(0);
	}

	/** Ends every COPY and commits. */
	void finish() throws SQLException {
		for (Table t : copies.keySet()) {
			flush(t);
			copies.get(t).endCopy();
			connections.get(t).commit();
		}
	}

	@Override
	public void close() {
		for (Table t : copies.keySet()) {
			try {
				CopyIn copy = copies.get(t);
				if (copy != null && copy.isActive()) {
					copy.cancelCopy();
				}
				connections.get(t).close();
			}
			catch (SQLException e) {
				// closing after a failure
			}
		}
	}

	private static void append(StringBuilder b, Object v) {
		if (v == null) {
			b.append("\\N");
		}
		else if (v instanceof String s) {
			escape(b, s);
		}
		else if (v instanceof Instant i) {
			appendInstant(b, i);
		}
		else if (v instanceof LocalDate d) {
			appendDate(b, d.getYear(), d.getMonthValue(), d.getDayOfMonth());
		}
		else if (v instanceof Collection<?> c) {
			// arrays of uuids, numbers or codes without special characters
			b.append('{');
			boolean first = true;
			for (Object o : c) {
				if (!first) {
					b.append(',');
				}
				first = false;
				if (o instanceof String s) {
					b.append('"');
					escape(b, s.replace("\\", "\\\\").replace("\"", "\\\""));
					b.append('"');
				}
				else {
					b.append(o);
				}
			}
			b.append('}');
		}
		else if (v instanceof Boolean x) {
			b.append(x ? 't' : 'f');
		}
		else {
			b.append(v);
		}
	}

	/**
	 * An instant as PostgreSQL reads it ({@code 2025-11-27 08:50:10.255608+00}), rounded to the microsecond
	 * as the server would round it; written digit by digit, as {@code Instant.toString()}'s formatter was
	 * the generator's largest single cost after the escaping.
	 */
	static void appendInstant(StringBuilder b, Instant i) {
		long micros = Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), (i.getNano() + 500) / 1000);
		long seconds = Math.floorDiv(micros, 1_000_000L);
		int fraction = (int) Math.floorMod(micros, 1_000_000L);
		LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
		int second = (int) Math.floorMod(seconds, 86_400L);
		appendDate(b, day.getYear(), day.getMonthValue(), day.getDayOfMonth());
		b.append(' ');
		pad(b, second / 3600, 2);
		b.append(':');
		pad(b, second / 60 % 60, 2);
		b.append(':');
		pad(b, second % 60, 2);
		if (fraction != 0) {
			b.append('.');
			pad(b, fraction, 6);
		}
		b.append("+00");
	}

	private static void appendDate(StringBuilder b, int year, int month, int day) {
		pad(b, year, 4);
		b.append('-');
		pad(b, month, 2);
		b.append('-');
		pad(b, day, 2);
	}

	private static void pad(StringBuilder b, int value, int width) {
		for (int limit = 10, k = 1; k < width; k++, limit *= 10) {
			if (value < limit) {
				b.append('0');
			}
		}
		b.append(value);
	}

	private static void escape(StringBuilder b, String s) {
		int clean = 0;
		while (clean < s.length()) {
			char ch = s.charAt(clean);
			if (ch == '\\' || ch < ' ') {
				break;
			}
			clean++;
		}
		b.append(s, 0, clean); // most texts have nothing to escape: one bulk copy
		for (int i = clean; i < s.length(); i++) {
			char ch = s.charAt(i);
			switch (ch) {
				case '\\' -> b.append("\\\\");
				case '\t' -> b.append("\\t");
				case '\n' -> b.append("\\n");
				case '\r' -> b.append("\\r");
				default -> b.append(ch);
			}
		}
	}
}
