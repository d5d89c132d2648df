package org.sudi.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sudi.proof.RouteAuthorizationTests.Who.*;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.sudi.Api;
import org.sudi.ApiTestSupport;

import tools.jackson.databind.JsonNode;

/**
 * Authorization proven on every endpoint the application has, generated from its own route list:
 * every handler mapping (and functional route) is read at test time, every route is called as every
 * role — bearer token for {@code /api/**}, signed-in browser session with CSRF token for the pages,
 * nobody — against cases and resources of units the caller does not belong to, and the answer is
 * held against {@link #RULES}: a role not named there must be refused (401/403/404, a redirect to the
 * sign-in page, or the page's refusal message) and must change nothing; a role named there must get
 * past authorization (anything but 401/403/404; a 400 from validation counts as past it). A route
 * missing from the table fails the test by name, so a new endpoint is covered without anyone
 * remembering it.
 *
 * <p>The fixtures belong to the town 吴林街道 (wulin) and the department 住建局 (zhujian); the callers
 * of unit scope are another town (town-tanshan), another department (dept-huanbao), a village and a
 * grid worker of the other town, and a citizen and an enterprise who did not file the case.
 */
class RouteAuthorizationTests extends ApiTestSupport {

	/** The callers: district roles, roles of other units, outside users, and nobody. */
	enum Who {
		ADMIN("admin"), DISPATCHER("dispatcher"), HOTLINE("hotline"), LEADER("leader"), DISCIPLINE("discipline"),
		TOWN("town-tanshan"), DEPT("dept-huanbao"), VILLAGE("village-tanshan-01"), GRID("grid-tanshan-01"),
		CITIZEN("citizen"), ENTERPRISE("enterprise"), ANONYMOUS(null);

		final String username;

		Who(String username) {
			this.username = username;
		}
	}

	static final Set<Who> NOBODY = EnumSet.noneOf(Who.class);
	static final Set<Who> EVERYONE = EnumSet.allOf(Who.class);
	static final Set<Who> SIGNED_IN = EnumSet.complementOf(EnumSet.of(ANONYMOUS));
	static final Set<Who> STAFF = EnumSet.range(ADMIN, GRID);
	/** District-wide staff who see every case. */
	static final Set<Who> DISTRICT = EnumSet.range(ADMIN, DISCIPLINE);

	/** Who sees the assessment: the district and the assessed units. */
	static final Set<Who> ASSESSED = EnumSet.of(ADMIN, DISPATCHER, LEADER, DISCIPLINE, TOWN, DEPT);

	/** A category of this test's own, so that the time limits the admin sets touch nobody else's cases. */
	static final String PROOF_CATEGORY = "urban.proof-authz";

	static Set<Who> only(Who first, Who... rest) {
		return EnumSet.of(first, rest);
	}

	static Set<Who> but(Set<Who> all, Who... except) {
		Set<Who> s = EnumSet.copyOf(all);
		List.of(except).forEach(s::remove);
		return s;
	}

	/** What to send: nothing, JSON, a form, a text body, or one uploaded file. */
	sealed interface Body permits None, Json, Form, Text, Upload {
	}

	record None() implements Body {
	}

	record Json(Function<Fixtures, Object> value) implements Body {
	}

	record Form(Function<Fixtures, Map<String, String>> fields) implements Body {
	}

	record Text(String contentType, String text) implements Body {
	}

	record Upload(String field, String filename, byte[] content) implements Body {
	}

	/** Who may call the route on the fixtures, what to send, and an optional query string. */
	record Rule(Set<Who> may, Body body, String query) {
	}

	static final Body NONE = new None();

	static Json json(Function<Fixtures, Object> value) {
		return new Json(value);
	}

	static Json json(Object value) {
		return new Json(f -> value);
	}

	static Form form(Function<Fixtures, Map<String, String>> fields) {
		return new Form(fields);
	}

	static Form form(Map<String, String> fields) {
		return new Form(f -> fields);
	}

	/** The ids the path variables are filled with; all of them belong to wulin / zhujian / others. */
	record Fixtures(String caseId, String otherCaseId, String trackingNo, String taskId, String attachmentId,
			String inboxId, String patrolId, String findingId, long accountabilityId, long watchId, long clientId,
			String incidentNo, long dutyId, long accountId, long zhujian, long wulin, long tanshan, String gridCode,
			String categoryCode, String serviceRequestId) {
	}

	// ------------------------------------------------------------------ the table

	static final Map<String, Rule> RULES = new TreeMap<>();

	static void rule(String route, Set<Who> may) {
		rule(route, may, NONE);
	}

	static void rule(String route, Set<Who> may, Body body) {
		rule(route, may, body, null);
	}

	static void rule(String route, Set<Who> may, Body body, String query) {
		if (RULES.put(route, new Rule(may, body, query)) != null) {
			throw new IllegalStateException("twice in the table: " + route);
		}
	}

