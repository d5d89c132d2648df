package org.sudi.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.support.TransactionTemplate;
import org.sudi.Api;
import org.sudi.ApiTestSupport;
import org.sudi.QueryCounter;
import org.sudi.casework.application.CaseService;
import org.sudi.casework.domain.Case;
import org.sudi.casework.domain.Cases;
import org.sudi.directory.Actor;
import org.sudi.directory.Role;

import tools.jackson.databind.JsonNode;

/** Error shapes, sign-in, concurrency and query counts of the case API. */
class ApiContractTests extends ApiTestSupport {

	@Autowired
	CaseService caseService;

	@Autowired
	Cases cases;

	@Autowired
	TransactionTemplate tx;

	@Test
	@DisplayName("sign-in: a token for the right password, 401 for a wrong one or none")
	void signIn() {
		Api.Response bad = api.send("POST", "/api/v1/auth/token", null, Map.of("username", "dispatcher", "password", "x"));
		assertThat(bad.status()).isEqualTo(401);
		Api.Response unknown = api.send("POST", "/api/v1/auth/token", null, Map.of("username", "nobody", "password", "x"));
		assertThat(unknown.status()).isEqualTo(401);
		Api.Response good = api.send("POST", "/api/v1/auth/token", null,
				Map.of("username", "dispatcher", "password", Api.PASSWORD));
		assertThat(good.status()).isEqualTo(200);
		assertThat(good.text("token_type")).isEqualTo("Bearer");
		assertThat(good.body().path("expires_in").asLong()).isPositive();
		assertThat(api.send("GET", "/api/v1/cases", null, null).status()).isEqualTo(401);
		assertThat(api.send("GET", "/api/v1/cases", "not-a-token", null).status()).isEqualTo(401);

		JsonNode me = ok(as("town-tanshan").get("/api/v1/me")).body();
		assertThat(me.path("roles").get(0).asString()).isEqualTo("TOWN_OPERATOR");
		assertThat(me.path("org").path("code").asString()).isEqualTo("tanshan");
		assertThat(me.path("org").path("kind").asString()).isEqualTo("TOWN");
	}

	@Test
	@DisplayName("bad input is a 400 problem naming every offending field; broken JSON is a clean 400")
	void invalidInput() {
		Api.Response r = as("hotline").post("/api/v1/cases", Map.of("type", "LIVELIHOOD", "title", "",
				"location", Map.of("lat", 123.0)));
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.header("Content-Type")).startsWith("application/problem+json");
		assertThat(r.body().path("errors").valueStream().map(e -> e.path("field").asString()))
			.contains("title", "description", "location.lat", "location.pointComplete");

		Api.Response broken = as("hotline").post("/api/v1/cases", "{\"type\": \"LIVELIHOOD\", ");
		assertThat(broken.status()).isEqualTo(400);
		Api.Response wrongEnum = as("hotline").post("/api/v1/cases", Map.of("type", "PARTY", "title", "t",
				"description", "d"));
		assertThat(wrongEnum.status()).isEqualTo(400);
		assertThat(as("hotline").get("/api/v1/cases/not-a-uuid").status()).isEqualTo(400);
		assertThat(as("hotline").get("/api/v1/cases/" + UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(as("hotline").post("/api/v1/cases", Map.of("type", "LIVELIHOOD", "title", "t", "description", "d",
				"townId", org("tanshan"), "categoryCode", "no-such-category")).status()).isEqualTo(400);
	}

	@Test
	@DisplayName("an illegal transition is a 409 problem naming the current status")
	void illegalTransition() {
		String id = livelihood("hotline", "tanshan", "路面塌陷").path("id").asString();
		Api.Response r = as("dispatcher").post("/api/v1/cases/" + id + "/evaluate", Map.of("rating", "SATISFIED"));
		assertThat(r.status()).isEqualTo(409);
		assertThat(r.text("currentStatus")).isEqualTo("TOWN_REVIEW");
		assertThat(r.text("detail")).contains("TOWN_REVIEW");
	}

	@Test
	@DisplayName("two stale copies of one case: the second save fails instead of silently winning")
	void optimisticLocking() {
		String id = livelihood("hotline", "tanshan", "广告牌松动").path("id").asString();
		Actor town = new Actor("town-tanshan", "坛山", org("tanshan"), java.util.Set.of(Role.TOWN_OPERATOR));
		Case first = cases.find(UUID.fromString(id)).orElseThrow();
		Case second = cases.find(UUID.fromString(id)).orElseThrow();
		first.escalate(town, "超出职权", java.time.Instant.now());
		second.reject(town, "不属实", java.time.Instant.now());
		tx.executeWithoutResult(s -> cases.save(first));
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> tx.executeWithoutResult(s -> cases.save(second)))
			.isInstanceOf(OptimisticLockingFailureException.class);
		assertThat(ok(as("dispatcher").get("/api/v1/cases/" + id)).body().path("status").asString())
			.isEqualTo("DISTRICT_TRIAGE");
	}

