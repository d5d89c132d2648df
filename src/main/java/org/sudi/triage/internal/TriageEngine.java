package org.sudi.triage.internal;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.sudi.catalog.Catalog;
import org.sudi.catalog.Category;
import org.sudi.catalog.DutyItem;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.OrgUnits;
import org.sudi.triage.Suggestions;
import org.sudi.triage.Suggestions.CategorySuggestion;
import org.sudi.triage.Suggestions.UnitSuggestion;
import org.sudi.triage.Triage;

/**
 * Builds, keeps and asks the models. The models are persisted (table triage_model), loaded lazily on
 * each node, and rebuilt on demand or in the background when history has grown.
 */
@Service
public class TriageEngine implements Triage {

	private static final Logger log = LoggerFactory.getLogger(TriageEngine.class);

	static final int TOP_CATEGORIES = 5;
	static final int TOP_UNITS = 5;

	public record Built(Instant builtAt, int categoryDocuments, int unitDocuments, long millis) {
	}

	private record Loaded(TriageModel categories, TriageModel units, Instant builtAt, int dutyFingerprint) {

		boolean isEmpty() {
			return categories == null && units == null;
		}
	}

	private final JdbcClient jdbc;
	private final TriageHistory history;
	private final Catalog catalog;
	private final OrgUnits orgUnits;
	private final Clock clock;
	private volatile Loaded loaded;
	/** How often a node asks whether another node stored newer models ({@code sudi.triage.version-check}). */
	private final long versionCheckNanos;
	private volatile long lastVersionCheck = System.nanoTime();

	TriageEngine(JdbcClient jdbc, TriageHistory history, Catalog catalog, OrgUnits orgUnits, Clock clock,
			@Value("${sudi.triage.version-check:30s}") Duration versionCheck) {
		this.jdbc = jdbc;
		this.history = history;
		this.catalog = catalog;
		this.orgUnits = orgUnits;
		this.clock = clock;
		this.versionCheckNanos = versionCheck.toNanos();
	}

	@Override
	public Suggestions suggest(String title, String description, Double lat, Double lon) {
		Loaded models = models();
		String t = title == null ? "" : title;
		String d = description == null ? "" : description;
		Map<String, String> categoryNames = catalog.categories().stream()
			.collect(Collectors.toMap(Category::code, Category::name));
		List<CategorySuggestion> categories = models.categories() == null ? List.of()
				: models.categories().suggest(t, d, TOP_CATEGORIES).stream()
					.map(s -> new CategorySuggestion(s.label(), categoryNames.getOrDefault(s.label(), s.label()),
							round(s.score())))
					.toList();
		List<UnitSuggestion> units = new ArrayList<>();
		if (models.units() != null) {
			Set<String> likelyCategories = categories.stream().map(CategorySuggestion::code)
				.collect(Collectors.toCollection(LinkedHashSet::new));
			for (Scored s : models.units().suggest(t, d, TOP_UNITS)) {
				long orgId = Long.parseLong(s.label());
				Optional<OrgUnit> org = orgUnits.find(orgId);
				if (org.isEmpty()) {
					continue;
				}
				Basis basis = basis(orgId, t + " " + d, s.matchedTerms(), likelyCategories);
				units.add(new UnitSuggestion(orgId, org.get().name(), round(s.score()),
						basis.duty() == null ? null : basis.duty().id(),
						basis.duty() == null ? null : basis.duty().title(), basis.matched()));
			}
		}
		return new Suggestions(categories, units);
	}

	private record Basis(DutyItem duty, List<String> matched) {
	}

	/**
	 * The unit's duty item that best explains the suggestion: most of its keywords found in the text,
	 * then a category the text is likely to be in.
	 */
	private Basis basis(long orgId, String text, List<String> modelTerms, Set<String> likelyCategories) {
		String lower = text.toLowerCase(Locale.ROOT);
		DutyItem best = null;
		List<String> bestWords = List.of();
		double bestScore = 0;
		for (DutyItem duty : catalog.searchDuties(orgId, "", 1000)) {
			List<String> found = duty.keywords().stream().filter(k -> !k.isBlank() && lower.contains(k.toLowerCase(Locale.ROOT)))
				.toList();
			double score = found.size() * 2
					+ modelTerms.stream().filter(term -> duty.title().contains(term)).count()
					+ (duty.categoryCodes().stream().anyMatch(likelyCategories::contains) ? 0.5 : 0);
			if (score > bestScore) {
				best = duty;
				bestScore = score;
				bestWords = found;
			}
		}
		Set<String> matched = new LinkedHashSet<>(bestWords);
		// Single characters carry weight in the model but explain nothing to a dispatcher.
		modelTerms.stream().filter(term -> term.codePointCount(0, term.length()) >= 2).forEach(matched::add);
		return new Basis(best, List.copyOf(matched));
	}

