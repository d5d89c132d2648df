package org.sudi.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.common.engine.impl.identity.Authentication;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.task.api.Task;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sudi.SudiApplication;
import org.sudi.casework.CaseStatus;
import org.sudi.casework.CaseType;
import org.sudi.casework.Rating;
import org.sudi.casework.application.CaseService;
import org.sudi.casework.domain.Case;
import org.sudi.casework.domain.Location;
import org.sudi.casework.domain.Requester;
import org.sudi.casework.domain.Submission;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgUnits;
import org.sudi.directory.Role;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole loop per second, three ways in one run on the same PostgreSQL server (docs/benchmarks.md):
 * <ol>
 * <li><b>ours</b>: Sudi's service layer in its Spring context (no HTTP) — submit by the hotline, town
 * escalates, command centre dispatches to 住建局, the department signs, reports on site, completes, the
 * hotline's follow-up call records SATISFIED, and the case is CLOSED;</li>
 * <li><b>flowable</b>: the same seven steps on Flowable 7.2 embedded (standalone engine, history level
 * audit, async executor on so its timers are live), in its own database: the process starts with the
 * case's data as variables, and each step finds its task by candidate group (the unit's work list),
 * claims it and completes it with that step's data; a non-interrupting timer boundary event on each
 * step that has a deadline in Sudi (town review, sign, arrive, complete, evaluation);</li>
 * <li><b>http</b>: the same flow as ours through the JSON API with bearer tokens (java.net.http).</li>
 * </ol>
 * Rounds alternate the three so that load from other processes falls on all of them alike.
 *
 * <p>Arguments: {@code loops-per-round rounds threads[,threads…] jdbc-base port} — run by
 * {@code bin/bench-loop}.
 */
public final class LoopBench {

	static final String PROCESS = """
			<?xml version="1.0" encoding="UTF-8"?>
			<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
			    xmlns:flowable="http://flowable.org/bpmn" targetNamespace="http://sudi.org/bench">
			  <process id="sudiCase" name="诉求闭环" isExecutable="true">
			    <startEvent id="submitted"/>
			    <sequenceFlow sourceRef="submitted" targetRef="townReview"/>
			    <userTask id="townReview" name="镇街受理" flowable:candidateGroups="${townGroup}"/>
			    <boundaryEvent id="townReviewDue" attachedToRef="townReview" cancelActivity="false">
			      <timerEventDefinition><timeDuration>${reviewDue}</timeDuration></timerEventDefinition>
			    </boundaryEvent>
			    <sequenceFlow sourceRef="townReviewDue" targetRef="townReviewOverdue"/>
			    <endEvent id="townReviewOverdue"/>
			    <sequenceFlow sourceRef="townReview" targetRef="triage"/>
			    <userTask id="triage" name="区级研判派单" flowable:candidateGroups="dispatcher"/>
			    <sequenceFlow sourceRef="triage" targetRef="sign"/>
			    <userTask id="sign" name="签收" flowable:candidateGroups="${leadGroup}"/>
			    <boundaryEvent id="signDue" attachedToRef="sign" cancelActivity="false">
			      <timerEventDefinition><timeDuration>${signDue}</timeDuration></timerEventDefinition>
			    </boundaryEvent>
			    <sequenceFlow sourceRef="signDue" targetRef="signOverdue"/>
			    <endEvent id="signOverdue"/>
			    <sequenceFlow sourceRef="sign" targetRef="arrive"/>
			    <userTask id="arrive" name="报到" flowable:candidateGroups="${leadGroup}"/>
			    <boundaryEvent id="arriveDue" attachedToRef="arrive" cancelActivity="false">
			      <timerEventDefinition><timeDuration>${arriveDue}</timeDuration></timerEventDefinition>
			    </boundaryEvent>
			    <sequenceFlow sourceRef="arriveDue" targetRef="arriveOverdue"/>
			    <endEvent id="arriveOverdue"/>
			    <sequenceFlow sourceRef="arrive" targetRef="complete"/>
			    <userTask id="complete" name="办结反馈" flowable:candidateGroups="${leadGroup}"/>
			    <boundaryEvent id="completeDue" attachedToRef="complete" cancelActivity="false">
			      <timerEventDefinition><timeDuration>${completeDue}</timeDuration></timerEventDefinition>
			    </boundaryEvent>
			    <sequenceFlow sourceRef="completeDue" targetRef="completeOverdue"/>
			    <endEvent id="completeOverdue"/>
			    <sequenceFlow sourceRef="complete" targetRef="evaluate"/>
			    <userTask id="evaluate" name="回访评价" flowable:candidateGroups="hotline"/>
			    <boundaryEvent id="evaluateDue" attachedToRef="evaluate" cancelActivity="false">
			      <timerEventDefinition><timeDuration>${evaluationDue}</timeDuration></timerEventDefinition>
			    </boundaryEvent>
			    <sequenceFlow sourceRef="evaluateDue" targetRef="evaluateOverdue"/>
			    <endEvent id="evaluateOverdue"/>
			    <sequenceFlow sourceRef="evaluate" targetRef="closed"/>
			    <endEvent id="closed"/>
			  </process>
			</definitions>
			""";

