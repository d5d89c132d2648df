package org.sudi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sudi.casework.CaseType;
import org.sudi.casework.application.CaseService;
import org.sudi.casework.domain.Submission;
import org.sudi.console.WebSession;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgUnits;
import org.sudi.directory.Role;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 10, 5(e): PostgreSQL is restarted under write and read load — once with a fast shutdown, once
 * with an immediate stop (crash, WAL recovery on start) — and the application, never restarted itself,
 * rides it out: every acknowledged (201) case is still there, requests during the outage are answered
 * 503 problem JSON with Retry-After within a bounded time (no 500, no hang), it serves again within
 * seconds of PostgreSQL coming back, the db-scheduler deadline sweep fires again, and the screen's SSE
 * feed (LISTEN/NOTIFY) delivers an event caused after the restarts.
 *
 * The database is a private embedded PostgreSQL on a fixed port and data directory so it can be stopped
 * and started again under the running application. Takes about 45–90 s (about half is starting the application).
 */
@Tag("restart")
class PostgresRestartTests {

	static final int PG_PORT = Integer.getInteger("sudi.test.restart-pg-port", 18750);
	/** The application must answer again this soon after PostgreSQL accepts connections. */
	static final Duration RECOVERY_LIMIT = Duration.ofSeconds(10);
	/** No request may take longer than this, outage or not (connection-timeout is 5 s). */
	static final Duration REQUEST_LIMIT = Duration.ofSeconds(12);
	static final Duration OUTAGE = Duration.ofSeconds(4);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** Every answer the load got: status, time taken, when it came. */
	record Answer(String kind, int status, long millis, Instant at, String contentType, String retryAfter, String body) {
	}

	private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
	private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
	private final AtomicLong lastCreatedAt = new AtomicLong();
	private final Map<String, Instant> ackedAt = new ConcurrentHashMap<>();
	private final List<String> events = new CopyOnWriteArrayList<>();

