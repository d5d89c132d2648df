package org.sudi.channel.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.attachment.Attachments;
import org.sudi.casework.CaseHistoryEntry;
import org.sudi.casework.CaseIntake;
import org.sudi.casework.CaseQueries;
import org.sudi.casework.CaseQuery;
import org.sudi.casework.CaseStatus;
import org.sudi.casework.CaseSummary;
import org.sudi.casework.CaseType;
import org.sudi.casework.Channel;
import org.sudi.casework.NewCase;
import org.sudi.catalog.Catalog;
import org.sudi.catalog.Category;
import org.sudi.channel.internal.IntegrationClients.Client;
import org.sudi.channel.internal.IntegrationClients.Kind;
import org.sudi.directory.OrgKind;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.OrgUnits;
import org.sudi.platform.InvalidInputException;

/**
 * Open311 GeoReport v2 over Sudi (ADR 0014): the services are the second-level categories, each with
 * one required attribute, the town (镇街) whose review the request goes to; a request is a LIVELIHOOD
 * case of channel OPEN311 attributed to the client; the published requests are those that came in
 * through Open311 (nothing that citizens gave through other channels); statuses map to open/closed.
 */
@Service
public class Open311Service {

	/** The longest span of one GET requests query, and the default span. */
	public static final Duration MAX_SPAN = Duration.ofDays(90);

	public static final int MAX_RESULTS = 1000;

	public static final int MAX_DESCRIPTION = 4000;

	private static final Set<Channel> PUBLISHED = Set.of(Channel.OPEN311);

	public record Service311(String code, String name, String group) {
	}

	public record Town(String code, String name) {
	}

	public record NewRequest(String serviceCode, Double lat, Double lon, String addressString, String addressId,
			String email, String firstName, String lastName, String phone, String description, String mediaUrl,
			Map<String, String> attributes) {
	}

	public record Media(String filename, InputStream content) {
	}

	public record Created(String serviceRequestId, String token) {
	}

	/** A published request with what Open311 shows of it. */
	public record Published(CaseSummary c, String serviceName, String agency, String mediaUrl) {
	}

	public record Search(List<String> ids, List<String> serviceCodes, Instant start, Instant end, Boolean open,
			Instant updatedAfter, Instant updatedBefore, int page, int pageSize) {
	}

	private final SecureRandom random = new SecureRandom();
	private final JdbcClient jdbc;
	private final Catalog catalog;
	private final OrgUnits orgUnits;
	private final CaseIntake intake;
	private final CaseQueries queries;
	private final Attachments attachments;
	private final IntegrationClients clients;
	private final Clock clock;
	private volatile String type;

	Open311Service(JdbcClient jdbc, Catalog catalog, OrgUnits orgUnits, CaseIntake intake, CaseQueries queries,
			Attachments attachments, IntegrationClients clients, ChannelProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.catalog = catalog;
		this.orgUnits = orgUnits;
		this.intake = intake;
		this.queries = queries;
		this.attachments = attachments;
		this.clients = clients;
		this.clock = clock;
		this.type = properties.open311().type();
	}

	/** {@code realtime}: POST answers with the service_request_id; {@code batch}: with a token. */
	public String type() {
		return type;
	}

	/** Switches between realtime and batch answers (configuration, and the tests of both). */
	public void type(String type) {
		this.type = "batch".equals(type) ? "batch" : "realtime";
	}

	public List<Service311> services() {
		List<Category> all = catalog.categories();
		Map<String, String> names = all.stream().collect(Collectors.toMap(Category::code, Category::name));
		return all.stream()
			.filter(c -> c.parentCode() != null)
			.map(c -> new Service311(c.code(), c.name(), names.get(c.parentCode())))
			.toList();
	}

	public Optional<Service311> service(String code) {
		return services().stream().filter(s -> s.code().equals(code)).findFirst();
	}

	public List<Town> towns() {
		return orgUnits.all().stream().filter(o -> o.kind() == OrgKind.TOWN).map(o -> new Town(o.code(), o.name())).toList();
	}

	public Client client(String apiKey) {
		if (apiKey == null || apiKey.isBlank()) {
			throw new Open311Exception(403, "api_key was not provided -- can't proceed with create_request.");
		}
		return clients.authenticate(apiKey, Kind.OPEN311)
			.orElseThrow(() -> new Open311Exception(403, "Invalid api_key received -- can't proceed with create_request."));
	}