	private final int loops;
	private final int rounds;
	private final int[] threadCounts;
	private final String jdbcBase;
	private final int port;
	private final AtomicLong tracking = new AtomicLong();
	/** Numbers the loops of all builds, to vary titles, phones and addresses. */
	private final AtomicInteger serial = new AtomicInteger();

	private ConfigurableApplicationContext context;
	private CaseService cases;
	private ProcessEngine engine;
	private HikariDataSource flowableData;
	private HttpClient http;
	private final Map<String, String> tokens = new HashMap<>();
	private final JsonMapper json = JsonMapper.builder().build();

	private long town;
	private long lead;
	private Actor hotline;
	private Actor townOperator;
	private Actor dispatcher;
	private Actor department;

	private LoopBench(String[] args) {
		loops = args.length > 0 ? Integer.parseInt(args[0]) : 200;
		rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
		threadCounts = Arrays.stream((args.length > 2 ? args[2] : "1,4").split(",")).mapToInt(Integer::parseInt)
			.toArray();
		jdbcBase = args.length > 3 ? args[3] : "jdbc:postgresql://127.0.0.1:5432/";
		port = args.length > 4 ? Integer.parseInt(args[4]) : 18213;
	}

	public static void main(String[] args) throws Exception {
		LoopBench bench = new LoopBench(args);
		try {
			bench.start();
			bench.run();
		}
		finally {
			bench.stop();
		}
	}

	private void start() throws Exception {
		Path dataDir = Files.createTempDirectory("loopbench");
		// System properties, as the environment variables a deployment sets (they outrank application.yml).
		Map.of("SUDI_DB_URL", jdbcBase + "sudi_bench_loop", "SUDI_DB_USER", "postgres", "SUDI_DB_PASSWORD", "",
				"SUDI_DEMO", "true", "SUDI_ADMIN_USERNAME", "bench-admin", "SUDI_ADMIN_PASSWORD", "bench-admin-password",
				"SUDI_DATA_DIR", dataDir.toString(), "PORT", String.valueOf(port), "logging.level.root", "WARN")
			.forEach(System::setProperty);
		context = new SpringApplicationBuilder(SudiApplication.class).run();
		cases = context.getBean(CaseService.class);
		OrgUnits orgs = context.getBean(OrgUnits.class);
		town = orgs.findByCode("tanshan").orElseThrow().id();
		lead = orgs.findByCode("zhujian").orElseThrow().id();
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		hotline = actor(jdbc, "hotline");
		townOperator = actor(jdbc, "town-tanshan");
		dispatcher = actor(jdbc, "dispatcher");
		department = actor(jdbc, "dept-zhujian");

		HikariConfig pool = new HikariConfig();
		pool.setJdbcUrl(jdbcBase + "sudi_bench_flowable");
		pool.setUsername("postgres");
		pool.setPassword("");
		pool.setMaximumPoolSize(10); // Hikari's default, as Sudi's pool
		pool.setPoolName("flowable");
		ProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration()
			.setDataSource(flowableData = new HikariDataSource(pool))
			.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
			.setHistoryLevel(HistoryLevel.AUDIT)
			.setAsyncExecutorActivate(true);
		engine = config.buildProcessEngine();
		engine.getRepositoryService().createDeployment().name("sudi-case")
			.addString("sudi-case.bpmn20.xml", PROCESS).deploy();

		http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		for (String user : List.of("hotline", "town-tanshan", "dispatcher", "dept-zhujian")) {
			JsonNode t = post(null, "/api/v1/auth/token", Map.of("username", user, "password", "sudi-demo"), 200);
			tokens.put(user, t.path("access_token").asString());
		}
	}

