package org.sudi.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.sudi.Api;
import org.sudi.ApiTestSupport;
import org.sudi.DemoTotp;
import org.sudi.MutableClock;
import org.sudi.console.WebSession;
import org.sudi.directory.internal.AccountAdministration;
import org.sudi.platform.InvalidInputException;

import tools.jackson.databind.JsonNode;

/**
 * The identity controls for staff accounts (ADR 0026) with everything on as in production: password
 * rules, history and age (90 days on the platform's clock), lockout with back-off per account and
 * per source address, TOTP required for ADMIN and optional for others (codes good once), and the
 * limit on concurrent console sessions.
 */
@Import(MutableClock.Config.class)
@TestPropertySource(properties = { "sudi.security.password.max-age=90d", "sudi.security.totp.reject-reuse=true",
		"sudi.security.lockout.address-max-failures=30" })
class IdentityTests extends ApiTestSupport {

	private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<");
	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	MutableClock clock;

	@Autowired
	AccountAdministration administration;

	@Autowired
	JdbcClient jdbc;

	private Instant start;

	@BeforeEach
	void remember() {
		start = clock.instant();
		// On an external test database other contexts' failures from 127.0.0.1 share the address's row.
		jdbc.sql("delete from sign_in_throttle").update();
	}

	@AfterEach
	void restore() {
		clock.set(start);
		jdbc.sql("delete from sign_in_throttle").update();
		Api.forgetTokens();
	}

	private Actor admin() {
		return new Actor("admin", "系统管理员", org("yicheng"), Set.of(Role.ADMIN));
	}