	private static double round(double score) {
		return Math.round(score * 10000) / 10000.0;
	}

	private Loaded models() {
		Loaded current = loaded;
		if (current != null && System.nanoTime() - lastVersionCheck > versionCheckNanos) {
			// The rebuild task runs on one node; the others pick its models up within the check interval.
			lastVersionCheck = System.nanoTime();
			// max() of no rows is one NULL row, which single() refuses: read it as a list (found by MalformedInputTests).
			List<Timestamp> max = jdbc.sql("select max(built_at) from triage_model").query(Timestamp.class).list();
			Timestamp stored = max.isEmpty() ? null : max.get(0);
			if (stored != null && !stored.toInstant().equals(current.builtAt())) {
				synchronized (this) {
					if (loaded == current) {
						loaded = load().orElse(current);
					}
				}
				current = loaded;
			}
		}
		if (current == null || current.isEmpty()) {
			synchronized (this) {
				current = loaded;
				// Nothing to suggest from yet (e.g. built before the duty list was seeded): try again now.
				if (current == null || current.isEmpty()) {
					current = load().orElseGet(() -> {
						rebuild();
						return loaded;
					});
					loaded = current;
				}
			}
		}
		return current;
	}

	private Optional<Loaded> load() {
		Map<String, byte[]> bytes = jdbc.sql("select kind, bytes from triage_model")
			.query(rs -> {
				Map<String, byte[]> m = new java.util.HashMap<>();
				while (rs.next()) {
					m.put(rs.getString(1), rs.getBytes(2));
				}
				return m;
			});
		if (bytes.isEmpty()) {
			return Optional.empty();
		}
		Instant builtAt = jdbc.sql("select max(built_at) from triage_model").query(Timestamp.class).single().toInstant();
		try {
			return Optional.of(new Loaded(decode(bytes.get("CATEGORY")), decode(bytes.get("UNIT")), builtAt,
					dutyFingerprint(duties())));
		}
		catch (IOException e) {
			log.warn("Stored triage models are unreadable; rebuilding them", e);
			return Optional.empty();
		}
	}

	private static TriageModel decode(byte[] bytes) throws IOException {
		return bytes == null ? null : ModelCodec.fromBytes(bytes);
	}

	/** Builds both models from the duty list and all history, stores them and starts using them. */
	public synchronized Built rebuild() {
		long started = System.nanoTime();
		long upto = history.lastId();
		TrainingSet set = new TrainingSet();
		List<DutyItem> duties = duties();
		duties.forEach(set::addDuty);
		history.forEach(upto, set::addHistory);
		TrainingSet.Models models = set.build();
		long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		// As PostgreSQL keeps it, so that the version check recognises this node's own models.
		Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		store("CATEGORY", models.categories(), set.categoryDocuments(), upto, now, millis);
		store("UNIT", models.units(), set.unitDocuments(), upto, now, millis);
		loaded = new Loaded(models.categories(), models.units(), now, dutyFingerprint(duties));
		log.info("Triage models built from {} category and {} unit documents in {} ms", set.categoryDocuments(),
				set.unitDocuments(), millis);
		return new Built(now, set.categoryDocuments(), set.unitDocuments(), millis);
	}

	private List<DutyItem> duties() {
		return catalog.searchDuties(null, "", Integer.MAX_VALUE);
	}

	private static int dutyFingerprint(List<DutyItem> duties) {
		return duties.hashCode();
	}

	/** Rebuilds when history has grown or the duty list changed since the models were built; true if it did. */
	public boolean rebuildIfStale() {
		long upto = jdbc.sql("select coalesce(min(history_upto), -1) from triage_model").query(Long.class).single();
		Loaded mine = loaded;
		boolean dutiesChanged = mine != null && mine.dutyFingerprint() != dutyFingerprint(duties());
		if (upto >= 0 && upto >= history.lastId() && !dutiesChanged) {
			Instant stored = jdbc.sql("select max(built_at) from triage_model").query(Timestamp.class).single().toInstant();
			Loaded current = loaded;
			if (current == null || current.builtAt().isBefore(stored)) {
				loaded = null; // another node rebuilt: pick its models up
			}
			return false;
		}
		rebuild();
		return true;
	}

	private void store(String kind, TriageModel model, int documents, long upto, Instant now, long millis) {
		if (model == null) {
			jdbc.sql("delete from triage_model where kind = ?").param(kind).update();
			return;
		}
		jdbc.sql("""
				insert into triage_model(kind, bytes, documents, history_upto, built_at, build_millis)
				values (?, ?, ?, ?, ?, ?) on conflict (kind) do update set bytes = excluded.bytes,
				  documents = excluded.documents, history_upto = excluded.history_upto,
				  built_at = excluded.built_at, build_millis = excluded.build_millis""")
			.params(kind, ModelCodec.toBytes(model), documents, upto, Timestamp.from(now), millis)
			.update();
	}

}