	/** The demo account as its bearer token describes it: unit and roles from the directory's tables. */
	private static Actor actor(JdbcClient jdbc, String username) {
		Map<String, Object> row = jdbc.sql("select id, display_name, org_id from account where username = ?")
			.param(username).query().singleRow();
		Set<Role> roles = jdbc.sql("select role from account_role where account_id = ?").param(row.get("id"))
			.query(String.class).list().stream().map(Role::valueOf).collect(java.util.stream.Collectors.toSet());
		Number org = (Number) row.get("org_id");
		return new Actor(username, (String) row.get("display_name"), org == null ? null : org.longValue(), roles);
	}

	private void stop() {
		if (engine != null) {
			engine.close();
		}
		if (context != null) {
			context.close();
		}
	}

	// ---- ours: the service layer ----

	private void ourLoop(int i) {
		Case c = cases.submit(hotline, new Submission(CaseType.LIVELIHOOD, "路灯不亮 " + i, "文化路路灯坏了一周，夜间出行不便，请尽快修复",
				null, null, null, town, new Location(34.77, 117.59, "文化路 " + i + " 号"),
				new Requester("张三", "138" + String.format("%08d", i % 100_000_000), null)));
		UUID id = c.id();
		cases.escalate(townOperator, id, "路灯属区住建局管理，超出街道职权");
		c = cases.dispatch(dispatcher, id, lead, List.of(), null, "请按职责办理");
		UUID task = c.tasks().stream().filter(t -> t.orgId() == lead).findFirst().orElseThrow().id();
		cases.sign(department, task);
		cases.arrive(department, task, "已到现场查看");
		cases.complete(department, task, "已更换灯泡，路灯恢复照明", List.of());
		c = cases.evaluate(hotline, id, Rating.SATISFIED, "回访：群众满意");
		if (c.status() != CaseStatus.CLOSED) {
			throw new IllegalStateException("case " + id + " ended " + c.status());
		}
	}

	// ---- the same process on Flowable ----

	private void flowableLoop(int i) {
		RuntimeService runtime = engine.getRuntimeService();
		TaskService tasks = engine.getTaskService();
		String trackingNo = "B" + tracking.incrementAndGet();
		Map<String, Object> vars = new LinkedHashMap<>();
		vars.put("trackingNo", trackingNo);
		vars.put("type", "LIVELIHOOD");
		vars.put("status", "TOWN_REVIEW");
		vars.put("title", "路灯不亮 " + i);
		vars.put("description", "文化路路灯坏了一周，夜间出行不便，请尽快修复");
		vars.put("urgency", "NORMAL");
		vars.put("channel", "HOTLINE");
		vars.put("townId", town);
		vars.put("lat", 34.77);
		vars.put("lon", 117.59);
		vars.put("address", "文化路 " + i + " 号");
		vars.put("requesterName", "张三");
		vars.put("requesterPhone", "138" + String.format("%08d", i % 100_000_000));
		vars.put("createdBy", "hotline");
		vars.put("townGroup", "town-" + town);
		vars.put("reviewDue", "P3D");
		vars.put("signDue", "PT2H");
		vars.put("arriveDue", "PT24H");
		vars.put("completeDue", "P5D");
		vars.put("evaluationDue", "P3D");
		Authentication.setAuthenticatedUserId("hotline");
		String pid = runtime.startProcessInstanceByKey("sudiCase", trackingNo, vars).getId();

		step(tasks, pid, "town-" + town, "town-tanshan",
				Map.of("status", "DISTRICT_TRIAGE", "reviewNote", "路灯属区住建局管理，超出街道职权"));
		step(tasks, pid, "dispatcher", "dispatcher", Map.of("status", "IN_PROGRESS", "leadOrgId", lead, "leadGroup",
				"org-" + lead, "dispatchNote", "请按职责办理", "taskStatus", "DISPATCHED"));
		step(tasks, pid, "org-" + lead, "dept-zhujian", Map.of("taskStatus", "SIGNED"));
		step(tasks, pid, "org-" + lead, "dept-zhujian", Map.of("taskStatus", "ARRIVED", "arriveNote", "已到现场查看"));
		step(tasks, pid, "org-" + lead, "dept-zhujian", Map.of("taskStatus", "COMPLETED", "status",
				"PENDING_EVALUATION", "result", "已更换灯泡，路灯恢复照明"));
		step(tasks, pid, "hotline", "hotline",
				Map.of("status", "CLOSED", "outcome", "RESOLVED", "rating", "SATISFIED", "comment", "回访：群众满意"));
		Authentication.setAuthenticatedUserId(null);
	}