	@Transactional
	public Created create(Client client, NewRequest r, List<Media> media) {
		if (r.serviceCode() == null || r.serviceCode().isBlank()) {
			throw new Open311Exception(400, "service_code was not provided");
		}
		Service311 service = service(r.serviceCode())
			.orElseThrow(() -> new Open311Exception(404, "service_code " + r.serviceCode() + " was not found"));
		boolean point = r.lat() != null && r.lon() != null;
		if ((r.lat() == null) != (r.lon() == null)) {
			throw new Open311Exception(400, "lat and long both need to be sent");
		}
		if (point && (Math.abs(r.lat()) > 90 || Math.abs(r.lon()) > 180)) {
			throw new Open311Exception(400, "lat/long are out of range");
		}
		if (!point && blank(r.addressString()) && blank(r.addressId())) {
			throw new Open311Exception(400, "A full location parameter must be submitted: lat & long, address_string or address_id");
		}
		String townCode = r.attributes().get("town");
		if (blank(townCode)) {
			throw new Open311Exception(400, "attribute[town] is required: the town or street (镇街) of the request, see services/"
					+ service.code());
		}
		OrgUnit town = orgUnits.findByCode(townCode.strip()).filter(o -> o.kind() == OrgKind.TOWN)
			.orElseThrow(() -> new Open311Exception(400, "attribute[town] " + townCode + " is not one of the listed values"));
		if (r.description() != null && r.description().length() > MAX_DESCRIPTION) {
			throw new Open311Exception(400, "description is longer than 4,000 characters");
		}
		if (media.size() > 9) {
			throw new Open311Exception(400, "at most 9 media files");
		}
		List<UUID> photos = new ArrayList<>();
		for (Media m : media) {
			try (InputStream in = m.content()) {
				photos.add(attachments.uploadPhoto(client.actor(), m.filename(), in).id());
			}
			catch (IOException e) {
				throw new Open311Exception(400, "media could not be read");
			}
			catch (InvalidInputException e) {
				throw new Open311Exception(400, "media: " + e.getMessage());
			}
		}
		String address = !blank(r.addressString()) ? r.addressString().strip()
				: !blank(r.addressId()) ? "address_id " + r.addressId().strip() : null;
		String description = blank(r.description()) ? service.name() : r.description().strip();
		String name = String.join(" ", nonBlank(r.lastName()), nonBlank(r.firstName())).strip();
		String title = service.name() + (address == null ? "" : " · " + (address.length() > 40 ? address.substring(0, 40) : address));
		CaseSummary c;
		try {
			c = intake.submit(client.actor(), new NewCase(CaseType.LIVELIHOOD, title, description, service.code(), null,
					Channel.OPEN311, town.id(), r.lat(), r.lon(), address, name.isEmpty() ? null : name,
					blank(r.phone()) ? null : r.phone().strip(), false, photos));
		}
		catch (InvalidInputException e) {
			throw new Open311Exception(400, e.getMessage());
		}
		String token = randomHex(12);
		jdbc.sql("""
				insert into channel_open311_request(token, client_id, case_id, tracking_no, created_at, media_url)
				values (?, ?, ?, ?, ?, ?)""")
			.params(token, client.id(), c.id(), c.trackingNo(), Timestamp.from(clock.instant()),
					blank(r.mediaUrl()) ? null : r.mediaUrl().strip())
			.update();
		return new Created(c.trackingNo(), token);
	}

	public Optional<String> serviceRequestIdOf(String token) {
		return jdbc.sql("select tracking_no from channel_open311_request where token = ?").param(token)
			.query(String.class).optional();
	}

	public Optional<Published> request(String serviceRequestId) {
		return queries.findByTrackingNo(serviceRequestId)
			.filter(c -> PUBLISHED.contains(c.channel()))
			.map(c -> publish(List.of(c)).get(0));
	}

	public List<Published> search(Search s) {
		CaseQuery q;
		int size = Math.min(MAX_RESULTS, Math.max(1, s.pageSize()));
		int offset = (Math.max(1, s.page()) - 1) * size;
		if (!s.ids().isEmpty()) {
			q = new CaseQuery(null, s.ids(), PUBLISHED, null, null, null, null, null, null, null, null, 0, MAX_RESULTS);
		}
		else {
			q = new CaseQuery(null, null, PUBLISHED, null, null, Set.copyOf(s.serviceCodes()), s.open(), s.start(), s.end(),
					s.updatedAfter(), s.updatedBefore(), offset, size);
		}
		return publish(queries.find(q));
	}

	/** Timeline entries of published requests recorded in [from, to), oldest first. */
	public List<CaseHistoryEntry> updates(Instant from, Instant to) {
		return queries.historyOf(PUBLISHED, from, to, MAX_RESULTS);
	}

	public Map<UUID, String> trackingNos(List<CaseHistoryEntry> entries) {
		List<UUID> ids = entries.stream().map(CaseHistoryEntry::caseId).distinct().toList();
		if (ids.isEmpty()) {
			return Map.of();
		}
		return queries.find(new CaseQuery(ids, null, null, null, null, null, null, null, null, null, null, 0, ids.size()))
			.stream()
			.collect(Collectors.toMap(CaseSummary::id, CaseSummary::trackingNo));
	}

	private List<Published> publish(List<CaseSummary> cases) {
		if (cases.isEmpty()) {
			return List.of();
		}
		Map<String, String> serviceNames = services().stream().collect(Collectors.toMap(Service311::code, Service311::name));
		Map<Long, String> units = orgUnits.all().stream().collect(Collectors.toMap(OrgUnit::id, OrgUnit::name));
		Map<UUID, String> media = new LinkedHashMap<>();
		jdbc.sql("select case_id, media_url from channel_open311_request where case_id = any(?) and media_url is not null")
			.param(cases.stream().map(CaseSummary::id).toArray(UUID[]::new))
			.query(rs -> {
				media.put(rs.getObject(1, UUID.class), rs.getString(2));
			});
		Function<CaseSummary, String> agency = c -> c.leadOrgId() != null ? units.get(c.leadOrgId())
				: c.status() == CaseStatus.TOWN_REVIEW && c.townId() != null ? units.get(c.townId()) : null;
		return cases.stream()
			.map(c -> new Published(c, serviceNames.get(c.categoryCode()), agency.apply(c), media.get(c.id())))
			.toList();
	}

	public Instant now() {
		return clock.instant();
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	private static String nonBlank(String s) {
		return s == null ? "" : s.strip();
	}

	private String randomHex(int bytes) {
		byte[] b = new byte[bytes];
		random.nextBytes(b);
		return HexFormat.of().formatHex(b);
	}
}
