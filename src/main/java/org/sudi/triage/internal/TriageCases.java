package org.sudi.triage.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What triage knows of cases: their text, place, category and lead unit, fed by casework's events. */
@Repository
class TriageCases {

	record Known(UUID caseId, String trackingNo, String title, String description, String categoryCode, Long townId,
			Long leadOrgId, Double lat, Double lon, Instant createdAt, boolean open) {

		String text() {
			return title + " " + description;
		}
	}

	private static final RowMapper<Known> ROW = (rs, n) -> new Known(rs.getObject("case_id", UUID.class),
			rs.getString("tracking_no"), rs.getString("title"), rs.getString("description"),
			rs.getString("category_code"), rs.getObject("town_id", Long.class), rs.getObject("lead_org_id", Long.class),
			rs.getObject("lat", Double.class), rs.getObject("lon", Double.class), rs.getTimestamp("created_at").toInstant(),
			rs.getBoolean("open"));

	private final JdbcClient jdbc;

	TriageCases(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void add(Known k) {
		jdbc.sql("""
				insert into triage_case(case_id, tracking_no, title, description, category_code, town_id, lat, lon, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (case_id) do nothing""")
			.params(k.caseId(), k.trackingNo(), k.title(), k.description(), k.categoryCode(), k.townId(), k.lat(), k.lon(),
					Timestamp.from(k.createdAt()))
			.update();
	}

	void lead(UUID caseId, long orgId) {
		jdbc.sql("update triage_case set lead_org_id = ? where case_id = ?").params(orgId, caseId).update();
	}

	void close(UUID caseId) {
		jdbc.sql("update triage_case set open = false where case_id = ?").param(caseId).update();
	}

	Optional<Known> find(UUID caseId) {
		return jdbc.sql("select * from triage_case where case_id = ?").param(caseId).query(ROW).optional();
	}

	/**
	 * Open cases created within the window around {@code at}: inside the bounding box when a point is
	 * given, else in the same town.
	 */
	List<Known> candidates(Known of, Instant from, Instant to, double latDelta, double lonDelta) {
		if (of.lat() != null && of.lon() != null) {
			return jdbc.sql("""
					select * from triage_case where open and case_id <> ? and created_at between ? and ?
					  and lat between ? and ? and lon between ? and ?""")
				.params(of.caseId(), Timestamp.from(from), Timestamp.from(to), of.lat() - latDelta, of.lat() + latDelta,
						of.lon() - lonDelta, of.lon() + lonDelta)
				.query(ROW).list();
		}
		return jdbc.sql("""
				select * from triage_case where open and case_id <> ? and created_at between ? and ?
				  and town_id is not distinct from ?""")
			.params(of.caseId(), Timestamp.from(from), Timestamp.from(to), of.townId())
			.query(ROW).list();
	}

	List<Known> between(Instant from, Instant to) {
		return jdbc.sql("select * from triage_case where created_at >= ? and created_at < ? order by created_at")
			.params(Timestamp.from(from), Timestamp.from(to))
			.query(ROW).list();
	}
}
