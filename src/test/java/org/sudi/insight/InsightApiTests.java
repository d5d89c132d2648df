package org.sudi.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.sudi.ApiTestSupport;
import org.sudi.insight.internal.FeedItem;
import org.sudi.insight.internal.LiveFeed;

import tools.jackson.databind.JsonNode;

/** The screen's data, the public figures, leader watch and instructions over HTTP. */
class InsightApiTests extends ApiTestSupport {

	private List<String> inboxKinds(String username, String caseId) {
		return ok(as(username).get("/api/v1/inbox?size=100")).body().path("items").valueStream()
			.filter(n -> caseId.equals(n.path("caseId").asString()))
			.map(n -> n.path("kind").asString())
			.toList();
	}

	@Test
	@DisplayName("a new case moves today's and this month's counters, the town's tile and the open count")
	void screenCounts() {
		JsonNode before = ok(as("dispatcher").get("/api/v1/screen/data")).body();
		String id = livelihood("citizen", "wulin", "路灯不亮").path("id").asString();
		JsonNode after = ok(as("dispatcher").get("/api/v1/screen/data")).body();
		assertThat(after.path("today").path("submitted").asLong())
			.isEqualTo(before.path("today").path("submitted").asLong() + 1);
		assertThat(after.path("month").path("byType").path("LIVELIHOOD").asLong())
			.isEqualTo(before.path("month").path("byType").path("LIVELIHOOD").asLong() + 1);
		assertThat(after.path("open").path("inReview").asLong()).isEqualTo(before.path("open").path("inReview").asLong() + 1);
		assertThat(town(after, org("wulin")).path("submittedThisMonth").asLong())
			.isEqualTo(town(before, org("wulin")).path("submittedThisMonth").asLong() + 1);
		assertThat(after.path("trend")).hasSize(30);
		// Rejected by the town: closed today, no longer open.
		ok(as("town-wulin").post("/api/v1/cases/" + id + "/reject", Map.of("reason", "不属于受理范围")));
		JsonNode closed = ok(as("dispatcher").get("/api/v1/screen/data")).body();
		assertThat(closed.path("today").path("closed").asLong()).isEqualTo(after.path("today").path("closed").asLong() + 1);
		assertThat(closed.path("open").path("total").asLong()).isEqualTo(before.path("open").path("total").asLong());
		// Only the command centre, leaders, inspectors and administrators see the screen.
		assertThat(as("citizen").get("/api/v1/screen/data").status()).isEqualTo(403);
		assertThat(as("dept-zhifa").get("/api/v1/screen/data").status()).isEqualTo(403);
	}

	@Autowired
	JdbcClient jdbc;

	@Test
	@DisplayName("folding the counters' shards into the per-day rows changes no figure on the screen or the public page")
	void foldingShardsKeepsTheFigures() {
		String id = livelihood("hotline", "yinping", "路面塌陷").path("id").asString();
		ok(as("town-yinping").post("/api/v1/cases/" + id + "/reject", Map.of("reason", "已由供水公司处理")));
		livelihood("citizen", "yinping", "垃圾清运不及时");
		JsonNode before = ok(as("dispatcher").get("/api/v1/screen/data")).body();
		JsonNode publicBefore = api.send("GET", "/api/v1/public/summary", null, null).body();
		assertThat(jdbc.sql("select count(*) from ins_day_total_shard").query(Long.class).single()).isPositive();

		// Every day counts as finished here, so every shard row moves — also those of days other tests of a shared
		// database wrote with their clocks moved ahead.
		jdbc.sql("select ins_fold_rollup_shards('infinity'::date)").query().singleRow();

		assertThat(jdbc.sql("select (select count(*) from ins_day_total_shard) + (select count(*) from ins_day_town_shard)"
				+ " + (select count(*) from ins_day_category_shard)").query(Long.class).single()).isZero();
		JsonNode after = ok(as("dispatcher").get("/api/v1/screen/data")).body();
		for (String part : List.of("today", "month", "satisfaction", "open", "categories", "trend", "towns")) {
			assertThat(after.path(part)).as(part).isEqualTo(before.path(part));
		}
		JsonNode publicAfter = api.send("GET", "/api/v1/public/summary", null, null).body();
		assertThat(publicAfter).isEqualTo(publicBefore);
	}

