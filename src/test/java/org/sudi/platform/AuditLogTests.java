package org.sudi.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sudi.Api;
import org.sudi.ApiTestSupport;
import org.sudi.console.WebSession;

import tools.jackson.databind.JsonNode;

/**
 * The audit log (ADR 0027) as its readers and an attacker with database access see it: what is
 * recorded, who may read it, that rows cannot be changed or removed, and that a change made anyway
 * (triggers switched off by a superuser) is found by the verification, naming the row.
 */
class AuditLogTests extends ApiTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	private JsonNode audit(String reader, String query) {
		return ok(as(reader).get("/api/v1/audit?size=200&" + query)).body();
	}

	private static boolean anyItem(JsonNode page, String kind, String subject) {
		return page.path("items").valueStream()
			.anyMatch(e -> e.path("kind").asString().equals(kind) && e.path("subject").asString().contains(subject));
	}

	@Test
	@DisplayName("sign-ins and their failures (API), configuration changes and exports are recorded, with actor and source")
	void recordsWhatHappened() {
		String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
		Api.Response failed = api.send("POST", "/api/v1/auth/token", null, Map.of("username", nobody, "password", "x"));
		assertThat(failed.status()).isEqualTo(401);
		JsonNode failures = audit("discipline", "kind=SIGN_IN_FAILED&q=" + nobody);
		assertThat(failures.path("items").get(0).path("actor").asString()).isEqualTo(nobody);
		assertThat(failures.path("items").get(0).path("detail").asString()).startsWith("api: wrong username or password");
		assertThat(failures.path("items").get(0).path("sourceAddress").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");

		Api.Response signIn = api.send("POST", "/api/v1/auth/token", null, Map.of("username", "leader", "password", Api.PASSWORD));
		assertThat(signIn.status()).isEqualTo(200);
		assertThat(anyItem(audit("admin", "kind=SIGN_IN&actorName=leader"), "SIGN_IN", "leader")).isTrue();

		ok(as("admin").put("/api/v1/calendar/days/2031-05-06", Map.of("kind", "HOLIDAY", "name", "审计测试")));
		assertThat(anyItem(audit("admin", "kind=CONFIGURATION_CHANGED&actorName=admin"), "CONFIGURATION_CHANGED",
				"calendar_day:2031-05-06")).isTrue();
		assertThat(as("admin").delete("/api/v1/calendar/days/2031-05-06").status()).isEqualTo(204);

		String month = YearMonth.now().minusMonths(1).toString();
		var export = as("leader").download("/api/v1/assessment/months/" + month + "/export");
		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(anyItem(audit("discipline", "kind=EXPORT&actorName=leader"), "EXPORT", "assessment:" + month)).isTrue();
	}

	@Test
	@DisplayName("a console sign-in and sign-out and account administration are recorded too")
	void consoleAndAdministration() {
		WebSession dispatcher = WebSession.signIn(port, "dispatcher");
		JsonNode signIns = audit("admin", "kind=SIGN_IN&actorName=dispatcher");
		assertThat(signIns.path("items").valueStream().anyMatch(e -> e.path("detail").asString().equals("console"))).isTrue();
		long signOuts = audit("admin", "kind=SIGN_OUT&actorName=dispatcher").path("total").asLong();
		assertThat(dispatcher.post("/logout", Map.of()).location()).endsWith("/login?logout");
		assertThat(audit("admin", "kind=SIGN_OUT&actorName=dispatcher").path("total").asLong()).isEqualTo(signOuts + 1);

		WebSession admin = WebSession.signIn(port, "admin");
		String name = "audit-" + UUID.randomUUID().toString().substring(0, 6);
		WebSession.Page created = admin.post("/console/admin/accounts", Map.of("username", name, "displayName", "审计",
				"orgId", Long.toString(org("center")), "roles", "HOTLINE", "password", "Audit-Pass-2031!"));
		assertThat(created.status()).as(created.body()).isEqualTo(302);
		assertThat(anyItem(audit("admin", "kind=ACCOUNT_CREATED&actorName=admin"), "ACCOUNT_CREATED", name)).isTrue();
		long id = jdbc.sql("select id from account where username = ?").param(name).query(Long.class).single();
		admin.post("/console/admin/accounts/" + id + "/roles", Map.of("roles", "DISPATCHER"));
		JsonNode roles = audit("discipline", "kind=ROLE_CHANGED&q=" + name);
		assertThat(roles.path("items").get(0).path("detail").asString()).isEqualTo("[HOTLINE] → [DISPATCHER]");
	}

	@Test
	@DisplayName("only ADMIN and DISCIPLINE read the audit log: every other role gets 403 in the API and the console")
	void readers() {
		assertThat(as("admin").get("/api/v1/audit").status()).isEqualTo(200);
		assertThat(as("discipline").get("/api/v1/audit").status()).isEqualTo(200);
		assertThat(as("discipline").get("/api/v1/audit/verification").status()).isEqualTo(200);
		for (String user : List.of("dispatcher", "hotline", "leader", "town-tanshan", "village-tanshan-01", "dept-zhifa",
				"grid-tanshan-01", "citizen", "enterprise")) {
			assertThat(as(user).get("/api/v1/audit").status()).as(user).isEqualTo(403);
			assertThat(as(user).get("/api/v1/audit/verification").status()).as(user).isEqualTo(403);
		}
		assertThat(api.send("GET", "/api/v1/audit", null, null).status()).isEqualTo(401);
		for (String user : List.of("dispatcher", "leader", "dept-zhifa", "town-tanshan")) {
			assertThat(WebSession.signIn(port, user).get("/console/audit").status()).as(user).isEqualTo(403);
		}
		WebSession.Page page = WebSession.signIn(port, "discipline").get("/console/audit?kind=SIGN_IN");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"audit\"").contains("SIGN_IN");
		assertThat(WebSession.signIn(port, "discipline").get("/console/audit?verify=true").body())
			.contains("id=\"audit-verification\"").contains("class=\"notice\"");
	}

	@Test
	@DisplayName("the database refuses UPDATE, DELETE of recent rows and TRUNCATE of the audit log")
	void appendOnly() {
		long last = jdbc.sql("select max(id) from audit_log").query(Long.class).single();
		assertThatThrownBy(() -> jdbc.sql("update audit_log set detail = 'edited' where id = ?").param(last).update())
			.rootCause().hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("delete from audit_log where id = ?").param(last).update())
			.rootCause().hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("truncate audit_log").update()).rootCause().hasMessageContaining("append-only");
		assertThat(jdbc.sql("select count(*) from audit_log where id = ?").param(last).query(Long.class).single()).isOne();
	}

	@Test
	@DisplayName("a row changed behind the triggers' back is found by the verification (API and bin/audit-verify), naming it")
	void tamperingIsDetected() throws Exception {
		as("dispatcher").get("/api/v1/me");
		api.send("POST", "/api/v1/auth/token", null, Map.of("username", "tamper-check", "password", "x"));
		assertThat(ok(as("admin").get("/api/v1/audit/verification")).body().path("ok").asBoolean()).isTrue();
		long victim = jdbc.sql("select max(id) from audit_log where kind = 'SIGN_IN_FAILED' and actor = 'tamper-check'")
			.query(Long.class).single();
		String original = jdbc.sql("select detail from audit_log where id = ?").param(victim).query(String.class).single();
		// The embedded server's user is a superuser: it can switch the trigger off, as an attacker with full access could.
		tamper(victim, "api: signed in fine");
		try {
			JsonNode v = ok(as("discipline").get("/api/v1/audit/verification")).body();
			assertThat(v.path("ok").asBoolean()).isFalse();
			assertThat(v.path("firstBrokenId").asLong()).isEqualTo(victim);
			assertThat(v.path("problem").asString()).contains("row " + victim).contains("changed");
			assertThat(verifyCommand()).as("bin/audit-verify's exit status").isEqualTo(1);
		}
		finally {
			tamper(victim, original);
		}
		assertThat(ok(as("admin").get("/api/v1/audit/verification")).body().path("ok").asBoolean()).isTrue();
		assertThat(verifyCommand()).as("bin/audit-verify's exit status").isZero();
	}

	private int verifyCommand() throws Exception {
		try (var connection = dataSource.getConnection()) {
			var meta = connection.getMetaData();
			return org.sudi.platform.internal.AuditVerifyCommandAccess.run(meta.getURL(), meta.getUserName());
		}
	}

	private void tamper(long id, String detail) {
		jdbc.sql("alter table audit_log disable trigger audit_log_append_only").update();
		try {
			jdbc.sql("update audit_log set detail = ? where id = ?").params(detail, id).update();
		}
		finally {
			jdbc.sql("alter table audit_log enable trigger audit_log_append_only").update();
		}
	}
}