	@Test
	@DisplayName("PostgreSQL restarted (fast, then immediate) under load: nothing acknowledged is lost, outage answers are 503, service, sweep and live feed resume")
	void ridesOutRestarts(@TempDir Path dir) throws Exception {
		Path pgData = dir.resolve("pg");
		Files.createDirectories(pgData);
		EmbeddedPostgres pg = startPostgres(pgData);
		try (ConfigurableApplicationContext app = startApp(dir)) {
			int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
			app.getBean(MutableClock.class).set(Instant.parse("2026-11-03T01:00:00Z")); // Tue 09:00 in Shanghai
			Api api = new Api(port);
			String citizen = api.token("citizen");
			String dispatcher = api.token("dispatcher");
			String leader = api.token("leader");
			long town = api.as("admin").get("/api/v1/orgs").body().valueStream()
				.filter(o -> o.path("code").asString().equals("tanshan")).findFirst().orElseThrow().path("id").asLong();
			String base = "http://localhost:" + port;

			WebSession console = WebSession.signIn(port, "dispatcher");
			List<String> feed = new CopyOnWriteArrayList<>();
			openFeed(base, leader, feed);

			AtomicBoolean loading = new AtomicBoolean(true);
			List<Thread> load = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				load.add(start("writer-" + i, () -> {
					while (loading.get()) {
						createOnce(base, citizen, town);
					}
				}));
			}
			load.add(start("reader", () -> {
				while (loading.get()) {
					read(base, dispatcher);
				}
			}));

			List<Duration> recoveries = new ArrayList<>();
			waitFor(Duration.ofSeconds(20), () -> acknowledged.size() >= 10);

			// 1. Fast shutdown (pg_ctl stop -m fast): sessions are terminated, clean checkpoint.
			events.add("fast-stop " + Instant.now());
			pg.close();
			events.add("fast-stopped " + Instant.now());
			// A console page during the outage: the "briefly unavailable" page, not a 500.
			long outageStart = System.nanoTime();
			WebSession.Page page = console.get("/console");
			assertThat(page.status()).isEqualTo(503);
			assertThat(page.body()).contains("系统暂时不可用");
			// Signing in during the outage is "unavailable", not "wrong password".
			Api.Response signIn = api.send("POST", "/api/v1/auth/token", null,
					Map.of("username", "hotline", "password", Api.PASSWORD));
			assertThat(signIn.status()).as(signIn.raw().body()).isEqualTo(503);
			assertThat(signIn.header("Retry-After")).isEqualTo("5");
			Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - outageStart) / 1_000_000));
			pg = startPostgres(pgData);
			recoveries.add(recovery());

			int afterFast = acknowledged.size();
			waitFor(Duration.ofSeconds(20), () -> acknowledged.size() >= afterFast + 10);

			// 2. Immediate stop (SIGQUIT to the postmaster): no checkpoint, crash recovery on start.
			events.add("crash " + Instant.now());
			crash(pgData);
			events.add("crashed " + Instant.now());
			pg.close(); // releases the data directory lock; the server is already gone
			Thread.sleep(OUTAGE.toMillis());
			pg = startPostgres(pgData);
			recoveries.add(recovery());

			int before = acknowledged.size();
			waitFor(Duration.ofSeconds(20), () -> acknowledged.size() >= before + 10);
			loading.set(false);
			for (Thread t : load) {
				t.join(REQUEST_LIMIT.toMillis() * 2);
			}

			// Both outages were seen by the load, and answered cleanly.
			List<Answer> unavailable = answers.stream().filter(a -> a.status() == 503).toList();
			List<Answer> other = answers.stream()
				.filter(a -> a.status() != 503 && a.status() != 201 && a.status() != 200)
				.toList();
			assertThat(other).as("answers other than 200/201/503").isEmpty();
			assertThat(unavailable).as("503 answers during the outages").hasSizeGreaterThan(2);
			assertThat(unavailable).allSatisfy(a -> {
				assertThat(a.contentType()).startsWith("application/problem+json");
				assertThat(a.retryAfter()).isEqualTo("5");
				assertThat(JSON.readTree(a.body()).path("status").asInt()).isEqualTo(503);
			});
			long slowest = answers.stream().mapToLong(Answer::millis).max().orElseThrow();
			assertThat(Duration.ofMillis(slowest)).as("slowest answer").isLessThan(REQUEST_LIMIT);
			assertThat(recoveries).as("time to serve again after PostgreSQL is back")
				.allSatisfy(r -> assertThat(r).isLessThan(RECOVERY_LIMIT));

			// Every acknowledged case exists, through the API and in the table.
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			List<UUID> present = jdbc.sql("select id from cases where id = any(?)")
				.param(acknowledged.stream().map(UUID::fromString).toArray(UUID[]::new))
				.query(UUID.class)
				.list();
			List<String> missing = acknowledged.stream().filter(a -> !present.contains(UUID.fromString(a)))
				.map(a -> a + " acknowledged at " + ackedAt.get(a)).toList();
			assertThat(missing).as("acknowledged cases missing from the database; restarts: " + events).isEmpty();
			for (String id : acknowledged) {
				assertThat(get(base + "/api/v1/cases/" + id, dispatcher).statusCode()).as(id).isEqualTo(200);
			}

			// The deadline sweep (db-scheduler, every second here) runs again: a deadline due after the
			// restarts fires without anyone calling the sweeper.
			UUID late = dispatchedCase(app);
			app.getBean(MutableClock.class).advance(Duration.ofHours(5));
			waitFor(Duration.ofSeconds(30), () -> jdbc.sql("select count(*) from supervision where automatic and case_id = ?")
				.param(late).query(Long.class).single() > 0);

			// The live feed's LISTEN connection came back: a case created now reaches the SSE client.
			String id = createOnce(base, citizen, town);
			waitFor(Duration.ofSeconds(15), () -> feed.stream().anyMatch(line -> line.contains(id)));

			System.out.printf("PostgreSQL restarts: %d cases acknowledged, %d answers 503, slowest answer %d ms, "
					+ "recovery after fast %d ms, after immediate %d ms%n", acknowledged.size(), unavailable.size(), slowest,
					recoveries.get(0).toMillis(), recoveries.get(1).toMillis());
		}
		finally {
			pg.close();
		}
	}

	/** From PostgreSQL accepting connections again to the next acknowledged case. */
	private Duration recovery() throws InterruptedException {
		Instant back = Instant.now();
		long start = System.nanoTime();
		waitFor(RECOVERY_LIMIT.plusSeconds(20), () -> lastCreatedAt.get() > back.toEpochMilli());
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private static Thread start(String name, Runnable body) {
		Thread thread = new Thread(body, name);
		thread.start();
		return thread;
	}

	private String createOnce(String base, String token, long town) {
		String body = JSON.writeValueAsString(Map.of("type", "LIVELIHOOD", "title", "路灯不亮", "description",
				"文化路路灯坏了一周，请尽快处理。", "townId", town));
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/cases"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.timeout(REQUEST_LIMIT.plusSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		HttpResponse<String> response = send("create", request);
		if (response != null && response.statusCode() == 201) {
			String id = JSON.readTree(response.body()).path("id").asString();
			acknowledged.add(id);
			ackedAt.put(id, Instant.now());
			lastCreatedAt.set(System.currentTimeMillis());
			return id;
		}
		if (response == null || response.statusCode() == 503) {
			pause();
		}
		return null;
	}

	private void read(String base, String token) {
		List<String> ids = new ArrayList<>(acknowledged);
		if (ids.isEmpty()) {
			pause();
			return;
		}
		String id = ids.get((int) (System.nanoTime() % ids.size()));
		HttpResponse<String> response = send("read", HttpRequest.newBuilder(URI.create(base + "/api/v1/cases/" + id))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.timeout(REQUEST_LIMIT.plusSeconds(10))
			.build());
		if (response == null || response.statusCode() == 503) {
			pause();
		}
	}

	private HttpResponse<String> send(String kind, HttpRequest request) {
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			answers.add(new Answer(kind, response.statusCode(), (System.nanoTime() - start) / 1_000_000, Instant.now(),
					response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("Retry-After").orElse(null), response.body()));
			return response;
		}
		catch (IOException e) {
			// A timed-out or broken request is a hang or a crash as far as a client can tell.
			answers.add(new Answer(kind, -1, (System.nanoTime() - start) / 1_000_000, Instant.now(), "", null,
					e.toString()));
			return null;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private void openFeed(String base, String token, List<String> lines) throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/screen/feed"))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "text/event-stream")
			.build();
		http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
			.thenAccept(response -> response.body().forEach(lines::add));
		waitFor(Duration.ofSeconds(10), () -> lines.stream().anyMatch(l -> l.contains("connected")));
	}

	private static void pause() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** Immediate stop: SIGQUIT to the postmaster, which quits without a checkpoint (a crash, as far as WAL goes). */
	private static void crash(Path pgData) throws Exception {
		long pid = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
		Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start();
		assertThat(kill.waitFor()).isZero();
		ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(20, TimeUnit.SECONDS).join());
	}

	private static EmbeddedPostgres startPostgres(Path data) throws IOException {
		return EmbeddedPostgres.builder()
			.setPort(PG_PORT)
			.setDataDirectory(data.toFile())
			.setCleanDataDirectory(false)
			// As the application's own persistent embedded server (zonky's default is off, which loses
			// acknowledged commits on an immediate stop: this test catches that).
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.start();
	}

	private static ConfigurableApplicationContext startApp(Path dir) {
		return new SpringApplicationBuilder(SudiApplication.class, MutableClock.Config.class).run(
				"--spring.datasource.url=jdbc:postgresql://localhost:" + PG_PORT + "/postgres",
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--sudi.demo.enabled=true", "--sudi.data-dir=" + dir, "--server.port=0",
				"--sudi.clock.sweep-interval=1s", "--db-scheduler.polling-interval=500ms",
				"--db-scheduler.heartbeat-interval=2s", "--sudi.notification.delivery-interval=1h");
	}

	private static UUID dispatchedCase(ConfigurableApplicationContext app) {
		CaseService cases = app.getBean(CaseService.class);
		OrgUnits orgs = app.getBean(OrgUnits.class);
		long center = orgs.findByCode("center").orElseThrow().id();
		Actor hotline = new Actor("hotline", "热线", null, Set.of(Role.HOTLINE));
		Actor dispatcher = new Actor("dispatcher", "调度", center, Set.of(Role.DISPATCHER));
		UUID id = cases.submit(hotline, new Submission(CaseType.DEVELOPMENT, "融资对接", "希望对接银行贷款", null, null, null,
				null, null, null)).id();
		cases.dispatch(dispatcher, id, orgs.findByCode("shenpi").orElseThrow().id(), List.of(), null, null);
		return id;
	}

	private static void waitFor(Duration limit, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("not within " + limit);
			}
			Thread.sleep(100);
		}
	}
}
