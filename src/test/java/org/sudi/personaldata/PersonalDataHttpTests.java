package org.sudi.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.sudi.Api;
import org.sudi.ApiTestSupport;
import org.sudi.console.WebSession;
import org.sudi.platform.AuditKind;
import org.sudi.platform.AuditTrail;

import tools.jackson.databind.JsonNode;

/**
 * Personal data over HTTP (ADR 0028): masked unless an entitled user asks to reveal it, the reveal
 * audited; anonymous requests hidden from the handling unit; cases found by phone; no plaintext in the
 * database. The audit trail is a mock here so that the test holds whatever implementation records it.
 */
@DisplayName("Personal data over HTTP")
class PersonalDataHttpTests extends ApiTestSupport {

	@MockitoBean
	AuditTrail audit;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void resetAudit() {
		clearInvocations(audit);
	}

	private String hotlineCase(String title, String name, String phone, boolean anonymous) {
		Map<String, Object> body = new HashMap<>(Map.of("type", "LIVELIHOOD", "title", title, "description",
				title + "，已经持续一周，请尽快处理。", "townId", org("tanshan"), "anonymous", anonymous));
		body.put("requester", Map.of("name", name, "phone", phone));
		return submit("hotline", body).path("id").asString();
	}

	/** Escalated by the town and dispatched to the housing bureau (住建局). */
	private String atHousingBureau(String id) {
		ok(as("town-tanshan").post("/api/v1/cases/" + id + "/escalate", Map.of("reason", "超出街道职权")));
		dispatch(id, "zhujian", List.of(), null);
		return id;
	}

	@Test
	@DisplayName("a dispatcher sees the requester masked until they ask to reveal; the reveal is audited")
	void dispatcherReveals() {
		String id = hotlineCase("路灯闪烁", "欧阳小明", "13911112222", false);
		JsonNode requester = ok(as("dispatcher").get("/api/v1/cases/" + id)).body().path("requester");
		assertThat(requester.path("name").asString()).isEqualTo("欧***");
		assertThat(requester.path("phone").asString()).isEqualTo("139****2222");
		assertThat(requester.path("masked").asBoolean()).isTrue();
		assertThat(requester.path("revealable").asBoolean()).isTrue();
		verify(audit, never()).record(eq(AuditKind.PERSONAL_DATA_VIEWED), any(), any(), any());

		Api.Response revealed = ok(as("dispatcher").post("/api/v1/cases/" + id + "/requester/reveal", null));
		assertThat(revealed.text("name")).isEqualTo("欧阳小明");
		assertThat(revealed.text("phone")).isEqualTo("13911112222");
		assertThat(revealed.header("Cache-Control")).contains("no-store");
		String trackingNo = revealed.text("trackingNo");
		verify(audit).record(eq(AuditKind.PERSONAL_DATA_VIEWED), eq("dispatcher"), eq("case " + trackingNo), any());
	}

	@Test
	@DisplayName("a leader sees masked and may not reveal (403, nothing audited)")
	void leaderMaskedOnly() {
		String id = hotlineCase("井盖松动", "张三丰", "13933334444", false);
		JsonNode requester = ok(as("leader").get("/api/v1/cases/" + id)).body().path("requester");
		assertThat(requester.path("phone").asString()).isEqualTo("139****4444");
		assertThat(requester.path("revealable").asBoolean()).isFalse();
		assertThat(as("leader").post("/api/v1/cases/" + id + "/requester/reveal", null).status()).isEqualTo(403);
		verify(audit, never()).record(eq(AuditKind.PERSONAL_DATA_VIEWED), any(), any(), any());
	}

