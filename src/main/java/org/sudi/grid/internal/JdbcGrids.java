package org.sudi.grid.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.sudi.grid.GridKind;
import org.sudi.grid.SpecialKind;
import org.sudi.grid.domain.GeoJsonGrids;
import org.sudi.grid.domain.Grid;

/** Grids, their workers, village division codes and the geography version, in PostgreSQL. */
@Repository
class JdbcGrids {

	private final JdbcClient jdbc;
	private final JdbcTemplate template;

	JdbcGrids(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	long version() {
		return jdbc.sql("select version from grid_geography where id = 1").query(Long.class).single();
	}

	/** Locks the geography row until the transaction ends: changes to the grids happen one at a time. */
	long lockGeography() {
		return jdbc.sql("select version from grid_geography where id = 1 for update").query(Long.class).single();
	}

	boolean isEmpty() {
		return !jdbc.sql("select exists(select 1 from grid)").query(Boolean.class).single();
	}

	/** All grids with their workers, by code. */
	List<Grid> all() {
		Map<Long, List<String>> workers = new HashMap<>();
		jdbc.sql("select grid_id, username from grid_worker order by grid_id, username")
			.query(rs -> {
				workers.computeIfAbsent(rs.getLong("grid_id"), k -> new ArrayList<>()).add(rs.getString("username"));
			});
		WKBReader wkb = new WKBReader(GeoJsonGrids.GEOMETRY);
		return jdbc.sql("select * from grid order by code").query((rs, n) -> {
			String special = rs.getString("special_kind");
			try {
				return new Grid(rs.getString("code"), rs.getString("name"), GridKind.valueOf(rs.getString("kind")),
						special == null ? null : SpecialKind.valueOf(special), rs.getLong("village_id"),
						rs.getLong("town_id"), rs.getString("host_unit"), rs.getObject("households", Integer.class),
						rs.getString("party_organisation"), workers.getOrDefault(rs.getLong("id"), List.of()),
						wkb.read(rs.getBytes("geometry")));
			}
			catch (ParseException e) {
				throw new IllegalStateException("Unreadable geometry of grid " + rs.getString("code"), e);
			}
		}).list();
	}

	Optional<Long> idOf(String code) {
		return jdbc.sql("select id from grid where code = ?").param(code).query(Long.class).optional();
	}

	Map<Long, String> divisions() {
		Map<Long, String> out = new HashMap<>();
		jdbc.sql("select village_id, code from grid_division").query(rs -> {
			out.put(rs.getLong("village_id"), rs.getString("code"));
		});
		return out;
	}

	/** The codes of the grids the account works in, basic first. */
	Set<String> gridsOf(String username) {
		return new LinkedHashSet<>(jdbc.sql("""
				select g.code from grid_worker w join grid g on g.id = w.grid_id where w.username = ?
				order by g.kind, g.code""").param(username).query(String.class).list());
	}

	/**
	 * Writes the grids (new codes inserted, known codes replaced with their workers) and the villages'
	 * division codes, and bumps the geography version; returns the new version. Runs in the caller's
	 * transaction.
	 */
	long write(List<Grid> grids, Map<Long, String> newDivisions, Map<Long, Long> townOfVillage, Instant now) {
		List<Object[]> divisions = new ArrayList<>();
		newDivisions.forEach((village, code) -> divisions.add(new Object[] { village, townOfVillage.get(village), code }));
		if (!divisions.isEmpty()) {
			template.batchUpdate("insert into grid_division(village_id, town_id, code) values (?, ?, ?)", divisions);
		}
		WKBWriter wkb = new WKBWriter();
		List<Object[]> rows = new ArrayList<>();
		for (Grid g : grids) {
			Envelope e = g.geometry().getEnvelopeInternal();
			rows.add(new Object[] { g.code(), g.name(), g.kind().name(), g.specialKind() == null ? null : g.specialKind().name(),
					g.villageId(), g.townId(), g.hostUnit(), g.households(), g.partyOrganisation(), wkb.write(g.geometry()),
					e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY(), Timestamp.from(now) });
		}
		template.batchUpdate("""
				insert into grid(code, name, kind, special_kind, village_id, town_id, host_unit, households,
				  party_organisation, geometry, min_lon, min_lat, max_lon, max_lat, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (code) do update set name = excluded.name, kind = excluded.kind,
				  special_kind = excluded.special_kind, village_id = excluded.village_id, town_id = excluded.town_id,
				  host_unit = excluded.host_unit, households = excluded.households,
				  party_organisation = excluded.party_organisation, geometry = excluded.geometry,
				  min_lon = excluded.min_lon, min_lat = excluded.min_lat, max_lon = excluded.max_lon,
				  max_lat = excluded.max_lat, updated_at = excluded.updated_at""", rows);
		template.batchUpdate("delete from grid_worker where grid_id = (select id from grid where code = ?)",
				grids.stream().map(g -> new Object[] { g.code() }).toList());
		List<Object[]> workers = new ArrayList<>();
		for (Grid g : grids) {
			for (String w : g.workers()) {
				workers.add(new Object[] { w, g.code() });
			}
		}
		template.batchUpdate("insert into grid_worker(grid_id, username) select id, ? from grid where code = ?", workers);
		return jdbc.sql("update grid_geography set version = version + 1 where id = 1 returning version")
			.query(Long.class).single();
	}

	// ------------------------------------------------------------------ case placements (map data)

	void recordCase(UUID caseId, List<String> gridCodes, LocalDate day) {
		template.batchUpdate("insert into grid_case(case_id, grid_code, submitted_on) values (?, ?, ?) on conflict do nothing",
				gridCodes.stream().map(code -> new Object[] { caseId, code, day }).toList());
	}

	/** Cases submitted per grid code, days inclusive. */
	Map<String, Long> caseCounts(LocalDate from, LocalDate to) {
		Map<String, Long> counts = new LinkedHashMap<>();
		jdbc.sql("""
				select grid_code, count(*) as n from grid_case where submitted_on between ? and ?
				group by grid_code""").params(from, to).query(rs -> {
			counts.put(rs.getString("grid_code"), rs.getLong("n"));
		});
		return counts;
	}
}
