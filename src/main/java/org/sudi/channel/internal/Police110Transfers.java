package org.sudi.channel.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.casework.CaseHistoryEntry;
import org.sudi.casework.CaseIntake;
import org.sudi.casework.CaseQueries;
import org.sudi.casework.CaseSummary;
import org.sudi.casework.CaseType;
import org.sudi.casework.Channel;
import org.sudi.casework.NewCase;
import org.sudi.casework.Urgency;
import org.sudi.channel.internal.IntegrationClients.Client;
import org.sudi.platform.InvalidInputException;
import org.sudi.platform.NotFoundException;

/**
 * 110 非警情转办: the police dispatch system hands over a non-police matter. One incident number makes
 * one case per client, however often it is sent (the second call answers with the same case); the
 * client reads back the status of its own transfers only.
 */
@Service
public class Police110Transfers {

	public record Transfer(String incidentNo, String title, String description, Long townId, String address,
			Double lat, Double lon, String callerName, String callerPhone, String categoryCode, boolean urgent) {
	}

	public record Outcome(CaseSummary c, boolean created) {
	}

	private final JdbcClient jdbc;
	private final CaseIntake intake;
	private final CaseQueries queries;
	private final Clock clock;

	Police110Transfers(JdbcClient jdbc, CaseIntake intake, CaseQueries queries, Clock clock) {
		this.jdbc = jdbc;
		this.intake = intake;
		this.queries = queries;
		this.clock = clock;
	}

	@Transactional
	public Outcome transfer(Client client, Transfer t) {
		if (t.incidentNo() == null || !t.incidentNo().strip().matches("[A-Za-z0-9_\\-]{1,64}")) {
			throw new InvalidInputException("incidentNo", "must be 1-64 letters, digits, '-' or '_'");
		}
		String incident = t.incidentNo().strip();
		jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("110:" + client.id() + ":" + incident)
			.query((rs, n) -> 1).list();
		Optional<UUID> existing = caseOf(client, incident);
		if (existing.isPresent()) {
			return new Outcome(queries.find(existing.get()).orElseThrow(), false);
		}
		String description = t.description() == null ? null : t.description().strip();
		String title = t.title() != null && !t.title().isBlank() ? t.title().strip()
				: description == null ? null
						: "110转办: " + (description.length() > 30 ? description.substring(0, 30) + "…" : description);
		CaseSummary c = intake.submit(client.actor(),
				new NewCase(CaseType.LIVELIHOOD, title, description, t.categoryCode(),
						t.urgent() ? Urgency.URGENT : Urgency.NORMAL, Channel.POLICE_110, t.townId(), t.lat(), t.lon(),
						t.address(), t.callerName(), t.callerPhone(), false, List.of()));
		jdbc.sql("""
				insert into channel_police_transfer(client_id, incident_no, case_id, tracking_no, created_at)
				values (?, ?, ?, ?, ?)""")
			.params(client.id(), incident, c.id(), c.trackingNo(), Timestamp.from(clock.instant()))
			.update();
		return new Outcome(c, true);
	}

	public CaseSummary status(Client client, String incidentNo) {
		UUID id = caseOf(client, incidentNo).orElseThrow(() -> new NotFoundException("Transfer", incidentNo));
		return queries.find(id).orElseThrow(() -> new NotFoundException("Transfer", incidentNo));
	}

	public List<CaseHistoryEntry> history(CaseSummary c) {
		return queries.history(c.id());
	}

	private Optional<UUID> caseOf(Client client, String incidentNo) {
		return jdbc.sql("select case_id from channel_police_transfer where client_id = ? and incident_no = ?")
			.params(client.id(), incidentNo)
			.query(UUID.class)
			.optional();
	}
}
