package org.sudi.channel.web;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.sudi.casework.CaseHistoryEntry;
import org.sudi.casework.CaseStatus;
import org.sudi.casework.CaseSummary;
import org.sudi.channel.internal.ChannelProperties;
import org.sudi.channel.internal.ClientAddress;
import org.sudi.channel.internal.IntegrationClients.Client;
import org.sudi.channel.internal.Open311Exception;
import org.sudi.channel.internal.Open311Service;
import org.sudi.channel.internal.Open311Service.Media;
import org.sudi.channel.internal.Open311Service.NewRequest;
import org.sudi.channel.internal.Open311Service.Published;
import org.sudi.channel.internal.Open311Service.Search;
import org.sudi.channel.internal.Open311Service.Service311;
import org.sudi.platform.Idempotency;
import org.sudi.platform.RateLimiter;
import org.sudi.channel.internal.StatusWords;
import org.sudi.channel.internal.TimelineWords;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Open311 GeoReport v2 at {@code /open311/v2/}, in {@code .xml} and {@code .json} (ADR 0014), with the
 * extensions page/page_size, updated_after/updated_before, multipart {@code media} (GeoReport v2.1
 * draft) and mySociety's servicerequestupdates.
 */
@RestController
@Hidden
class Open311Controller {

	static final String SPEC = "http://wiki.open311.org/GeoReport_v2";
	static final String CHANGESET = "2026-11-27 00:00";

	private final Open311Service open311;
	private final ChannelProperties properties;
	private final RateLimiter limiter;
	private final Idempotency idempotency;

	Open311Controller(Open311Service open311, ChannelProperties properties, RateLimiter limiter, Idempotency idempotency) {
		this.idempotency = idempotency;
		this.open311 = open311;
		this.properties = properties;
		this.limiter = limiter;
	}

	@GetMapping("/open311/v2/discovery.{format:xml|json}")
	ResponseEntity<String> discovery(@PathVariable String format) {
		Map<String, Object> endpoint = new LinkedHashMap<>();
		endpoint.put("specification", SPEC);
		endpoint.put("url", properties.publicBaseUrl() + "/open311/v2");
		endpoint.put("changeset", CHANGESET);
		endpoint.put("type", "production");
		endpoint.put("formats", List.of("text/xml", "application/json"));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("changeset", CHANGESET);
		body.put("contact", properties.open311().contact());
		body.put("key_service", properties.open311().keyService());
		body.put("endpoints", List.of(endpoint));
		return Open311Format.respond(format, HttpStatus.OK, "discovery", body);
	}