	@Autowired
	LiveFeed liveFeed;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	@DisplayName("the live feed tells SSE clients of a new case, and of nothing a rolled-back transaction published")
	void liveFeedAfterCommitOnly() throws Exception {
		try (Feed feed = new Feed()) {
			List<String> lines = feed.lines;
			TransactionTemplate tx = new TransactionTemplate(transactions);
			tx.executeWithoutResult(status -> {
				liveFeed.publish(new FeedItem("TEST", "rolled-back", "R-1", "LIVELIHOOD", null, null, "rolled back", Instant.now()));
				status.setRollbackOnly();
			});
			String trackingNo = livelihood("hotline", "tanshan", "井盖缺失").path("trackingNo").asString();

			waitFor(() -> lines.stream().anyMatch(l -> l.contains(trackingNo)));
			assertThat(lines).noneMatch(l -> l.contains("rolled-back"));
			assertThat(lines.stream().filter(l -> l.contains(trackingNo)).findFirst().orElseThrow())
				.contains("\"kind\":\"SUBMITTED\"").doesNotContain("李四").doesNotContain("13812345678");
		}
	}

	@Test
	@DisplayName("through the loop: the feed tells of dispatch and closing; satisfaction, today's closed and the open count move")
	void loopOnTheScreen() throws Exception {
		try (Feed feed = new Feed()) {
			List<String> lines = feed.lines;
			JsonNode before = ok(as("dispatcher").get("/api/v1/screen/data")).body();
			String trackingNo = throughTheLoop("citizen", "tanshan", "zhujian", "路灯闪烁").path("trackingNo").asString();
			JsonNode after = ok(as("dispatcher").get("/api/v1/screen/data")).body();

			assertThat(after.path("satisfaction").path("satisfied").asLong())
				.isEqualTo(before.path("satisfaction").path("satisfied").asLong() + 1);
			assertThat(after.path("today").path("closed").asLong()).isEqualTo(before.path("today").path("closed").asLong() + 1);
			assertThat(after.path("open").path("total").asLong()).isEqualTo(before.path("open").path("total").asLong());
			waitFor(() -> lines.stream().anyMatch(l -> l.contains(trackingNo) && l.contains("\"kind\":\"CLOSED\"")));
			assertThat(lines).anyMatch(l -> l.contains(trackingNo) && l.contains("\"kind\":\"DISPATCHED\""));
		}
	}

	/** The screen's live feed as the leader's SSE client sees it, line by line, from "connected" on. */
	private final class Feed implements AutoCloseable {

		final List<String> lines = new CopyOnWriteArrayList<>();

		private final java.util.concurrent.CompletableFuture<Void> stream;

		Feed() throws InterruptedException {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/screen/feed"))
				.header("Authorization", "Bearer " + api.token("leader"))
				.header("Accept", "text/event-stream")
				.build();
			stream = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
				.thenAccept(response -> response.body().forEach(lines::add));
			waitFor(() -> lines.stream().anyMatch(l -> l.contains("connected")));
		}

		@Override
		public void close() {
			stream.cancel(true);
		}
	}