	/** A fresh account whose owner chose the password {@code sudi-demo} just now (platform clock). */
	private String account(Role role) {
		String name = "id-" + UUID.randomUUID().toString().substring(0, 8);
		administration.createAccount(admin(), name, "测试", org("center"), Set.of(role), "Admin-Set-2031!");
		jdbc.sql("update account set password_must_change = false, password_changed_at = ?, "
				+ "password_hash = (select password_hash from account where username = 'dispatcher') where username = ?")
			.params(java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC), name).update();
		return name;
	}

	private Api.Response token(String username, String password, String totp, String newPassword) {
		Map<String, Object> body = new HashMap<>();
		body.put("username", username);
		body.put("password", password);
		if (totp != null) {
			body.put("totp", totp);
		}
		if (newPassword != null) {
			body.put("newPassword", newPassword);
		}
		return api.send("POST", "/api/v1/auth/token", null, body);
	}

	private static String code(JsonNode problem) {
		return problem.path("code").asString();
	}

	@Test
	@DisplayName("password rules: length, character classes, not the username; an admin-set password is changed at first sign-in, not to a recent one")
	void passwordRules() {
		assertThatThrownBy(() -> administration.createAccount(admin(), "pw-short", "测试", org("center"),
				Set.of(Role.HOTLINE), "Short-1")).isInstanceOf(InvalidInputException.class)
			.satisfies(e -> assertThat(((InvalidInputException) e).fields().get("password")).contains("at least 12"));
		assertThatThrownBy(() -> administration.createAccount(admin(), "pw-classes", "测试", org("center"),
				Set.of(Role.HOTLINE), "onlylowercaseletters")).isInstanceOf(InvalidInputException.class)
			.satisfies(e -> assertThat(((InvalidInputException) e).fields().get("password")).contains("mix at least 3"));
		assertThatThrownBy(() -> administration.createAccount(admin(), "pw-named", "测试", org("center"),
				Set.of(Role.HOTLINE), "Pw-Named-2031-x")).isInstanceOf(InvalidInputException.class)
			.satisfies(e -> assertThat(((InvalidInputException) e).fields().get("password")).contains("username"));

		String name = "pw-" + UUID.randomUUID().toString().substring(0, 6);
		administration.createAccount(admin(), name, "测试", org("center"), Set.of(Role.HOTLINE), "First-Pass-2031");
		Api.Response first = token(name, "First-Pass-2031", null, null);
		assertThat(first.status()).isEqualTo(403);
		assertThat(code(first.body())).isEqualTo("PASSWORD_EXPIRED");
		Api.Response same = token(name, "First-Pass-2031", null, "First-Pass-2031");
		assertThat(same.status()).isEqualTo(400);
		assertThat(same.raw().body()).contains("must differ from the current password");
		assertThat(token(name, "First-Pass-2031", null, "Second-Pass-2031").status()).isEqualTo(200);
		assertThat(token(name, "Second-Pass-2031", null, null).status()).as("the new password works").isEqualTo(200);

		WebSession owner = WebSession.signIn(port, name, "Second-Pass-2031");
		WebSession.Page back = owner.post("/console/account/password", Map.of("currentPassword", "Second-Pass-2031",
				"newPassword", "First-Pass-2031", "repeat", "First-Pass-2031"));
		assertThat(back.status()).isEqualTo(422);
		assertThat(back.body()).contains("must differ from the last 5 passwords");
		assertThat(owner.post("/console/account/password", Map.of("currentPassword", "Second-Pass-2031",
				"newPassword", "Third-Pass-2031", "repeat", "Third-Pass-2031")).status()).isEqualTo(302);
		assertThat(token(name, "Third-Pass-2031", null, null).status()).isEqualTo(200);
	}

	@Test
	@DisplayName("expiry: 90 days after it was set (platform clock) a password must be changed: the API says so, the console asks for it")
	void expiry() {
		String name = account(Role.HOTLINE);
		assertThat(token(name, Api.PASSWORD, null, null).status()).isEqualTo(200);
		clock.advance(Duration.ofDays(91));
		Api.Response expired = token(name, Api.PASSWORD, null, null);
		assertThat(expired.status()).isEqualTo(403);
		assertThat(code(expired.body())).isEqualTo("PASSWORD_EXPIRED");
		assertThat(expired.body().path("detail").asString()).contains("newPassword");

		WebSession web = new WebSession(port);
		WebSession.Page r = web.signInForm(name, Api.PASSWORD);
		assertThat(r.location()).endsWith("/console");
		assertThat(web.get("/console").location()).endsWith("/console/sign-in/password");
		assertThat(web.get("/console/cases").location()).as("every page leads to the step").endsWith("/console/sign-in/password");
		web.refreshCsrf("/console/sign-in/password");
		WebSession.Page weak = web.post("/console/sign-in/password", Map.of("newPassword", "weak", "repeat", "weak"));
		assertThat(weak.status()).isEqualTo(422);
		WebSession.Page done = web.post("/console/sign-in/password",
				Map.of("newPassword", "Fresh-Pass-2031", "repeat", "Fresh-Pass-2031"));
		assertThat(done.location()).endsWith("/console");
		assertThat(web.get("/console/cases").status()).isEqualTo(200);
		assertThat(token(name, "Fresh-Pass-2031", null, null).status()).isEqualTo(200);
	}

	@Test
	@DisplayName("lockout: the 5th failure locks the account for 1 minute, the next failure after it for 2 (right password refused meanwhile)")
	void lockoutWithBackOff() {
		String name = account(Role.HOTLINE);
		for (int i = 1; i <= 4; i++) {
			assertThat(token(name, "wrong-" + i, null, null).status()).isEqualTo(401);
		}
		Api.Response fifth = token(name, "wrong-5", null, null);
		assertThat(fifth.status()).isEqualTo(429);
		assertThat(code(fifth.body())).isEqualTo("SIGN_IN_LOCKED");
		assertThat(Long.parseLong(fifth.header("Retry-After"))).isBetween(55L, 60L);
		assertThat(token(name, Api.PASSWORD, null, null).status()).as("right password while locked").isEqualTo(429);

		WebSession web = new WebSession(port);
		WebSession.Page form = web.signInForm(name, Api.PASSWORD);
		assertThat(form.location()).endsWith("/login?error");
		assertThat(web.get("/login?error").body()).contains("id=\"login-locked\"");

		clock.advance(Duration.ofSeconds(61));
		Api.Response sixth = token(name, "wrong-6", null, null);
		assertThat(sixth.status()).isEqualTo(429);
		assertThat(Long.parseLong(sixth.header("Retry-After"))).as("doubled").isBetween(115L, 120L);
		clock.advance(Duration.ofSeconds(121));
		assertThat(token(name, Api.PASSWORD, null, null).status()).isEqualTo(200);
		assertThat(token(name, "wrong-again", null, null).status()).as("a success starts the count afresh").isEqualTo(401);

		JsonNode locks = ok(as("discipline").get("/api/v1/audit?kind=ACCOUNT_LOCKED&q=" + name)).body();
		assertThat(locks.path("total").asLong()).isEqualTo(2);
	}

	@Test
	@DisplayName("lockout per source address: 30 failures on any account names lock that address, even for a right password")
	void lockoutPerAddress() {
		String name = account(Role.HOTLINE);
		for (int i = 1; i <= 29; i++) {
			assertThat(token("guess-" + i, "wrong", null, null).status()).isEqualTo(401);
		}
		assertThat(token("guess-30", "wrong", null, null).status()).isEqualTo(429);
		Api.Response r = token(name, Api.PASSWORD, null, null);
		assertThat(r.status()).isEqualTo(429);
		clock.advance(Duration.ofSeconds(61));
		assertThat(token(name, Api.PASSWORD, null, null).status()).isEqualTo(200);
	}

	@Test
	@DisplayName("8 failures at once on another thread each still lock exactly once: counts live in the database under row locks")
	void concurrentFailures() throws Exception {
		String name = account(Role.HOTLINE);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Integer>> calls = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				calls.add(() -> token(name, "wrong", null, null).status());
			}
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> f : pool.invokeAll(calls)) {
				statuses.add(f.get());
			}
			assertThat(statuses).containsOnly(401, 429);
			assertThat(statuses.stream().filter(s -> s == 401).count()).isEqualTo(4);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(jdbc.sql("select failures from sign_in_throttle where key = ?").param("account:" + name)
			.query(Integer.class).single()).isEqualTo(5);
	}

	@Test
	@DisplayName("TOTP is required for ADMIN: enrolment at the first console sign-in, then the code on every sign-in; a code is good once")
	void totpRequiredForAdmin() {
		String name = account(Role.ADMIN);
		Api.Response api = token(name, Api.PASSWORD, null, null);
		assertThat(api.status()).isEqualTo(403);
		assertThat(code(api.body())).isEqualTo("TOTP_ENROLMENT_REQUIRED");

		WebSession web = new WebSession(port);
		web.signInForm(name, Api.PASSWORD);
		assertThat(web.get("/console").location()).endsWith("/console/sign-in/enrol");
		assertThat(web.get("/console/admin/accounts").location()).endsWith("/console/sign-in/enrol");
		WebSession.Page enrol = web.get("/console/sign-in/enrol");
		Matcher m = SECRET.matcher(enrol.body());
		assertThat(m.find()).isTrue();
		String secret = m.group(1);
		assertThat(enrol.body()).contains("otpauth://totp/").contains("secret=" + secret);
		assertThat(web.get("/console/sign-in/enrol/qr.png").status()).isEqualTo(200);
		web.refreshCsrf("/console/sign-in/enrol");
		assertThat(web.post("/console/sign-in/enrol", Map.of("code", "000000".equals(DemoTotp.code(secret)) ? "111111" : "000000"))
			.status()).isEqualTo(422);
		long step = Math.floorDiv(System.currentTimeMillis() / 1000, 30);
		assertThat(web.post("/console/sign-in/enrol", Map.of("code", DemoTotp.code(secret, step))).location()).endsWith("/console");
		assertThat(web.get("/console/admin/accounts").status()).isEqualTo(200);

		Api.Response noCode = token(name, Api.PASSWORD, null, null);
		assertThat(noCode.status()).isEqualTo(401);
		assertThat(code(noCode.body())).isEqualTo("TOTP_REQUIRED");
		assertThat(token(name, Api.PASSWORD, DemoTotp.code(secret, step), null).status()).as("the used code again")
			.isEqualTo(401);
		assertThat(token(name, Api.PASSWORD, DemoTotp.code(secret, step + 1), null).status()).isEqualTo(200);

		WebSession again = new WebSession(port);
		again.signInForm(name, Api.PASSWORD);
		assertThat(again.get("/console/cases").location()).endsWith("/console/sign-in/totp");
		assertThat(again.get("/api/v1/me").status()).as("a half sign-in is not a sign-in anywhere").isIn(401, 403);

		WebSession.Page account = web.get("/console/account");
		assertThat(account.body()).contains("id=\"totp-state\"").doesNotContain("id=\"totp-remove\"");
	}

	@Test
	@DisplayName("TOTP is optional for other roles: the owner enrols on the account page, then signs in with the code, and can remove it")
	void totpOptionalForOthers() {
		String name = account(Role.DISPATCHER);
		WebSession web = WebSession.signIn(port, name, Api.PASSWORD);
		WebSession.Page page = web.get("/console/account");
		Matcher m = SECRET.matcher(page.body());
		assertThat(m.find()).isTrue();
		String secret = m.group(1);
		long step = Math.floorDiv(System.currentTimeMillis() / 1000, 30);
		assertThat(web.post("/console/account/totp", Map.of("code", DemoTotp.code(secret, step))).status()).isEqualTo(302);
		assertThat(web.get("/console/account").body()).contains("id=\"totp-remove\"");

		assertThat(code(token(name, Api.PASSWORD, null, null).body())).isEqualTo("TOTP_REQUIRED");
		WebSession second = new WebSession(port);
		second.signInForm(name, Api.PASSWORD);
		assertThat(second.get("/console").location()).endsWith("/console/sign-in/totp");
		second.refreshCsrf("/console/sign-in/totp");
		assertThat(second.post("/console/sign-in/totp", Map.of("code", DemoTotp.code(secret, step + 1))).location())
			.endsWith("/console");
		assertThat(second.get("/console/cases").status()).isEqualTo(200);

		second.refreshCsrf("/console/account");
		assertThat(second.post("/console/account/totp/remove", Map.of()).status()).isEqualTo(302);
		assertThat(token(name, Api.PASSWORD, null, null).status()).isEqualTo(200);
		JsonNode changes = ok(as("discipline").get("/api/v1/audit?kind=SECOND_FACTOR_CHANGED&q=" + name)).body();
		assertThat(changes.path("total").asLong()).isEqualTo(2);
	}

	@Test
	@DisplayName("at most 2 console sessions per account: a 3rd sign-in ends the oldest")
	void concurrentSessions() {
		String name = account(Role.HOTLINE);
		WebSession first = WebSession.signIn(port, name, Api.PASSWORD);
		WebSession second = WebSession.signIn(port, name, Api.PASSWORD);
		WebSession third = WebSession.signIn(port, name, Api.PASSWORD);
		WebSession.Page ended = first.get("/console/cases");
		assertThat(ended.status()).isEqualTo(302);
		assertThat(ended.location()).endsWith("/login?expired");
		assertThat(second.get("/console/cases").status()).isEqualTo(200);
		assertThat(third.get("/console/cases").status()).isEqualTo(200);
	}
}
