package org.sudi.grid.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.sudi.directory.Actor;
import org.sudi.directory.Role;
import org.sudi.grid.domain.Patrol;

/** Patrols with their ticks and findings, in PostgreSQL. */
@Repository
class JdbcPatrols {

	private final JdbcClient jdbc;
	private final JdbcTemplate template;

	JdbcPatrols(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/** Filters of the patrol list; null: any. */
	record Filter(String gridCode, String worker, Instant from, Instant to) {
	}

	Optional<Patrol> find(UUID id) {
		return load(jdbc.sql("select * from patrol where id = ?").param(id).query(this::row).list()).stream().findFirst();
	}

	/** Loads the patrol for a change, holding its row until the transaction ends. */
	Optional<Patrol> lock(UUID id) {
		return jdbc.sql("select id from patrol where id = ? for update").param(id).query(UUID.class).optional()
			.flatMap(this::find);
	}

	Optional<Patrol> findByFinding(UUID findingId) {
		return jdbc.sql("select patrol_id from patrol_finding where id = ?").param(findingId).query(UUID.class).optional()
			.flatMap(this::find);
	}

	/** The patrols the actor may read (the same rule as {@link Patrol#isVisibleTo}), newest first. */
	List<Patrol> search(Filter filter, Actor actor, int limit) {
		StringBuilder where = new StringBuilder(" where 1 = 1");
		Map<String, Object> params = new HashMap<>();
		if (filter.gridCode() != null) {
			where.append(" and grid_code = :grid");
			params.put("grid", filter.gridCode());
		}
		if (filter.worker() != null) {
			where.append(" and worker = :worker");
			params.put("worker", filter.worker());
		}
		if (filter.from() != null) {
			where.append(" and started_at >= :from");
			params.put("from", Timestamp.from(filter.from()));
		}
		if (filter.to() != null) {
			where.append(" and started_at < :to");
			params.put("to", Timestamp.from(filter.to()));
		}
		if (!actor.hasAny(Role.DISPATCHER, Role.LEADER, Role.DISCIPLINE, Role.ADMIN)) {
			where.append(" and (worker = :me");
			params.put("me", actor.username());
			if (actor.orgId() != null && actor.has(Role.TOWN_OPERATOR)) {
				where.append(" or town_id = :myOrg");
			}
			if (actor.orgId() != null && actor.has(Role.VILLAGE_OPERATOR)) {
				where.append(" or village_id = :myOrg");
			}
			if (actor.orgId() != null) {
				params.put("myOrg", actor.orgId());
			}
			where.append(")");
		}
		params.put("limit", limit);
		return load(jdbc.sql("select * from patrol" + where + " order by started_at desc, id limit :limit")
			.params(params).query(this::row).list());
	}

	/** Writes the patrol, its ticks and its findings (inserting new ones, updating changed ones). */
	void save(Patrol p) {
		jdbc.sql("""
				insert into patrol(id, grid_id, grid_code, village_id, town_id, worker, status, started_at, finished_at, note)
				values (?, (select id from grid where code = ?), ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (id) do update set status = excluded.status, finished_at = excluded.finished_at,
				  note = excluded.note""")
			.params(p.id(), p.gridCode(), p.gridCode(), p.villageId(), p.townId(), p.worker(), p.status().name(),
					ts(p.startedAt()), ts(p.finishedAt()), p.note())
			.update();
		List<Object[]> checks = new ArrayList<>();
		for (Patrol.Check c : p.checks()) {
			checks.add(new Object[] { p.id(), c.itemId(), c.ok(), c.note(), ts(c.at()) });
		}
		template.batchUpdate("""
				insert into patrol_check(patrol_id, item_id, ok, note, at) values (?, ?, ?, ?, ?)
				on conflict (patrol_id, item_id) do update set ok = excluded.ok, note = excluded.note, at = excluded.at""",
				checks);
		List<Object[]> findings = new ArrayList<>();
		for (Patrol.Finding f : p.findings()) {
			findings.add(new Object[] { f.id(), p.id(), f.itemId(), f.description(), f.lat(), f.lon(),
					f.attachmentIds().toArray(UUID[]::new), ts(f.at()), f.caseId(), f.trackingNo() });
		}
		template.batchUpdate("""
				insert into patrol_finding(id, patrol_id, item_id, description, lat, lon, attachment_ids, at, case_id,
				  tracking_no) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (id) do update set case_id = excluded.case_id, tracking_no = excluded.tracking_no""", findings);
	}

	/** The patrols citing this attachment in a finding. */
	List<Patrol> citing(UUID attachmentId) {
		List<UUID> ids = jdbc.sql("select distinct patrol_id from patrol_finding where attachment_ids @> array[?]::uuid[]")
			.param(attachmentId).query(UUID.class).list();
		return ids.stream().map(this::find).flatMap(Optional::stream).toList();
	}

	private record Row(UUID id, String gridCode, long villageId, long townId, String worker, Instant startedAt,
			Patrol.Status status, Instant finishedAt, String note) {
	}

	private Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getObject("id", UUID.class), rs.getString("grid_code"), rs.getLong("village_id"),
				rs.getLong("town_id"), rs.getString("worker"), instant(rs, "started_at"),
				Patrol.Status.valueOf(rs.getString("status")), instant(rs, "finished_at"), rs.getString("note"));
	}

	private List<Patrol> load(List<Row> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		UUID[] ids = rows.stream().map(Row::id).toArray(UUID[]::new);
		Map<UUID, List<Patrol.Check>> checks = new HashMap<>();
		jdbc.sql("select * from patrol_check where patrol_id = any(?) order by at, item_id").param(ids).query(rs -> {
			checks.computeIfAbsent(rs.getObject("patrol_id", UUID.class), k -> new ArrayList<>())
				.add(new Patrol.Check(rs.getLong("item_id"), rs.getBoolean("ok"), rs.getString("note"), instant(rs, "at")));
		});
		Map<UUID, List<Patrol.Finding>> findings = new HashMap<>();
		jdbc.sql("select * from patrol_finding where patrol_id = any(?) order by at, id").param(ids).query(rs -> {
			Array a = rs.getArray("attachment_ids");
			List<UUID> attachments = a == null ? List.of() : Arrays.asList((UUID[]) a.getArray());
			findings.computeIfAbsent(rs.getObject("patrol_id", UUID.class), k -> new ArrayList<>())
				.add(new Patrol.Finding(rs.getObject("id", UUID.class), rs.getObject("item_id", Long.class),
						rs.getString("description"), rs.getDouble("lat"), rs.getDouble("lon"), attachments,
						instant(rs, "at"), rs.getObject("case_id", UUID.class), rs.getString("tracking_no")));
		});
		return rows.stream().map(r -> new Patrol(r.id(), r.gridCode(), r.villageId(), r.townId(), r.worker(),
				r.startedAt(), r.status(), r.finishedAt(), r.note(), checks.getOrDefault(r.id(), List.of()),
				findings.getOrDefault(r.id(), List.of()))).toList();
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	private static Timestamp ts(Instant i) {
		return i == null ? null : Timestamp.from(i);
	}
}