	private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long until = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited 15 s").isLessThan(until);
			Thread.sleep(50);
		}
	}

	private static JsonNode town(JsonNode data, long id) {
		return data.path("towns").valueStream().filter(t -> t.path("townId").asLong() == id).findFirst().orElseThrow();
	}

	@Test
	@DisplayName("the public figures need no sign-in and carry no personal data")
	void publicSummary() throws Exception {
		livelihood("citizen", "tanshan", "噪音扰民");
		var r = api.send("GET", "/api/v1/public/summary", null, null);
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.body().path("requests").asLong()).isPositive();
		assertThat(r.raw().body()).doesNotContain("李四").doesNotContain("138").doesNotContain("citizen");
		var page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
				java.net.URI.create("http://localhost:" + port + "/public")).header("Accept-Language", "zh-CN").build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("公开数据");
		// The exception is precise: other API paths still need a token.
		assertThat(api.send("GET", "/api/v1/screen/data", null, null).status()).isEqualTo(401);
	}

	@Test
	@DisplayName("a leader follows a town and a case, instructs: urgency raised, timeline entry, units and watchers told")
	void watchAndInstruct() {
		String id = livelihood("citizen", "gushao", "河道垃圾堆积").path("id").asString();
		ok(as("town-gushao").post("/api/v1/cases/" + id + "/escalate", Map.of("reason", "需水务局处理")));
		assertThat(as("dispatcher").post("/api/v1/watches", Map.of("kind", "TOWN", "target", String.valueOf(org("gushao"))))
			.status()).isEqualTo(403);
		assertThat(as("leader").post("/api/v1/watches", Map.of("kind", "TOWN", "target", String.valueOf(org("zhifa"))))
			.status()).isEqualTo(400);
		assertThat(as("leader").post("/api/v1/watches", Map.of("kind", "TOWN", "target", String.valueOf(org("gushao"))))
			.status()).isEqualTo(201);
		assertThat(ok(as("leader").get("/api/v1/watches/cases")).body().valueStream()
			.map(c -> c.path("caseId").asString())).contains(id);

		JsonNode c = dispatch(id, "shuiwu", List.of("zhifa"), null);
		assertThat(inboxKinds("leader", id)).contains("WATCH");
		JsonNode watched = ok(as("leader").get("/api/v1/watches/cases")).body().valueStream()
			.filter(x -> x.path("caseId").asString().equals(id)).findFirst().orElseThrow();
		assertThat(watched.path("status").asString()).isEqualTo("IN_PROGRESS");
		assertThat(watched.path("units").asString()).contains("区水务局");

		// Only leaders instruct; the instruction is on the timeline, the case is urgent, the units are told.
		assertThat(as("dispatcher").post("/api/v1/cases/" + id + "/instruct", Map.of("text", "尽快处理")).status())
			.isEqualTo(403);
		assertThat(as("leader").post("/api/v1/cases/" + id + "/instruct", Map.of("text", " ")).status()).isEqualTo(400);
		JsonNode instructed = ok(as("leader").post("/api/v1/cases/" + id + "/instruct",
				Map.of("text", "汛期将至，三日内清理完毕"))).body();
		assertThat(instructed.path("urgency").asString()).isEqualTo("URGENT");
		assertThat(actions(id)).contains("INSTRUCT");
		JsonNode timeline = ok(as("dept-shuiwu").get("/api/v1/cases/" + id + "/timeline")).body();
		assertThat(timeline.valueStream().filter(e -> e.path("action").asString().equals("INSTRUCT")).findFirst()
			.orElseThrow().path("note").asString()).contains("汛期将至");
		assertThat(inboxKinds("dept-shuiwu", id)).contains("INSTRUCTION");
		assertThat(inboxKinds("dept-zhifa", id)).contains("INSTRUCTION");
		assertThat(ok(as("dispatcher").get("/api/v1/cases/" + id)).body().path("urgency").asString()).isEqualTo("URGENT");
		// The leader who wrote it is not alerted about it; the case shows urgent on the watch page.
		assertThat(ok(as("leader").get("/api/v1/watches/cases")).body().valueStream()
			.filter(x -> x.path("caseId").asString().equals(id)).findFirst().orElseThrow()
			.path("urgency").asString()).isEqualTo("URGENT");
		long watchId = ok(as("leader").get("/api/v1/watches")).body().get(0).path("id").asLong();
		assertThat(as("leader").delete("/api/v1/watches/" + watchId).status()).isEqualTo(204);
		assertThat(c.path("id").asString()).isEqualTo(id);
	}
}