	/**
	 * One step: the unit's open task of this case (its work list), completed with the step's data by the
	 * acting user (recorded in the audit history as Sudi records the actor in the timeline).
	 */
	private static void step(TaskService tasks, String pid, String group, String user, Map<String, Object> vars) {
		Task task = tasks.createTaskQuery().processInstanceId(pid).taskCandidateGroup(group).singleResult();
		if (task == null) {
			throw new IllegalStateException("no task for " + group + " in " + pid);
		}
		Authentication.setAuthenticatedUserId(user);
		tasks.complete(task.getId(), vars);
	}

	/** Every process started so far has ended at "closed" (checked outside the timed part). */
	private void checkFlowable() {
		long started = engine.getHistoryService().createHistoricProcessInstanceQuery().count();
		long closed = engine.getHistoryService().createHistoricProcessInstanceQuery().finished().count();
		if (started != closed) {
			throw new IllegalStateException(started + " processes started, " + closed + " ended");
		}
	}

	// ---- ours over HTTP ----

	private void httpLoop(int i) throws Exception {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "LIVELIHOOD");
		body.put("title", "路灯不亮 " + i);
		body.put("description", "文化路路灯坏了一周，夜间出行不便，请尽快修复");
		body.put("townId", town);
		body.put("requester", Map.of("name", "张三", "phone", "138" + String.format("%08d", i % 100_000_000)));
		body.put("location", Map.of("lat", 34.77, "lon", 117.59, "address", "文化路 " + i + " 号"));
		String id = post("hotline", "/api/v1/cases", body, 201).path("id").asString();
		post("town-tanshan", "/api/v1/cases/" + id + "/escalate", Map.of("reason", "路灯属区住建局管理，超出街道职权"), 200);
		JsonNode c = post("dispatcher", "/api/v1/cases/" + id + "/dispatch",
				Map.of("leadOrgId", lead, "assistOrgIds", List.of(), "note", "请按职责办理"), 200);
		String task = null;
		for (JsonNode t : c.path("tasks")) {
			if (t.path("orgId").asLong() == lead) {
				task = t.path("id").asString();
			}
		}
		post("dept-zhujian", "/api/v1/tasks/" + task + "/sign", null, 200);
		post("dept-zhujian", "/api/v1/tasks/" + task + "/arrive", Map.of("note", "已到现场查看"), 200);
		post("dept-zhujian", "/api/v1/tasks/" + task + "/complete",
				Map.of("result", "已更换灯泡，路灯恢复照明", "attachmentIds", List.of()), 200);
		c = post("hotline", "/api/v1/cases/" + id + "/evaluate", Map.of("rating", "SATISFIED", "comment", "回访：群众满意"),
				200);
		if (!"CLOSED".equals(c.path("status").asString())) {
			throw new IllegalStateException("case " + id + " ended " + c.path("status").asString());
		}
	}

	private JsonNode post(String user, String path, Object body, int expected) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
			.POST(body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
		if (user != null) {
			request.header("Authorization", "Bearer " + tokens.get(user));
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != expected) {
			throw new IllegalStateException(path + " → " + response.statusCode() + " " + response.body());
		}
		return json.readTree(response.body());
	}

	// ---- measuring ----

	interface Loop {
		void run(int i) throws Exception;
	}

	/** CPU per loop of the last measurement, in ms: this JVM, and the PostgreSQL server's processes. */
	private double jvmCpuPerLoop;
	private double serverCpuPerLoop;

	/**
	 * Loops per second with {@code threads} clients sharing {@code loops} loops; also sets the CPU per loop
	 * (this JVM's process CPU time, and the CPU ticks of every PostgreSQL server process on the machine).
	 */
	private double measure(int threads, int loops, Loop loop) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicLong next = new AtomicLong();
		var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean();
		long jvm0 = os.getProcessCpuTime();
		long server0 = serverTicks();
		long start = System.nanoTime();
		List<Future<Object>> done = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			done.add(pool.submit((Callable<Object>) () -> {
				for (long i; (i = next.getAndIncrement()) < loops;) {
					loop.run(serial.incrementAndGet());
				}
				return null;
			}));
		}
		for (Future<Object> f : done) {
			f.get();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		jvmCpuPerLoop = (os.getProcessCpuTime() - jvm0) / 1e6 / loops;
		serverCpuPerLoop = (serverTicks() - server0) * 10.0 / loops; // USER_HZ = 100: a tick is 10 ms
		pool.shutdown();
		return loops / seconds;
	}

	/** User + system CPU ticks of all processes named postgres (Linux /proc; 0 elsewhere). */
	private static long serverTicks() {
		long ticks = 0;
		try (var dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path dir : dirs) {
				try {
					String stat = Files.readString(dir.resolve("stat"));
					int close = stat.lastIndexOf(')');
					if (!stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) {
						continue;
					}
					String[] f = stat.substring(close + 2).split(" ");
					ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
				}
				catch (java.io.IOException | RuntimeException gone) {
					// the process ended while being read
				}
			}
		}
		catch (java.io.IOException e) {
			return 0;
		}
		return ticks;
	}

	private static String load() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + ", " + parts[1] + ", " + parts[2];
		}
		catch (Exception e) {
			return "?";
		}
	}

	private void run() throws Exception {
		// A history first (LOOP_HISTORY loops of each build, untimed, then ANALYZE of both databases): on a
		// database of a few hundred cases both builds' statements plan sequential scans of their small tables,
		// and those plans get dearer the longer the run; a database that already holds thousands of cases and
		// processes is past that, as a district's is.
		int history = Integer.parseInt(System.getenv().getOrDefault("LOOP_HISTORY", "0"));
		if (history > 0) {
			System.out.printf("history (%d loops each, untimed) …%n", history);
			measure(4, history, this::ourLoop);
			measure(4, history, this::flowableLoop);
			checkFlowable();
			measure(4, history, this::httpLoop);
			context.getBean(JdbcClient.class).sql("analyze").update();
			try (var c = flowableData.getConnection(); var st = c.createStatement()) {
				st.execute("analyze");
			}
		}
		// As many warm-up loops as a measurement has (at least 100), so that the JIT compiler has finished with
		// the code paths before the first measurement, the one-client row, counts its CPU.
		int warmUp = Math.max(100, loops);
		System.out.printf("warm-up (%d loops each) …%n", warmUp);
		measure(2, warmUp, this::ourLoop);
		measure(2, warmUp, this::flowableLoop);
		checkFlowable();
		measure(2, warmUp, this::httpLoop);

		System.out.printf("%n%d loops per measurement, %d rounds; each row: ours | flowable | http (loops/s)%n%n", loops,
				rounds);
		System.out.println("| clients | round | ours (service layer) | Flowable 7.2 | ours over HTTP | ours ÷ Flowable | HTTP ÷ Flowable | load before | CPU ms per loop, JVM + PostgreSQL: ours / Flowable / HTTP |");
		System.out.println("|---:|---:|---:|---:|---:|---:|---:|---|---|");
		for (int threads : threadCounts) {
			double[] o = new double[rounds];
			double[] f = new double[rounds];
			double[] h = new double[rounds];
			for (int r = 0; r < rounds; r++) {
				String load = load();
				o[r] = measure(threads, loops, this::ourLoop);
				String cpu = cpu();
				f[r] = measure(threads, loops, this::flowableLoop);
				cpu += " / " + cpu();
				checkFlowable();
				h[r] = measure(threads, loops, this::httpLoop);
				cpu += " / " + cpu();
				System.out.printf("| %d | %d | %.1f | %.1f | %.1f | %.2f | %.2f | %s | %s |%n", threads, r + 1, o[r], f[r], h[r],
						o[r] / f[r], h[r] / f[r], load, cpu);
			}
			double mo = median(o), mf = median(f), mh = median(h);
			System.out.printf("| %d | median | **%.1f** | **%.1f** | **%.1f** | **%.2f** | **%.2f** | %s | |%n", threads, mo,
					mf, mh, mo / mf, mh / mf, load());
		}
	}

	private String cpu() {
		return String.format("%.1f + %.1f", jvmCpuPerLoop, serverCpuPerLoop);
	}

	private static double median(double[] values) {
		double[] v = values.clone();
		Arrays.sort(v);
		return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
	}
}
