package org.sudi.insight.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.casework.CasePort;
import org.sudi.casework.CaseSummary;
import org.sudi.catalog.Catalog;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgKind;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.Role;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.InvalidInputException;
import org.sudi.platform.NotFoundException;

/** Leader watch (领导关注): what a leader follows, and the cases it covers with their progress. */
@Service
public class WatchService {

	public enum Kind {
		CASE, CATEGORY, TOWN, DEPARTMENT
	}

	public record Watch(long id, Kind kind, String target, String label, Instant createdAt) {
	}

	/** A case on the watch page: where it stands now. */
	public record WatchedCase(String caseId, String trackingNo, String caseType, String status, String urgency,
			String town, String category, String units, String lastAction, Instant updatedAt, boolean warning,
			boolean overdue, List<String> watchedBecause) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;
	private final Names names;
	private final CasePort cases;
	private final Catalog catalog;

	WatchService(JdbcClient jdbc, Clock clock, Names names, CasePort cases, Catalog catalog) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.names = names;
		this.cases = cases;
		this.catalog = catalog;
	}

	static void requireLeader(Actor actor) {
		if (!actor.has(Role.LEADER)) {
			throw new ForbiddenException("Only leaders keep a watch list");
		}
	}

	@Transactional(readOnly = true)
	public List<Watch> watches(Actor actor) {
		requireLeader(actor);
		return jdbc.sql("select * from ins_watch where username = ? order by id").param(actor.username())
			.query((rs, n) -> {
				Kind kind = Kind.valueOf(rs.getString("kind"));
				String target = rs.getString("target");
				return new Watch(rs.getLong("id"), kind, target, label(kind, target), rs.getTimestamp("created_at").toInstant());
			})
			.list();
	}

	private String label(Kind kind, String target) {
		return switch (kind) {
			case CASE -> cases.summary(UUID.fromString(target)).map(CaseSummary::trackingNo).orElse(target);
			case CATEGORY -> names.category(target);
			case TOWN, DEPARTMENT -> names.town(Long.valueOf(target));
		};
	}

	@Transactional
	public Watch add(Actor actor, Kind kind, String target) {
		requireLeader(actor);
		if (kind == null) {
			throw new InvalidInputException("kind", "must be CASE, CATEGORY, TOWN or DEPARTMENT");
		}
		String t = target == null ? "" : target.strip();
		switch (kind) {
			case CASE -> {
				try {
					cases.find(actor, UUID.fromString(t)).orElseThrow(() -> new InvalidInputException("target", "no such case"));
				}
				catch (IllegalArgumentException e) {
					throw new InvalidInputException("target", "must be a case id");
				}
			}
			case CATEGORY -> {
				if (!catalog.categoryExists(t)) {
					throw new InvalidInputException("target", "no such category");
				}
			}
			case TOWN, DEPARTMENT -> {
				OrgKind wanted = kind == Kind.TOWN ? OrgKind.TOWN : OrgKind.DEPARTMENT;
				OrgUnit u;
				try {
					u = names.units().get(Long.valueOf(t));
				}
				catch (NumberFormatException e) {
					u = null;
				}
				if (u == null || u.kind() != wanted) {
					throw new InvalidInputException("target", "must be the id of a " + wanted.name().toLowerCase());
				}
			}
		}
		Instant now = clock.instant();
		jdbc.sql("insert into ins_watch(username, kind, target, created_at) values (?, ?, ?, ?) on conflict do nothing")
			.params(actor.username(), kind.name(), t, Timestamp.from(now))
			.update();
		return watches(actor).stream().filter(w -> w.kind() == kind && w.target().equals(t)).findFirst().orElseThrow();
	}

	@Transactional
	public void remove(Actor actor, long id) {
		requireLeader(actor);
		if (jdbc.sql("delete from ins_watch where id = ? and username = ?").params(id, actor.username()).update() != 1) {
			throw new NotFoundException("Watch", id);
		}
	}

	/** The open cases the leader's watches cover (and watched cases that are closed), newest change first. */
	@Transactional(readOnly = true)
	public List<WatchedCase> cases(Actor actor) {
		requireLeader(actor);
		List<WatchedCase> out = new ArrayList<>(jdbc.sql("""
				select o.*, array(select w.kind || ':' || w.target from ins_watch w where w.username = :u and (
				    (w.kind = 'CASE' and w.target = o.case_id::text)
				 or (w.kind = 'TOWN' and w.target = o.town_id::text)
				 or (w.kind = 'CATEGORY' and (o.category_code = w.target or o.category_code like w.target || '.%'))
				 or (w.kind = 'DEPARTMENT' and w.target = any(o.unit_ids::text[])))) because
				from ins_open_case o
				where exists (select 1 from ins_watch w where w.username = :u and (
				    (w.kind = 'CASE' and w.target = o.case_id::text)
				 or (w.kind = 'TOWN' and w.target = o.town_id::text)
				 or (w.kind = 'CATEGORY' and (o.category_code = w.target or o.category_code like w.target || '.%'))
				 or (w.kind = 'DEPARTMENT' and w.target = any(o.unit_ids::text[]))))
				order by o.updated_at desc limit 200""")
			.param("u", actor.username())
			.query((rs, n) -> {
				Long[] units = (Long[]) rs.getArray("unit_ids").getArray();
				Long town = (Long) rs.getObject("town_id");
				return new WatchedCase(rs.getString("case_id"), rs.getString("tracking_no"), rs.getString("case_type"),
						rs.getString("status"), rs.getString("urgency"), names.town(town),
						names.category(rs.getString("category_code")), names.units(List.of(units)),
						rs.getString("last_action"), rs.getTimestamp("updated_at").toInstant(),
						rs.getInt("warning_steps") > 0, rs.getInt("overdue_steps") > 0,
						List.of((String[]) rs.getArray("because").getArray()));
			})
			.list());
		// Watched cases that are no longer open.
		for (Watch w : watches(actor)) {
			if (w.kind() == Kind.CASE && out.stream().noneMatch(c -> c.caseId().equals(w.target()))) {
				cases.summary(UUID.fromString(w.target())).ifPresent(s -> out.add(new WatchedCase(s.id().toString(),
						s.trackingNo(), s.type().name(), s.status().name(), s.urgency().name(), names.town(s.townId()), null,
						"", null, null, false, false, List.of("CASE:" + w.target()))));
			}
		}
		return out;
	}
}