	@Test
	@DisplayName("concurrent requests on one case: the same sign twice wins once; signs of two tasks both succeed")
	void concurrentRequests() throws Exception {
		for (int i = 0; i < 5; i++) {
			JsonNode c = submit("hotline", Map.of("type", "DEVELOPMENT", "title", "用电报装", "description", "新厂用电报装慢"));
			String id = c.path("id").asString();
			c = dispatch(id, "zhujian", List.of("shenpi"), null);
			String lead = taskOf(c, "zhujian");
			String assist = taskOf(c, "shenpi");

			List<Integer> same = inParallel(() -> as("dept-zhujian").post("/api/v1/tasks/" + lead + "/sign", null).status(),
					() -> as("dept-zhujian").post("/api/v1/tasks/" + lead + "/sign", null).status());
			assertThat(same).containsExactlyInAnyOrder(200, 409);

			List<Integer> both = inParallel(
					() -> as("dept-zhujian").post("/api/v1/tasks/" + lead + "/arrive", null).status(),
					() -> as("dept-shenpi").post("/api/v1/tasks/" + assist + "/sign", null).status());
			assertThat(both).containsExactly(200, 200);
			JsonNode after = ok(as("dispatcher").get("/api/v1/cases/" + id)).body();
			assertThat(taskStatus(after, lead)).isEqualTo("ARRIVED");
			assertThat(taskStatus(after, assist)).isEqualTo("SIGNED");
			assertThat(actions(id)).filteredOn(a -> a.equals("SIGN")).hasSize(2);
		}
	}

	@Test
	@DisplayName("loading a case with its tasks and timeline takes the same few queries for 1 task or 12")
	void noNPlusOne() {
		Actor dispatcher = new Actor("dispatcher", "调度", org("center"), java.util.Set.of(Role.DISPATCHER));
		String small = submit("hotline", Map.of("type", "DEVELOPMENT", "title", "a", "description", "b")).path("id").asString();
		dispatch(small, "zhujian", List.of(), null);
		String large = submit("hotline", Map.of("type", "DEVELOPMENT", "title", "a", "description", "b")).path("id").asString();
		dispatch(large, "zhujian", List.of("zhifa", "ziran", "huanbao", "shichang", "jiaotong", "shuiwu", "shenpi",
				"renshe", "jiaoti", "weijian", "minzheng"), null);

		int[] smallQueries = queriesToLoad(dispatcher, small);
		int[] largeQueries = queriesToLoad(dispatcher, large);
		assertThat(largeQueries).as("queries for the case, then for its timeline").containsExactly(smallQueries);
		assertThat(largeQueries[0]).as("the case with its tasks in one statement (a first round has no evaluations)")
			.isEqualTo(1);
		assertThat(largeQueries[1]).as("visibility check + timeline").isLessThanOrEqualTo(4);
		assertThat(caseService.get(dispatcher, UUID.fromString(large)).tasks()).hasSize(12)
			.extracting(t -> t.seq()).isSorted();
		assertThat(caseService.get(dispatcher, UUID.fromString(large)).tasks().get(0).orgId()).isEqualTo(org("zhujian"));
	}

	/** The statements needed to load the case, and then its timeline. */
	private int[] queriesToLoad(Actor actor, String id) {
		QueryCounter.reset();
		caseService.get(actor, UUID.fromString(id));
		int caseQueries = QueryCounter.count();
		QueryCounter.reset();
		caseService.timeline(actor, UUID.fromString(id));
		return new int[] { caseQueries, QueryCounter.count() };
	}

	@SafeVarargs
	private static List<Integer> inParallel(Callable<Integer>... calls) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(calls.length);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> futures = new ArrayList<>();
			for (Callable<Integer> call : calls) {
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<Integer> results = new ArrayList<>();
			for (Future<Integer> f : futures) {
				results.add(f.get());
			}
			return results;
		}
		finally {
			pool.shutdown();
		}
	}
}