	@GetMapping("/open311/v2/services.{format:xml|json}")
	ResponseEntity<String> services(@PathVariable String format,
			@RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
		jurisdiction(jurisdiction);
		List<Object> services = new ArrayList<>();
		for (Service311 s : open311.services()) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("service_code", s.code());
			m.put("service_name", s.name());
			m.put("description", s.group() + " · " + s.name());
			m.put("metadata", true);
			m.put("type", open311.type());
			m.put("keywords", s.group() + ", " + s.name());
			m.put("group", s.group());
			services.add(m);
		}
		return Open311Format.respond(format, HttpStatus.OK, "services", services);
	}

	@GetMapping("/open311/v2/services/{code}.{format:xml|json}")
	ResponseEntity<String> serviceDefinition(@PathVariable String code, @PathVariable String format,
			@RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
		jurisdiction(jurisdiction);
		Service311 service = open311.service(code)
			.orElseThrow(() -> new Open311Exception(404, "service_code " + code + " was not found"));
		Map<String, Object> town = new LinkedHashMap<>();
		town.put("variable", true);
		town.put("code", "town");
		town.put("datatype", "singlevaluelist");
		town.put("required", true);
		town.put("datatype_description", "所在镇街 the town or street where the problem is; it reviews the request first");
		town.put("order", 1);
		town.put("description", "所在镇街 Town or street");
		town.put("values", open311.towns().stream().map(t -> {
			Map<String, Object> v = new LinkedHashMap<>();
			v.put("key", t.code());
			v.put("name", t.name());
			return v;
		}).toList());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("service_code", service.code());
		body.put("attributes", List.of(town));
		return Open311Format.respond(format, HttpStatus.OK, "service_definition", body);
	}

	@PostMapping("/open311/v2/requests.{format:xml|json}")
	ResponseEntity<String> create(@PathVariable String format, HttpServletRequest request) throws IOException {
		jurisdiction(request.getParameter("jurisdiction_id"));
		Client client = open311.client(request.getParameter("api_key"));
		limiter.consume("open311-post:" + client.id() + ":" + ClientAddress.of(request),
				properties.limits().perIpPerMinute(), java.time.Duration.ofMinutes(1));
		Map<String, String> attributes = new HashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (name.startsWith("attribute[") && name.indexOf(']') > 10 && values.length > 0) {
				attributes.put(name.substring(10, name.indexOf(']')), values[0]);
			}
		});
		List<Media> media = new ArrayList<>();
		List<String> mediaSeen = new ArrayList<>();
		if (request instanceof MultipartHttpServletRequest multipart) {
			MultiValueMap<String, MultipartFile> files = multipart.getMultiFileMap();
			for (MultipartFile file : files.getOrDefault("media", List.of())) {
				if (!file.isEmpty()) {
					media.add(new Media(file.getOriginalFilename(), file.getInputStream()));
					mediaSeen.add(file.getOriginalFilename() + ":" + file.getSize());
				}
			}
		}
		NewRequest r = new NewRequest(request.getParameter("service_code"), number(request, "lat"),
				number(request, "long"), request.getParameter("address_string"), request.getParameter("address_id"),
				request.getParameter("email"), request.getParameter("first_name"), request.getParameter("last_name"),
				request.getParameter("phone"), request.getParameter("description"), request.getParameter("media_url"),
				attributes);
		Open311Service.Created created = createOnce(request.getHeader("Idempotency-Key"), client, r, media, request,
				mediaSeen);
		Map<String, Object> answer = new LinkedHashMap<>();
		if ("batch".equals(open311.type())) {
			answer.put("token", created.token());
		}
		else {
			answer.put("service_request_id", created.serviceRequestId());
		}
		answer.put("service_notice", "诉求已受理，将由所在镇街审核后办理。Received; the town reviews it first.");
		answer.put("account_id", null);
		return Open311Format.respond(format, HttpStatus.CREATED, "service_requests", List.of(answer));
	}

	/**
	 * With an {@code Idempotency-Key} a retried POST gets the first request's id (or token) back instead of
	 * a second request; the same key with other parameters or media is refused (ADR 0030).
	 */
	private Open311Service.Created createOnce(String key, Client client, NewRequest r, List<Media> media,
			HttpServletRequest request, List<String> mediaSeen) {
		if (key == null) {
			return open311.create(client, r, media);
		}
		Map<String, Object> fingerprint = new TreeMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (!"api_key".equals(name)) {
				fingerprint.put(name, List.of(values));
			}
		});
		fingerprint.put(" media", mediaSeen);
		var outcome = idempotency.once("open311-create", "client:" + client.id(), key, Idempotency.fingerprint(fingerprint),
				() -> {
					Open311Service.Created c = open311.create(client, r, media);
					return c.serviceRequestId() + " " + (c.token() == null ? "" : c.token());
				});
		String[] parts = outcome.result().split(" ", 2);
		return new Open311Service.Created(parts[0], parts.length < 2 || parts[1].isEmpty() ? null : parts[1]);
	}

	@GetMapping("/open311/v2/tokens/{token}.{format:xml|json}")
	ResponseEntity<String> token(@PathVariable String token, @PathVariable String format,
			@RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
		jurisdiction(jurisdiction);
		String id = open311.serviceRequestIdOf(token)
			.orElseThrow(() -> new Open311Exception(404, "token " + token + " was not found"));
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("service_request_id", id);
		m.put("token", token);
		return Open311Format.respond(format, HttpStatus.OK, "service_requests", List.of(m));
	}

	@GetMapping("/open311/v2/requests.{format:xml|json}")
	ResponseEntity<String> requests(@PathVariable String format, HttpServletRequest request) {
		jurisdiction(request.getParameter("jurisdiction_id"));
		List<String> ids = list(request.getParameter("service_request_id"));
		List<String> codes = list(request.getParameter("service_code"));
		Boolean open = null;
		List<String> statuses = list(request.getParameter("status"));
		for (String s : statuses) {
			if (!s.equals("open") && !s.equals("closed")) {
				throw new Open311Exception(400, "status must be open or closed, not " + s);
			}
		}
		if (statuses.size() == 1) {
			open = statuses.get(0).equals("open");
		}
		Instant start = date(request, "start_date");
		Instant end = date(request, "end_date");
		Instant updatedAfter = date(request, "updated_after");
		Instant updatedBefore = date(request, "updated_before");
		Instant[] range = range(start, end, updatedAfter == null && updatedBefore == null);
		int page = integer(request, "page", 1);
		int pageSize = integer(request, "page_size", Open311Service.MAX_RESULTS);
		if (page < 1 || pageSize < 1 || pageSize > Open311Service.MAX_RESULTS) {
			throw new Open311Exception(400, "page must be 1 or more and page_size between 1 and 1000");
		}
		List<Published> found = open311.search(new Search(ids, codes, range[0], range[1], open, updatedAfter,
				updatedBefore, page, pageSize));
		return Open311Format.respond(format, HttpStatus.OK, "service_requests", found.stream().map(this::request).toList());
	}

	@GetMapping("/open311/v2/requests/{id}.{format:xml|json}")
	ResponseEntity<String> request(@PathVariable String id, @PathVariable String format,
			@RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
		jurisdiction(jurisdiction);
		Published p = open311.request(id)
			.orElseThrow(() -> new Open311Exception(404, "service_request_id " + id + " was not found"));
		return Open311Format.respond(format, HttpStatus.OK, "service_requests", List.of(request(p)));
	}

	@GetMapping("/open311/v2/servicerequestupdates.{format:xml|json}")
	ResponseEntity<String> updates(@PathVariable String format, HttpServletRequest request) {
		jurisdiction(request.getParameter("jurisdiction_id"));
		Instant[] range = range(date(request, "start_date"), date(request, "end_date"), true);
		List<CaseHistoryEntry> entries = open311.updates(range[0], range[1]).stream().filter(TimelineWords::shown).toList();
		Map<java.util.UUID, String> numbers = open311.trackingNos(entries);
		List<Object> updates = new ArrayList<>();
		for (CaseHistoryEntry e : entries) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("update_id", e.seq());
			m.put("service_request_id", numbers.get(e.caseId()));
			m.put("status", e.toStatus() == CaseStatus.CLOSED ? "closed" : "open");
			m.put("updated_datetime", Open311Format.datetime(e.at()));
			String note = TimelineWords.publicNote(e);
			m.put("description", TimelineWords.bilingual(e) + (note == null ? "" : ": " + note));
			m.put("media_url", null);
			updates.add(m);
		}
		return Open311Format.respond(format, HttpStatus.OK, "service_requests_updates", updates);
	}

	private Map<String, Object> request(Published p) {
		CaseSummary c = p.c();
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("service_request_id", c.trackingNo());
		m.put("status", c.status() == CaseStatus.CLOSED ? "closed" : "open");
		String notes = StatusWords.text(c.status(), c.outcome());
		if (c.result() != null && (c.status() == CaseStatus.PENDING_EVALUATION || c.status() == CaseStatus.CLOSED)) {
			notes = notes + ": " + c.result();
		}
		m.put("status_notes", notes);
		m.put("service_name", p.serviceName());
		m.put("service_code", c.categoryCode());
		m.put("description", c.description());
		m.put("agency_responsible", p.agency());
		m.put("service_notice", null);
		m.put("requested_datetime", Open311Format.datetime(c.createdAt()));
		m.put("updated_datetime", Open311Format.datetime(c.updatedAt()));
		m.put("expected_datetime", null);
		m.put("address", c.address());
		m.put("address_id", null);
		m.put("zipcode", null);
		m.put("lat", c.lat());
		m.put("long", c.lon());
		m.put("media_url", p.mediaUrl());
		return m;
	}

	/**
	 * The requested_datetime range: both given (at most 90 days apart, start before end), one given (90
	 * days from or up to it), or none (the last 90 days, when {@code defaultRange}).
	 */
	private Instant[] range(Instant start, Instant end, boolean defaultRange) {
		return range(start, end, defaultRange, open311::now);
	}

	static Instant[] range(Instant start, Instant end, boolean defaultRange, java.util.function.Supplier<Instant> now) {
		if (start != null && end != null) {
			if (start.isAfter(end)) {
				throw new Open311Exception(400, "start_date must not be after end_date");
			}
			if (java.time.Duration.between(start, end).compareTo(Open311Service.MAX_SPAN) > 0) {
				throw new Open311Exception(400, "start_date and end_date may not span more than 90 days");
			}
			return new Instant[] { start, end };
		}
		if (start != null) {
			return new Instant[] { start, start.plus(Open311Service.MAX_SPAN) };
		}
		if (end != null) {
			return new Instant[] { end.minus(Open311Service.MAX_SPAN), end };
		}
		if (!defaultRange) {
			return new Instant[] { null, null };
		}
		Instant at = now.get();
		return new Instant[] { at.minus(Open311Service.MAX_SPAN), at.plusSeconds(1) };
	}

	private void jurisdiction(String jurisdiction) {
		if (jurisdiction != null && !jurisdiction.isBlank()
				&& !jurisdiction.strip().equals(properties.open311().jurisdictionId())) {
			throw new Open311Exception(404, "jurisdiction_id " + jurisdiction + " was not found; this endpoint serves "
					+ properties.open311().jurisdictionId());
		}
	}

	static List<String> list(String value) {
		if (value == null || value.isBlank()) {
			return List.of();
		}
		return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	/** The earliest and latest dates a query may name (the 90-day arithmetic must not overflow). */
	static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
	static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	static Instant date(HttpServletRequest request, String name) {
		String value = request.getParameter(name);
		if (value == null || value.isBlank()) {
			return null;
		}
		Instant at;
		try {
			// A '+' of the offset arrives as a space when the client did not encode it.
			at = OffsetDateTime.parse(value.strip().replace(' ', '+')).toInstant();
		}
		catch (DateTimeParseException e) {
			throw new Open311Exception(400, name + " must be a W3C datetime with a time zone, e.g. 2010-01-01T00:00:00Z");
		}
		if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
			throw new Open311Exception(400, name + " must lie between the years 1900 and 9999");
		}
		return at;
	}

	static Double number(HttpServletRequest request, String name) {
		String value = request.getParameter(name);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			Double number = Double.valueOf(value.strip());
			// Java reads "NaN", "Infinity" and "0x1p3" as numbers; no coordinate is any of them.
			if (!Double.isFinite(number) || !value.strip().matches("[+-]?[0-9.eE+-]+")) {
				throw new NumberFormatException(value);
			}
			return number;
		}
		catch (NumberFormatException e) {
			throw new Open311Exception(400, name + " must be a number");
		}
	}

	static int integer(HttpServletRequest request, String name, int fallback) {
		String value = request.getParameter(name);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException e) {
			throw new Open311Exception(400, name + " must be a whole number");
		}
	}
}