	static final byte[] PNG = java.util.Base64.getDecoder().decode(
			"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

	static {
		// Framework and public pages.
		rule("GET /", EVERYONE);
		rule("GET /login", EVERYONE);
		// Spring's error page called directly answers 500 ("no error here"), without a stack trace.
		rule("GET /error", EVERYONE);
		rule("POST /error", EVERYONE);
		rule("GET /v3/api-docs", EVERYONE);
		rule("GET /v3/api-docs.yaml", NOBODY);
		rule("GET /v3/api-docs/swagger-config", EVERYONE);
		rule("GET /swagger-ui.html", EVERYONE);
		rule("GET /actuator/health", EVERYONE);
		rule("GET /actuator/health/**", NOBODY);
		rule("GET /actuator", NOBODY);
		rule("GET /actuator/info", NOBODY);
		rule("GET /screen", EVERYONE);
		rule("GET /watch", EVERYONE);
		rule("GET /public", EVERYONE);
		rule("GET /api/v1/screen/data", DISTRICT);
		rule("GET /api/v1/screen/feed", DISTRICT);
		rule("GET /api/v1/public/summary", EVERYONE);

		// Directory.
		rule("POST /api/v1/auth/token", EVERYONE, json(Map.of("username", "citizen", "password", Api.PASSWORD)));
		rule("GET /api/v1/me", SIGNED_IN);
		rule("GET /api/v1/orgs", SIGNED_IN);
		rule("GET /console/admin/orgs", only(ADMIN));
		rule("POST /console/admin/orgs", only(ADMIN), form(f -> Map.of("code", "proof-" + System.nanoTime() % 100000,
				"name", "授权测试单位", "kind", "DEPARTMENT", "parentId", String.valueOf(f.wulin()))));
		rule("GET /console/admin/accounts", only(ADMIN));
		rule("POST /console/admin/accounts", only(ADMIN), form(f -> Map.of("username", "proof" + System.nanoTime(),
				"displayName", "授权测试", "orgId", String.valueOf(f.zhujian()), "roles", "DEPARTMENT_STAFF",
				"password", "proof-password-123456")));
		rule("POST /console/admin/accounts/{id}/enabled", only(ADMIN), form(Map.of("enabled", "true")));
		rule("POST /console/admin/accounts/{id}/password", only(ADMIN), form(Map.of("password", "proof-password-654321")));
		rule("POST /console/admin/accounts/{id}/roles", only(ADMIN), form(Map.of("roles", "DEPARTMENT_STAFF")));
		rule("POST /console/admin/accounts/{id}/totp-reset", only(ADMIN), form(Map.of()));
		// Identity: one's own account (wrong codes and passwords, so that nothing changes), the steps of
		// signing in, and the audit log (ADMIN and DISCIPLINE).
		rule("GET /console/account", SIGNED_IN);
		// (The admin has enrolled already: no enrolment code to show.)
		rule("GET /console/account/totp/qr.png", but(SIGNED_IN, ADMIN));
		rule("POST /console/account/password", SIGNED_IN,
				form(Map.of("current", "wrong-password", "password", "x", "confirm", "y")));
		rule("POST /console/account/totp", SIGNED_IN, form(Map.of("code", "000000")));
		rule("POST /console/account/totp/remove", SIGNED_IN, form(Map.of("code", "000000", "password", "wrong")));
		// The steps of signing in serve only a session half-way through it: none of these callers.
		rule("GET /console/sign-in/password", NOBODY);
		rule("POST /console/sign-in/password", NOBODY, form(Map.of("password", "x", "confirm", "y")));
		rule("GET /console/sign-in/totp", NOBODY);
		rule("POST /console/sign-in/totp", NOBODY, form(Map.of("code", "000000")));
		rule("GET /console/sign-in/enrol", NOBODY);
		rule("GET /console/sign-in/enrol/qr.png", NOBODY);
		rule("POST /console/sign-in/enrol", NOBODY, form(Map.of("code", "000000")));
		rule("GET /api/v1/audit", only(ADMIN, DISCIPLINE));
		rule("GET /api/v1/audit/verification", only(ADMIN, DISCIPLINE));
		rule("GET /console/audit", only(ADMIN, DISCIPLINE));

		// Catalog.
		rule("GET /api/v1/categories", SIGNED_IN);
		rule("GET /api/v1/duties", SIGNED_IN);
		rule("GET /api/v1/time-limits", SIGNED_IN);
		rule("PUT /api/v1/time-limits", only(ADMIN), json(Map.of("caseType", "LIVELIHOOD", "urgency", "NORMAL",
				"categoryCode", PROOF_CATEGORY, "townReview", "1d", "sign", "2h", "arrive", "1d", "complete", "5wd",
				"evaluate", "3d")));
		rule("DELETE /api/v1/time-limits", only(ADMIN), NONE,
				"caseType=LIVELIHOOD&urgency=NORMAL&categoryCode=" + PROOF_CATEGORY);
		rule("GET /api/v1/calendar", SIGNED_IN);
		rule("PUT /api/v1/calendar/days/{day}", only(ADMIN), json(Map.of("kind", "HOLIDAY", "name", "授权测试")));
		rule("DELETE /api/v1/calendar/days/{day}", only(ADMIN));
		rule("POST /api/v1/calendar/import", only(ADMIN), new Text("text/plain", "2099-01-03 HOLIDAY 授权测试\n"));
		rule("GET /console/admin/categories", only(ADMIN));
		rule("POST /console/admin/categories", only(ADMIN),
				form(f -> Map.of("code", "proof" + System.nanoTime() % 1000000, "name", "授权测试类别")));
		rule("GET /console/admin/duties", only(ADMIN));
		rule("POST /console/admin/duties/{id}", only(ADMIN), form(Map.of("title", "", "keywords", "")));
		rule("POST /console/admin/duties/import/preview", only(ADMIN),
				new Upload("file", "duties.csv", "org_code,title\n".getBytes()));
		rule("POST /console/admin/duties/import", only(ADMIN), form(Map.of()));
		rule("POST /console/admin/duties/import/cancel", only(ADMIN), form(Map.of()));
		rule("GET /console/admin/time-limits", only(ADMIN));
		rule("POST /console/admin/time-limits", only(ADMIN),
				form(Map.of("caseType", "LIVELIHOOD", "urgency", "NORMAL", "categoryCode", PROOF_CATEGORY)));
		rule("POST /console/admin/time-limits/days", only(ADMIN),
				form(Map.of("day", "2099-01-04", "kind", "HOLIDAY", "name", "授权测试")));
		rule("POST /console/admin/time-limits/days/delete", only(ADMIN), form(Map.of("day", "2099-01-04")));
		rule("POST /console/admin/time-limits/import", only(ADMIN), form(Map.of("text", "2099-01-05 HOLIDAY 授权测试")));

		// Cases (the fixture case is wulin's, dispatched to zhujian; its task is zhujian's).
		// (Enterprises file DEVELOPMENT requests only; this body is a LIVELIHOOD one.)
		rule("POST /api/v1/cases", only(DISPATCHER, HOTLINE, TOWN, VILLAGE, GRID, CITIZEN),
				json(f -> Map.of("type", "LIVELIHOOD", "title", "授权测试", "description", "授权测试诉求", "townId", f.wulin())));
		rule("GET /api/v1/cases", SIGNED_IN);
		rule("GET /api/v1/cases/{id}", DISTRICT);
		rule("GET /api/v1/cases/{id}/timeline", DISTRICT);
		rule("POST /api/v1/cases/{id}/accept", NOBODY, json(Map.of()));
		rule("POST /api/v1/cases/{id}/escalate", NOBODY, json(Map.of("reason", "授权测试")));
		rule("POST /api/v1/cases/{id}/reject", only(DISPATCHER), json(Map.of("reason", "授权测试")));
		rule("POST /api/v1/cases/{id}/dispatch", only(DISPATCHER), json(f -> Map.of("leadOrgId", f.zhujian())));
		rule("POST /api/v1/cases/{id}/merge", only(DISPATCHER), json(f -> Map.of("intoCaseId", f.otherCaseId())));
		rule("POST /api/v1/cases/{id}/withdraw", NOBODY, json(Map.of("reason", "授权测试")));
		rule("POST /api/v1/cases/{id}/information", NOBODY, json(Map.of("note", "授权测试")));
		rule("POST /api/v1/cases/{id}/evaluate", only(DISPATCHER, HOTLINE), json(Map.of("rating", "SATISFIED")));
		rule("POST /api/v1/cases/{id}/verify", only(DISPATCHER), json(Map.of("passed", true)));
		rule("POST /api/v1/cases/{id}/instruct", only(LEADER), json(Map.of("text", "授权测试批示")));
		rule("POST /api/v1/cases/{id}/supervise", only(DISPATCHER, LEADER), json(Map.of("note", "授权测试督办")));
		// The requester in full (audited), and a caller's cases by phone.
		rule("POST /api/v1/cases/{id}/requester/reveal", only(DISPATCHER, HOTLINE));
		rule("POST /console/cases/{id}/requester/reveal", only(DISPATCHER, HOTLINE), form(Map.of()));
		rule("POST /api/v1/cases/search-by-phone", only(DISPATCHER, HOTLINE), json(Map.of("phone", "13812345678")));
		rule("GET /api/v1/cases/{id}/duplicates", only(ADMIN, DISPATCHER, HOTLINE, LEADER));
		rule("POST /api/v1/tasks/{id}/sign", NOBODY);
		rule("POST /api/v1/tasks/{id}/arrive", NOBODY, json(Map.of("note", "授权测试")));
		rule("POST /api/v1/tasks/{id}/complete", NOBODY, json(Map.of("result", "授权测试")));
		rule("POST /api/v1/tasks/{id}/return-request", NOBODY, json(Map.of("reason", "授权测试")));
		rule("POST /api/v1/tasks/{id}/extension-request", NOBODY, json(Map.of("days", 1, "reason", "授权测试")));
		rule("POST /api/v1/tasks/{id}/return-request/decision", only(DISPATCHER), json(Map.of("approve", false)));
		rule("POST /api/v1/tasks/{id}/extension-request/decision", only(DISPATCHER), json(Map.of("approve", false)));
		rule("GET /api/v1/supervisions", but(STAFF, GRID));

		rule("GET /console", SIGNED_IN);
		rule("GET /console/cases", SIGNED_IN);
		rule("GET /console/cases/{id}", DISTRICT);
		rule("POST /console/cases/{id}/accept", NOBODY, form(Map.of("note", "授权测试")));
		rule("POST /console/cases/{id}/escalate", NOBODY, form(Map.of("reason", "授权测试")));
		rule("POST /console/cases/{id}/reject", only(DISPATCHER), form(Map.of("reason", "授权测试")));
		rule("POST /console/cases/{id}/dispatch", only(DISPATCHER),
				form(f -> Map.of("leadOrgId", String.valueOf(f.zhujian()))));
		rule("POST /console/cases/{id}/merge", only(DISPATCHER), form(f -> Map.of("intoCaseId", f.otherCaseId())));
		rule("POST /console/cases/{id}/evaluate", only(DISPATCHER, HOTLINE), form(Map.of("rating", "SATISFIED")));
		rule("POST /console/cases/{id}/verify", only(DISPATCHER), form(Map.of("passed", "true")));
		rule("POST /console/tasks/{taskId}/sign", NOBODY, form(f -> Map.of("caseId", f.caseId())));
		rule("POST /console/tasks/{taskId}/arrive", NOBODY, form(f -> Map.of("caseId", f.caseId(), "note", "授权测试")));
		rule("POST /console/tasks/{taskId}/complete", NOBODY, form(f -> Map.of("caseId", f.caseId(), "result", "授权测试")));
		rule("POST /console/tasks/{taskId}/return-request", NOBODY,
				form(f -> Map.of("caseId", f.caseId(), "reason", "授权测试")));
		rule("POST /console/tasks/{taskId}/extension-request", NOBODY,
				form(f -> Map.of("caseId", f.caseId(), "days", "1", "reason", "授权测试")));
		rule("POST /console/tasks/{taskId}/return-decision", only(DISPATCHER),
				form(f -> Map.of("caseId", f.caseId(), "approve", "false")));
		rule("POST /console/tasks/{taskId}/extension-decision", only(DISPATCHER),
				form(f -> Map.of("caseId", f.caseId(), "approve", "false")));
		rule("GET /console/triage", only(DISPATCHER));
		rule("GET /console/followups", only(DISPATCHER, HOTLINE));
		rule("GET /console/requests", only(DISPATCHER));
		rule("GET /console/work", only(DEPT, TOWN, VILLAGE));
		rule("GET /console/town", only(TOWN));
		rule("GET /console/hotline", only(HOTLINE, DISPATCHER));
		rule("GET /console/hotline/caller", only(HOTLINE, DISPATCHER), NONE, "phone=13800000000");
		rule("POST /console/hotline", only(HOTLINE, DISPATCHER), form(f -> Map.of("phone", "13800000000", "type", "LIVELIHOOD",
				"townId", String.valueOf(f.wulin()), "description", "授权测试诉求", "urgency", "NORMAL")));
		rule("GET /console/town/whistle", only(TOWN));
		rule("POST /console/town/whistle", only(TOWN), form(f -> Map.of("type", "ENFORCEMENT",
				"description", "授权测试吹哨", "urgency", "NORMAL")));
		rule("GET /console/clock", only(DISPATCHER, ADMIN, LEADER, DISCIPLINE));
		rule("GET /console/triage/suggestions/{caseId}", only(DISPATCHER, ADMIN, HOTLINE, LEADER));

		// Attachments, inbox.
		rule("POST /api/v1/attachments", SIGNED_IN, new Upload("file", "proof.png", PNG));
		// The fixture file is zhujian's upload, not yet part of any case: its uploader's alone.
		rule("GET /api/v1/attachments/{id}", NOBODY);
		rule("GET /console/attachments/{id}", NOBODY);
		rule("GET /api/v1/inbox", SIGNED_IN);
		rule("GET /api/v1/inbox/unread-count", SIGNED_IN);
		rule("POST /api/v1/inbox/{id}/read", NOBODY);
		rule("GET /console/inbox", SIGNED_IN);
		rule("POST /console/inbox/{id}/read", NOBODY, form(Map.of()));

		// Triage.
		rule("POST /api/v1/triage/suggest", only(ADMIN, DISPATCHER, HOTLINE, LEADER, TOWN), json(Map.of("title", "路灯不亮", "description", "文化路路灯坏了")));
		rule("POST /api/v1/triage/history", only(ADMIN), new Text("text/plain", "text,title,category,unit,date\n"));
		rule("POST /api/v1/triage/model/rebuild", only(ADMIN, DISPATCHER));
		rule("GET /api/v1/triage/hotspots", DISTRICT);

		// Assessment and accountability.
		// Units see the assessment of all units (rankings are shared); the hotline, villages, grid
		// workers and the public do not.
		rule("GET /api/v1/assessment/rules", ASSESSED);
		rule("GET /api/v1/assessment/measures", ASSESSED, NONE, "from=2019-01-01&to=2019-01-31");
		rule("GET /api/v1/assessment/months/{month}", ASSESSED);
		rule("POST /api/v1/assessment/months/{month}/close", only(ADMIN));
		rule("POST /api/v1/assessment/months/{month}/reopen", only(ADMIN), json(Map.of("reason", "授权测试")));
		rule("GET /api/v1/assessment/months/{month}/audit", ASSESSED);
		rule("PUT /api/v1/assessment/months/{month}/scores", only(TOWN),
				json(f -> Map.of("departmentId", f.zhujian(), "score", 90)));
		rule("GET /api/v1/assessment/months/{month}/scores", ASSESSED);
		rule("GET /api/v1/assessment/months/{month}/export", ASSESSED);
		rule("GET /api/v1/accountability", only(ADMIN, LEADER, DISCIPLINE, DISPATCHER));
		rule("GET /api/v1/accountability/situations", only(ADMIN, LEADER, DISCIPLINE, DISPATCHER));
		rule("GET /api/v1/accountability/{id}", only(ADMIN, LEADER, DISCIPLINE, DISPATCHER));
		rule("POST /api/v1/accountability", only(DISCIPLINE),
				json(f -> Map.of("orgId", f.zhujian(), "situation", "SLOPPY_WORK_STYLE", "reason", "授权测试")));
		rule("POST /api/v1/accountability/{id}/review", only(DISCIPLINE), json(Map.of("note", "授权测试")));
		rule("POST /api/v1/accountability/{id}/decide", only(DISCIPLINE),
				json(Map.of("decision", "NOTICE", "note", "授权测试")));
		rule("POST /api/v1/accountability/{id}/dismiss", only(DISCIPLINE), json(Map.of("note", "授权测试")));

		// Insight.
		rule("GET /api/v1/watches", only(LEADER));
		rule("POST /api/v1/watches", only(LEADER), json(Map.of("kind", "CATEGORY", "target", "no-such-category")));
		rule("DELETE /api/v1/watches/{id}", only(LEADER));
		rule("GET /api/v1/watches/cases", only(LEADER));

		// Grid.
		rule("GET /api/v1/locate", SIGNED_IN, NONE, "lat=34.77&lon=117.59");
		rule("GET /api/v1/grids", SIGNED_IN);
		rule("GET /api/v1/grids/mine", SIGNED_IN);
		rule("GET /api/v1/grids/export", only(ADMIN));
		rule("POST /api/v1/grids/import", only(ADMIN), json(Map.of("type", "FeatureCollection", "features", List.of())));
		rule("GET /api/v1/map/grids", only(ADMIN, DISPATCHER, HOTLINE, LEADER, DISCIPLINE, TOWN));
		rule("GET /console/admin/grids", only(ADMIN));
		rule("POST /console/admin/grids", only(ADMIN), new Upload("file", "grids.geojson",
				"{\"type\":\"FeatureCollection\",\"features\":[]}".getBytes()));
		rule("GET /api/v1/patrols/checklist", SIGNED_IN);
		// The fixture grid is a wulin worker's.
		rule("POST /api/v1/patrols", NOBODY, json(f -> Map.of("gridCode", f.gridCode())));
		rule("GET /api/v1/patrols", SIGNED_IN);
		rule("GET /api/v1/patrols/{id}", only(ADMIN, DISPATCHER, LEADER, DISCIPLINE));
		rule("POST /api/v1/patrols/{id}/checks", NOBODY, json(Map.of("itemId", 1, "ok", true)));
		rule("POST /api/v1/patrols/{id}/findings", NOBODY, json(Map.of("description", "授权测试")));
		rule("POST /api/v1/patrols/findings/{findingId}/case", NOBODY, json(Map.of()));
		rule("POST /api/v1/patrols/{id}/finish", NOBODY, json(Map.of()));

		// Channels: integration clients, 110 (API key only), Open311 (public reads, api_key posts),
		// WeChat (signed callbacks), the mobile portal (citizens' and enterprises' sessions).
		rule("POST /api/v1/integrations/clients", only(ADMIN), json(Map.of("name", "授权测试", "kind", "OPEN311")));
		rule("GET /api/v1/integrations/clients", only(ADMIN));
		rule("DELETE /api/v1/integrations/clients/{id}", only(ADMIN));
		rule("POST /api/v1/integrations/police110/cases", NOBODY, json(Map.of("incidentNo", "P1", "description", "x")));
		rule("GET /api/v1/integrations/police110/cases/{incidentNo}", NOBODY);
		rule("GET /open311/v2/discovery.{format:xml|json}", EVERYONE);
		rule("GET /open311/v2/services.{format:xml|json}", EVERYONE);
		rule("GET /open311/v2/services/{code}.{format:xml|json}", EVERYONE);
		// Tokens exist only for batch-type servers; the lookup is public and finds nothing here.
		rule("POST /open311/v2/requests.{format:xml|json}", NOBODY, form(Map.of("service_code", "x", "lat", "34.77",
				"long", "117.59", "description", "授权测试")));
		rule("GET /open311/v2/tokens/{token}.{format:xml|json}", NOBODY);
		rule("GET /open311/v2/requests.{format:xml|json}", EVERYONE);
		rule("GET /open311/v2/requests/{id}.{format:xml|json}", EVERYONE);
		rule("GET /open311/v2/servicerequestupdates.{format:xml|json}", EVERYONE);
		// WeChat's callbacks are signed; nobody without the token's signature gets in.
		rule("GET /wechat/portal", NOBODY, NONE, "signature=0&timestamp=0&nonce=0&echostr=x");
		rule("POST /wechat/portal", NOBODY, new Text("text/xml", "<xml><MsgType>text</MsgType></xml>"),
				"signature=0&timestamp=0&nonce=0");
		rule("GET /m/wechat/oauth", EVERYONE);
		// A made-up OAuth code signs nobody in (back to the sign-in page).
		rule("GET /m/wechat/callback", NOBODY, NONE, "code=x&state=y");
		rule("GET /m", EVERYONE);
		rule("GET /m/", EVERYONE);
		rule("GET /m/requests/new", SIGNED_IN);
		rule("POST /m/requests", only(CITIZEN, ENTERPRISE), form(f -> Map.of("categoryCode", f.categoryCode(), "title",
				"授权测试", "description", "授权测试诉求，已经一周了", "townId", String.valueOf(f.wulin()), "address",
				"吴林街道授权测试路1号")));
		rule("GET /m/requests", SIGNED_IN);
		rule("GET /m/requests/{trackingNo}", NOBODY);
		rule("POST /m/requests/{trackingNo}/information", NOBODY, form(Map.of("note", "授权测试")));
		rule("POST /m/requests/{trackingNo}/withdraw", NOBODY, form(Map.of("reason", "授权测试")));
		rule("POST /m/requests/{trackingNo}/evaluate", NOBODY, form(Map.of("rating", "SATISFIED")));
		rule("GET /m/lookup", EVERYONE);
		rule("POST /m/lookup", EVERYONE, form(f -> Map.of("trackingNo", f.trackingNo(), "last4", "0000")));
		rule("GET /m/login", EVERYONE);
		rule("POST /m/login/code", EVERYONE, form(Map.of("phone", "1380000")));
		rule("POST /m/login", EVERYONE, form(Map.of("phone", "13800000000", "code", "000000")));
		rule("GET /m/enterprise/login", EVERYONE);
		rule("POST /m/enterprise/login/code", EVERYONE, form(Map.of("creditCode", "x", "phone", "1380000")));
		rule("POST /m/enterprise/login", EVERYONE, form(Map.of("creditCode", "x", "phone", "13800000000", "code", "0")));
	}

	// ------------------------------------------------------------------ the run

	@Autowired
	ApplicationContext context;

	record Route(String method, String pattern) {

		String key() {
			return method + " " + pattern;
		}
	}

	/** Every route of every handler mapping of the running application. */
	List<Route> routes() {
		List<Route> routes = new ArrayList<>();
		for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
			.values()) {
			for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
				Set<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? Set.of("GET", "POST")
						: info.getMethodsCondition().getMethods().stream().map(Enum::name)
							.collect(java.util.stream.Collectors.toSet());
				for (String pattern : info.getPatternValues()) {
					methods.forEach(m -> routes.add(new Route(m, pattern)));
				}
			}
		}
		// Functional routes have no pattern list to read; there must be none, or this test must learn them.
		for (RouterFunctionMapping functional : context.getBeansOfType(RouterFunctionMapping.class).values()) {
			assertThat(functional.getRouterFunction())
				.as("functional routes exist: teach RouteAuthorizationTests to list them").isNull();
		}
		return routes.stream().distinct().sorted(java.util.Comparator.comparing(Route::key)).toList();
	}

	@Test
	void everyRouteIsInTheTable() {
		List<String> keys = routes().stream().map(Route::key).toList();
		List<String> missing = keys.stream().filter(k -> !RULES.containsKey(k)).toList();
		assertThat(missing).as("routes with no rule in RouteAuthorizationTests.RULES (say who may call them)").isEmpty();
		List<String> stale = RULES.keySet().stream().filter(k -> !keys.contains(k)).toList();
		assertThat(stale).as("rules for routes the application no longer has").isEmpty();
	}

	@Test
	void everyRouteRefusesWhomTheTableDoesNotNameAndAdmitsWhomItNames() {
		Fixtures f = fixtures();
		Map<Who, Caller> callers = new EnumMap<>(Who.class);
		int loopback = 20;
		for (Who who : Who.values()) {
			callers.put(who, new Caller(who.username, port, loopback++));
		}
		List<Route> routes = routes().stream().filter(r -> RULES.containsKey(r.key())).toList();
		boolean dump = Boolean.getBoolean("routes.dump");
		List<String> failures = new ArrayList<>();
		Map<String, String> matrix = new LinkedHashMap<>();
		String before = fingerprint(f);

		// First everyone who must be refused, while the fixtures are as set up…
		for (Route route : routes) {
			Rule rule = RULES.get(route.key());
			for (Who who : Who.values()) {
				if (rule.may().contains(who)) {
					continue;
				}
				Caller.Reply r = call(callers.get(who), route, rule, f);
				matrix.merge(route.key(), who + "=" + r.status() + " ", String::concat);
				if (!refused(callers.get(who), route, r, f)) {
					failures.add(route.key() + " as " + who + " must be refused, got " + r.status() + " "
							+ abbreviate(r.body()) + (r.location() == null ? "" : " → " + r.location()));
				}
				if (r.status() >= 500 && !route.pattern().equals("/error")) {
					failures.add(route.key() + " as " + who + " failed with " + r.status());
				}
			}
		}
		assertThat(fingerprint(f)).as("the refused calls changed nothing").isEqualTo(before);

		// …then everyone who may, who must get past authorization.
		for (Route route : routes) {
			Rule rule = RULES.get(route.key());
			for (Who who : rule.may()) {
				Caller.Reply r = call(callers.get(who), route, rule, f);
				matrix.merge(route.key(), who + "=" + r.status() + "+ ", String::concat);
				if (r.status() == 401 || r.status() == 403 || r.status() == 404
						|| (r.status() >= 500 && !route.pattern().equals("/error")) || loginRedirect(route, r)) {
					failures.add(route.key() + " as " + who + " must be admitted, got " + r.status() + " "
							+ abbreviate(r.body()) + (r.location() == null ? "" : " → " + r.location()));
				}
			}
		}
		if (dump) {
			matrix.forEach((k, v) -> System.out.println("ROUTE " + k + " :: " + v));
		}
		assertThat(failures).as("authorization per the table").isEmpty();
	}

	@Autowired
	org.sudi.platform.RateLimiter limiter;

	private Caller.Reply call(Caller caller, Route route, Rule rule, Fixtures f) {
		// The per-IP limits of the public doors would answer 429 long before the table is through:
		// every caller comes from 127.0.0.1. Each call starts with full buckets.
		limiter.reset();
		String path = fill(route.pattern(), f) + (rule.query() == null ? "" : "?" + rule.query());
		Body body = rule.body();
		if (route.pattern().startsWith("/api/") || route.pattern().startsWith("/open311/")
				|| route.pattern().startsWith("/wechat/") || route.pattern().startsWith("/v3/")
				|| route.pattern().startsWith("/actuator")) {
			if (body instanceof Json j) {
				return caller.json(route.method(), path, Api.json(j.value().apply(f)));
			}
			if (body instanceof Text t) {
				return caller.send(route.method(), path, t.contentType() + "; charset=UTF-8",
						t.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
			}
			if (body instanceof Upload u) {
				return caller.multipart(path, u.field(), u.filename(), u.content());
			}
			if (body instanceof Form fm) {
				return caller.send(route.method(), path, "application/x-www-form-urlencoded",
						Caller.form(fm.fields().apply(f)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
			}
			return caller.json(route.method(), path, null);
		}
		if (route.method().equals("GET")) {
			return caller.send("GET", path, null, null);
		}
		if (body instanceof Upload u) {
			return caller.multipart(path, u.field(), u.filename(), u.content());
		}
		return caller.form(path, body instanceof Form fm ? fm.fields().apply(f) : Map.of());
	}

	/**
	 * Refused: 401/403/404, a redirect to a sign-in page, or (a page form) a redirect back to a page
	 * that shows the refusal or that the caller may not see.
	 */
	private boolean refused(Caller caller, Route route, Caller.Reply r, Fixtures f) {
		if (r.status() == 401 || r.status() == 403 || r.status() == 404 || loginRedirect(route, r)) {
			return true;
		}
		if (r.status() == 302 && !route.pattern().startsWith("/api/") && route.method().equals("POST")) {
			// A page form answers a refused action with a redirect back to the page it came from, which
			// then shows the refusal, or which the caller may not see at all.
			String back = Caller.localPath(r.location());
			Caller.Reply next = caller.send("GET", back, null, null);
			String page = back.replaceAll("\\?.*$", "");
			boolean fixturePage = page.equals("/console/cases/" + f.caseId()) || fill(route.pattern(), f).startsWith(page);
			return next.body().contains("class=\"failure\"") || loginRedirect(route, next)
					|| (fixturePage && (next.status() == 403 || next.status() == 404));
		}
		return false;
	}

	private static boolean loginRedirect(Route route, Caller.Reply r) {
		return r.redirectTo("/login") || r.redirectTo("/m/login");
	}

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");

	static String fill(String pattern, Fixtures f) {
		Matcher m = VARIABLE.matcher(pattern);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String value = value(pattern, m.group(1), f);
			assertThat(value).as("a fixture for {" + m.group(1) + "} of " + pattern).isNotNull();
			m.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		m.appendTail(out);
		return out.toString();
	}

	private static String value(String pattern, String variable, Fixtures f) {
		return switch (variable) {
			case "format" -> "json";
			case "month" -> "2019-01";
			case "day" -> "2099-01-02";
			case "trackingNo" -> f.trackingNo();
			case "incidentNo" -> f.incidentNo();
			case "taskId" -> f.taskId();
			case "caseId" -> f.caseId();
			case "findingId" -> f.findingId();
			case "code" -> f.categoryCode();
			case "token" -> "no-such-token";
			case "id" -> {
				if (pattern.startsWith("/api/v1/cases/") || pattern.startsWith("/console/cases/")) {
					yield f.caseId();
				}
				if (pattern.startsWith("/api/v1/tasks/")) {
					yield f.taskId();
				}
				if (pattern.contains("/attachments/")) {
					yield f.attachmentId();
				}
				if (pattern.contains("/inbox/")) {
					yield f.inboxId();
				}
				if (pattern.startsWith("/api/v1/patrols/")) {
					yield f.patrolId();
				}
				if (pattern.startsWith("/api/v1/accountability/")) {
					yield String.valueOf(f.accountabilityId());
				}
				if (pattern.startsWith("/api/v1/watches/")) {
					yield String.valueOf(f.watchId());
				}
				if (pattern.startsWith("/api/v1/integrations/clients/")) {
					yield String.valueOf(f.clientId());
				}
				if (pattern.startsWith("/console/admin/duties/")) {
					yield String.valueOf(f.dutyId());
				}
				if (pattern.startsWith("/console/admin/accounts/")) {
					yield String.valueOf(f.accountId());
				}
				if (pattern.startsWith("/open311/v2/requests/")) {
					yield f.serviceRequestId();
				}
				yield null;
			}
			default -> null;
		};
	}

	// ------------------------------------------------------------------ fixtures

	private Fixtures fixtures() {
		// The case: wulin's livelihood request filed by the hotline for a caller, escalated by wulin and
		// dispatched to zhujian; a second one to merge into.
		long accountId = accountFixture();
		JsonNode c = livelihood("hotline", "wulin", "授权测试 " + System.nanoTime());
		String caseId = c.path("id").asString();
		ok(as("town-wulin").post("/api/v1/cases/" + caseId + "/escalate", Map.of("reason", "涉及市政设施")));
		JsonNode dispatched = dispatch(caseId, "zhujian", List.of(), null);
		String taskId = taskOf(dispatched, "zhujian");
		String otherCaseId = livelihood("hotline", "wulin", "授权测试合并 " + System.nanoTime()).path("id").asString();
		ok(as("town-wulin").post("/api/v1/cases/" + otherCaseId + "/escalate", Map.of("reason", "涉及市政设施")));

		String attachmentId = as("dept-zhujian").upload("现场.png", PNG).text("id");
		ok(as("dept-zhujian").post("/api/v1/tasks/" + taskId + "/sign", null));
		String inboxId = null;
		for (int i = 0; i < 50 && inboxId == null; i++) {
			JsonNode items = ok(as("dept-zhujian").get("/api/v1/inbox")).body().path("items");
			inboxId = items.isEmpty() ? null : items.get(0).path("id").asString();
			if (inboxId == null) {
				sleep(100);
			}
		}
		assertThat(inboxId).as("a notification of zhujian").isNotNull();

		String worker = "grid-wulin-01-01";
		String grid = ok(as(worker).get("/api/v1/grids/mine")).body().path("features").get(0).path("id").asString();
		Api.Response patrol = as(worker).post("/api/v1/patrols", Map.of("gridCode", grid));
		assertThat(patrol.status()).as(patrol.raw().body()).isEqualTo(201);
		String patrolId = patrol.text("id");
		Api.Response finding = as(worker).post("/api/v1/patrols/" + patrolId + "/findings",
				Map.of("description", "授权测试发现"));
		assertThat(finding.status()).as(finding.raw().body()).isEqualTo(201);

		Api.Response record = as("discipline").post("/api/v1/accountability",
				Map.of("orgId", org("zhujian"), "situation", "SLOPPY_WORK_STYLE", "reason", "授权测试"));
		assertThat(record.status()).as(record.raw().body()).isIn(200, 201);
		Api.Response watch = as("leader").post("/api/v1/watches", Map.of("kind", "CASE", "target", caseId));
		assertThat(watch.status()).as(watch.raw().body()).isIn(200, 201);
		Api.Response client = as("admin").post("/api/v1/integrations/clients", Map.of("name", "授权测试110", "kind", "POLICE110"));
		assertThat(client.status()).isEqualTo(201);
		String incident = "PROOF" + System.nanoTime();
		Caller.Reply transfer = new Caller(null, port, 18).sendWithKey("/api/v1/integrations/police110/cases",
				client.text("apiKey"), Api.json(Map.of("incidentNo", incident, "description", "授权测试非警情转办",
						"townCode", "wulin", "callerPhone", "13900002222")));
		assertThat(transfer.status()).as(transfer.body()).isIn(200, 201);

		Api.Response open311Client = as("admin").post("/api/v1/integrations/clients", Map.of("name", "授权测试311", "kind", "OPEN311"));
		Caller.Reply posted = new Caller(null, port, 17).send("POST", "/open311/v2/requests.json",
				"application/x-www-form-urlencoded", Caller.form(Map.of("api_key", open311Client.text("apiKey"),
						"service_code", "urban.housing-quality", "lat", "34.77", "long", "117.59", "attribute[town]", "wulin",
						"description", "授权测试随手拍")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(posted.status()).as(posted.body()).isEqualTo(201);
		String open311 = posted.body().replaceAll("(?s).*\"service_request_id\":\"([^\"]+)\".*", "$1");
		Api.Response override = as("admin").put("/api/v1/time-limits", Map.of("caseType", "LIVELIHOOD", "urgency", "NORMAL",
				"categoryCode", PROOF_CATEGORY, "townReview", "1d", "sign", "2h", "arrive", "1d", "complete", "5wd",
				"evaluate", "3d"));
		assertThat(override.status()).as(override.raw().body()).isEqualTo(200);
		ok(as("admin").put("/api/v1/calendar/days/2099-01-02", Map.of("kind", "HOLIDAY", "name", "授权测试")));
		long dutyId = firstDutyOf("zhujian");
		return new Fixtures(caseId, otherCaseId, c.path("trackingNo").asString(), taskId, attachmentId, inboxId,
				patrolId, finding.text("id"), record.body().path("record").path("id").asLong(), watch.body().path("id").asLong(),
				client.body().path("id").asLong(), incident, dutyId, accountId, org("zhujian"), org("wulin"),
				org("tanshan"), grid, "urban.housing-quality", open311);
	}

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	/** A staff account of zhujian created for this test (the admin pages change it). */
	private long accountFixture() {
		String username = "proof-" + System.nanoTime();
		Caller admin = new Caller("admin", port, 19);
		admin.form("/console/admin/categories", Map.of("code", PROOF_CATEGORY, "name", "授权测试类别", "parentCode", "urban"));
		Caller.Reply r = admin.form("/console/admin/accounts", Map.of("username", username, "displayName", "授权测试",
				"orgId", String.valueOf(org("zhujian")), "roles", "DEPARTMENT_STAFF", "password", "proof-password-123456"));
		assertThat(r.status()).as(r.body()).isIn(200, 302);
		return jdbc.sql("select id from account where username = ?").param(username).query(Long.class).single();
	}

	/** What the refused calls must not change: the fixture case, its task, and its record. */
	private String fingerprint(Fixtures f) {
		JsonNode c = ok(as("dispatcher").get("/api/v1/cases/" + f.caseId())).body();
		JsonNode other = ok(as("dispatcher").get("/api/v1/cases/" + f.otherCaseId())).body();
		int timeline = ok(as("dispatcher").get("/api/v1/cases/" + f.caseId() + "/timeline")).body().size();
		return c.path("status").asString() + " v" + c.path("version").asString() + " " + taskStatus(c, f.taskId())
				+ " timeline=" + timeline + " other=" + other.path("status").asString() + " v"
				+ other.path("version").asString();
	}

	private static String abbreviate(String s) {
		if (s == null) {
			return "";
		}
		String flat = s.replaceAll("\\s+", " ");
		return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
	}

	private static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	static Collection<Who> all() {
		return EVERYONE;
	}
}