	@Test
	@DisplayName("the handling department of an anonymous case never sees the requester: API, reveal, console page")
	void anonymousHiddenFromHandler() {
		String id = atHousingBureau(hotlineCase("楼道堆物", "钱多多", "13955556666", true));
		JsonNode c = ok(as("dept-zhujian").get("/api/v1/cases/" + id)).body();
		assertThat(c.path("anonymous").asBoolean()).isTrue();
		assertThat(c.path("requester").path("name").isNull()).isTrue();
		assertThat(c.path("requester").path("phone").isNull()).isTrue();
		assertThat(c.path("requester").path("revealable").asBoolean()).isFalse();
		assertThat(as("dept-zhujian").post("/api/v1/cases/" + id + "/requester/reveal", null).status()).isEqualTo(403);

		WebSession dept = WebSession.signIn(port, "dept-zhujian");
		WebSession.Page page = dept.get("/console/cases/" + id);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("楼道堆物").doesNotContain("钱多多", "钱*", "13955556666", "139****6666",
				"reveal-requester");
		assertThat(dept.post("/console/cases/" + id + "/requester/reveal", Map.of()).status()).isEqualTo(403);

		// The command centre, who calls back for the evaluation, may still reveal it.
		assertThat(ok(as("dispatcher").post("/api/v1/cases/" + id + "/requester/reveal", null)).text("phone"))
			.isEqualTo("13955556666");
	}

	@Test
	@DisplayName("the handling department of a named case sees it masked and may reveal it on its console page")
	void departmentRevealsOnPage() {
		String id = atHousingBureau(hotlineCase("路面塌陷", "孙悟空", "13977778888", false));
		WebSession dept = WebSession.signIn(port, "dept-zhujian");
		WebSession.Page page = dept.get("/console/cases/" + id);
		assertThat(page.body()).contains("孙**", "139****8888", "reveal-requester").doesNotContain("孙悟空", "13977778888");
		WebSession.Page revealed = dept.post("/console/cases/" + id + "/requester/reveal", Map.of());
		assertThat(revealed.status()).isEqualTo(200);
		assertThat(revealed.body()).contains("孙悟空", "13977778888");
		verify(audit).record(eq(AuditKind.PERSONAL_DATA_VIEWED), eq("dept-zhujian"), any(), any());
		// An unrelated department may read nothing of it.
		assertThat(as("dept-shuiwu").post("/api/v1/cases/" + id + "/requester/reveal", null).status()).isEqualTo(404);
	}

	@Test
	@DisplayName("the hotline finds a caller's cases by phone, however it is written; others may not search")
	void searchByPhone() {
		String phone = "1390" + String.format("%07d", Math.floorMod(UUID.randomUUID().hashCode(), 10_000_000));
		String id = hotlineCase("噪音扰民", "周小周", phone, false);
		JsonNode found = ok(as("hotline").post("/api/v1/cases/search-by-phone",
				Map.of("phone", "+86 " + phone.substring(0, 3) + "-" + phone.substring(3, 7) + "-" + phone.substring(7))))
			.body();
		assertThat(found.valueStream().map(c -> c.path("id").asString())).containsExactly(id);
		assertThat(found.get(0).path("requester").path("phone").asString()).contains("****");
		assertThat(ok(as("hotline").post("/api/v1/cases/search-by-phone", Map.of("phone", "13000000001"))).body().size())
			.isZero();
		assertThat(as("dept-zhujian").post("/api/v1/cases/search-by-phone", Map.of("phone", phone)).status())
			.isEqualTo(403);
		assertThat(as("hotline").post("/api/v1/cases/search-by-phone", Map.of("phone", "abc")).status()).isEqualTo(400);
	}

	@Test
	@DisplayName("the database holds no name or phone in clear: cases, portal accounts, one-time codes")
	void noPlaintextInTheDatabase() {
		String id = hotlineCase("占道经营", "赵钱孙", "13912340000", false);
		Map<String, Object> row = jdbc.sql("select requester_name, requester_phone, requester_phone_hash from cases where id = ?")
			.param(UUID.fromString(id)).query().singleRow();
		assertThat(row.values()).allSatisfy(v -> assertThat(String.valueOf(v)).doesNotContain("赵钱孙", "13912340000", "2340000"));
		assertThat((String) row.get("requester_name")).startsWith("pd1.sm4.");
		assertThat((String) row.get("requester_phone")).startsWith("pd1.sm4.");
		assertThat((String) row.get("requester_phone_hash")).matches("[0-9a-f]{8}\\.[0-9a-f]{64}");
		// No row of any test or of the demo holds a requester or account phone in clear.
		assertThat(jdbc.sql("select count(*) from cases where requester_phone !~ '^pd1[.]' or requester_name !~ '^pd1[.]'")
			.query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from account where phone !~ '^pd1[.]'").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from channel_sms_code where phone is not null").query(Long.class).single())
			.isZero();
	}
}
