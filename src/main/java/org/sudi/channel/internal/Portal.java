package org.sudi.channel.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.sudi.attachment.Attachments;
import org.sudi.casework.CaseIntake;
import org.sudi.casework.CaseQueries;
import org.sudi.casework.CaseQuery;
import org.sudi.casework.CaseSummary;
import org.sudi.casework.CaseType;
import org.sudi.casework.Channel;
import org.sudi.casework.NewCase;
import org.sudi.casework.Rating;
import org.sudi.catalog.Catalog;
import org.sudi.catalog.Category;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgKind;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.OrgUnits;
import org.sudi.directory.PortalAccounts;
import org.sudi.directory.Role;
import org.sudi.platform.InvalidInputException;
import org.sudi.platform.NotFoundException;
import org.sudi.platform.RateLimiter;

/**
 * What the mobile portal does for a signed-in requester: the category picker, submitting with photos,
 * their own requests with a plain-language timeline, and the requester's actions; and the public
 * lookup of one request by tracking number and the last four digits of the phone.
 */
@Service
public class Portal {

	public static final String OTHER = "other.misc";

	public record Group(String name, List<Category> categories) {
	}

	public record Photo(String filename, InputStream content) {
	}

	public record Draft(String categoryCode, String title, String description, Long townId, Double lat, Double lon,
			String address, boolean anonymous, List<Photo> photos) {
	}

	public record Step(Instant at, String when, String text, String note) {
	}

	private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter
		.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.of("Asia/Shanghai"));

	private final Catalog catalog;
	private final OrgUnits orgUnits;
	private final CaseIntake intake;
	private final CaseQueries queries;
	private final Attachments attachments;
	private final PortalAccounts accounts;
	private final RateLimiter limiter;
	private final ChannelProperties properties;

	Portal(Catalog catalog, OrgUnits orgUnits, CaseIntake intake, CaseQueries queries, Attachments attachments,
			PortalAccounts accounts, RateLimiter limiter, ChannelProperties properties) {
		this.catalog = catalog;
		this.orgUnits = orgUnits;
		this.intake = intake;
		this.queries = queries;
		this.attachments = attachments;
		this.accounts = accounts;
		this.limiter = limiter;
		this.properties = properties;
	}

	/** The categories grouped under their first level, 其他 last. */
	public List<Group> groups() {
		List<Category> all = catalog.categories();
		Map<String, Group> groups = new LinkedHashMap<>();
		for (Category c : all) {
			if (c.parentCode() == null && !c.code().equals("other")) {
				groups.put(c.code(), new Group(c.name(), new ArrayList<>()));
			}
		}
		for (Category c : all) {
			if (c.parentCode() != null && groups.containsKey(c.parentCode())) {
				groups.get(c.parentCode()).categories().add(c);
			}
		}
		return List.copyOf(groups.values());
	}

	public List<OrgUnit> towns() {
		return orgUnits.all().stream().filter(o -> o.kind() == OrgKind.TOWN).toList();
	}

	public CaseSummary submit(Actor actor, Draft d) {
		// The portal is the citizens' and enterprises' door: staff signed in to the console share the
		// session, but file through the console and the API, where their own channel is recorded.
		if (!actor.hasAny(Role.CITIZEN, Role.ENTERPRISE)) {
			throw new org.sudi.platform.ForbiddenException("Only citizens and enterprises file requests through the portal");
		}
		limiter.consume("submit:" + actor.username(), properties.limits().submissionsPerAccountPerHour(), Duration.ofHours(1));
		boolean enterprise = actor.has(Role.ENTERPRISE);
		if (d.description() == null || d.description().isBlank()) {
			throw new InvalidInputException("description", "must not be blank");
		}
		if (!enterprise && d.townId() == null) {
			throw new InvalidInputException("townId", "choose the town or street");
		}
		if (!enterprise && (d.address() == null || d.address().isBlank()) && d.lat() == null) {
			throw new InvalidInputException("address", "give the address or use your location");
		}
		if (d.photos().size() > 9) {
			throw new InvalidInputException("photos", "at most 9 photos");
		}
		String category = d.categoryCode() == null || d.categoryCode().isBlank() ? null : d.categoryCode();
		List<UUID> photos = new ArrayList<>();
		for (Photo p : d.photos()) {
			try (InputStream in = p.content()) {
				photos.add(attachments.uploadPhoto(actor, p.filename(), in).id());
			}
			catch (IOException e) {
				throw new InvalidInputException("photos", "a photo could not be read");
			}
			catch (InvalidInputException e) {
				throw new InvalidInputException("photos", p.filename() == null ? "a file is not a photo: " + e.getMessage()
						: "\u201c" + p.filename() + "\u201d " + e.getMessage());
			}
		}
		String description = d.description().strip();
		String title = d.title() != null && !d.title().isBlank() ? d.title().strip()
				: description.length() > 30 ? description.substring(0, 30) + "…" : description;
		String phone = accounts.phoneOf(actor.username()).orElse(null);
		return intake.submit(actor, new NewCase(enterprise ? CaseType.DEVELOPMENT : CaseType.LIVELIHOOD, title,
				description, category, null, enterprise ? Channel.ENTERPRISE : Channel.H5, d.townId(), d.lat(), d.lon(),
				d.address(), null, phone, d.anonymous(), photos));
	}

	public List<CaseSummary> mine(Actor actor) {
		return queries.find(CaseQuery.ofRequester(actor.username(), 50));
	}

	/** One of the actor's own requests (404 for anyone else's). */
	public CaseSummary mine(Actor actor, String trackingNo) {
		return queries.findByTrackingNo(trackingNo)
			.filter(c -> actor.username().equals(c.requesterUsername()))
			.orElseThrow(() -> new NotFoundException("Request", trackingNo));
	}

	public List<Step> timeline(CaseSummary c, Locale locale) {
		return queries.history(c.id()).stream().filter(TimelineWords::shown)
			.map(e -> new Step(e.at(), WHEN.format(e.at()), TimelineWords.text(e, locale), TimelineWords.publicNote(e)))
			.toList();
	}

	public CaseSummary addInformation(Actor actor, String trackingNo, String note) {
		return intake.addInformation(actor, mine(actor, trackingNo).id(), note);
	}

	public CaseSummary withdraw(Actor actor, String trackingNo, String reason) {
		return intake.withdraw(actor, mine(actor, trackingNo).id(), reason);
	}

	public CaseSummary evaluate(Actor actor, String trackingNo, Rating rating, String comment) {
		return intake.evaluate(actor, mine(actor, trackingNo).id(), rating, comment);
	}

	/**
	 * 公开查询: one request by tracking number and the last 4 digits of the requester's phone. Limited
	 * per IP and per tracking number, so neither numbers nor digits can be guessed in bulk.
	 */
	public Optional<CaseSummary> lookup(String ip, String trackingNo, String last4) {
		limiter.consume("lookup-ip:" + ip, properties.limits().lookupsPerIpPerMinute(), Duration.ofMinutes(1));
		if (trackingNo == null || last4 == null || !last4.strip().matches("\\d{4}")) {
			return Optional.empty();
		}
		limiter.consume("lookup-no:" + trackingNo.strip(), 5, Duration.ofMinutes(10));
		return queries.findByTrackingNo(trackingNo.strip())
			.filter(c -> c.requesterPhone() != null && c.requesterPhone().endsWith(last4.strip()));
	}

	public String unitName(Long orgId) {
		return orgId == null ? null : orgUnits.find(orgId).map(OrgUnit::name).orElse(null);
	}
}
