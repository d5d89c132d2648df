package org.sudi.casework.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sudi.casework.CaseType.LIVELIHOOD;
import static org.sudi.casework.domain.CaseTests.ADMIN;
import static org.sudi.casework.domain.CaseTests.CITIZEN_LI;
import static org.sudi.casework.domain.CaseTests.CITIZEN_ZHANG;
import static org.sudi.casework.domain.CaseTests.DISPATCHER;
import static org.sudi.casework.domain.CaseTests.ENV_STAFF;
import static org.sudi.casework.domain.CaseTests.GRID_A;
import static org.sudi.casework.domain.CaseTests.HOTLINE;
import static org.sudi.casework.domain.CaseTests.HOUSING_STAFF;
import static org.sudi.casework.domain.CaseTests.INSPECTOR;
import static org.sudi.casework.domain.CaseTests.LEADER;
import static org.sudi.casework.domain.CaseTests.NOW;
import static org.sudi.casework.domain.CaseTests.TOWN_A_OP;
import static org.sudi.casework.domain.CaseTests.URBAN;
import static org.sudi.casework.domain.CaseTests.URBAN_STAFF;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sudi.casework.Channel;
import org.sudi.directory.Actor;
import org.sudi.platform.ForbiddenException;

/** The one rule of who sees how much of a requester (ADR 0028), role by role. */
@DisplayName("Requester access (masking rule)")
class RequesterAccessTests {

	private static Case dispatchedToUrban(boolean anonymous) {
		Submission s = new Submission(LIVELIHOOD, "路灯不亮", "和平路口的路灯坏了三天", "CITY.LIGHT", null, Channel.H5, 10L,
				new Location(34.76, 117.59, "和平路口"), new Requester("张三", "13812345678", null), anonymous, List.of());
		Case c = Case.submit(UUID.randomUUID(), "SD2025030399" + (anonymous ? "1" : "0"), s, CITIZEN_ZHANG, NOW);
		c.escalate(TOWN_A_OP, "超出镇街职权", NOW);
		c.dispatch(DISPATCHER, URBAN, List.of(), null, null, NOW);
		return c;
	}

	@Test
	@DisplayName("the requester sees their own request in full, without asking")
	void own() {
		Case c = dispatchedToUrban(false);
		assertThat(c.requesterAccessOf(CITIZEN_ZHANG)).isEqualTo(RequesterAccess.OWN);
		assertThat(c.requesterAsSeenBy(CITIZEN_ZHANG).phone()).isEqualTo("13812345678");
		assertThat(c.requesterAsSeenBy(CITIZEN_ZHANG).name()).isEqualTo("张三");
	}

	@Test
	@DisplayName("the command centre and the handling unit see the requester masked and may reveal them")
	void revealable() {
		Case c = dispatchedToUrban(false);
		for (Actor a : List.of(DISPATCHER, HOTLINE, URBAN_STAFF)) {
			assertThat(c.requesterAccessOf(a)).as(a.username()).isEqualTo(RequesterAccess.REVEALABLE);
			assertThat(c.requesterAsSeenBy(a).phone()).as(a.username()).isEqualTo("138****5678");
			assertThat(c.requesterAsSeenBy(a).name()).as(a.username()).isEqualTo("张*");
			assertThat(c.requesterAsSeenBy(a).username()).isNull();
			assertThat(c.requesterRevealedTo(a).phone()).isEqualTo("13812345678");
			assertThat(c.requesterRevealedTo(a).name()).isEqualTo("张三");
		}
	}

	@Test
	@DisplayName("leaders, discipline, administrators, the town after its review and grid workers see masked only")
	void maskedOnly() {
		Case c = dispatchedToUrban(false);
		for (Actor a : List.of(LEADER, INSPECTOR, ADMIN, TOWN_A_OP, GRID_A, ENV_STAFF, HOUSING_STAFF, CITIZEN_LI)) {
			assertThat(c.requesterAccessOf(a)).as(a.username()).isEqualTo(RequesterAccess.MASKED);
			assertThat(c.requesterAsSeenBy(a).phone()).as(a.username()).isEqualTo("138****5678");
			assertThatThrownBy(() -> c.requesterRevealedTo(a)).as(a.username()).isInstanceOf(ForbiddenException.class);
		}
	}

	@Test
	@DisplayName("the town reviewing a request may reveal its requester; after it handed it on, no longer")
	void townWhileReviewing() {
		Submission s = new Submission(LIVELIHOOD, "路灯不亮", "和平路口的路灯坏了三天", null, null, Channel.H5, 10L, null,
				new Requester("张三", "13812345678", null), false, List.of());
		Case c = Case.submit(UUID.randomUUID(), "SD202503039990", s, CITIZEN_ZHANG, NOW);
		assertThat(c.requesterAccessOf(TOWN_A_OP)).isEqualTo(RequesterAccess.REVEALABLE);
		c.escalate(TOWN_A_OP, "超出镇街职权", NOW);
		assertThat(c.requesterAccessOf(TOWN_A_OP)).isEqualTo(RequesterAccess.MASKED);
	}

	@Test
	@DisplayName("an anonymous request hides the requester from the handling unit and everyone but the command centre")
	void anonymous() {
		Case c = dispatchedToUrban(true);
		for (Actor a : List.of(URBAN_STAFF, LEADER, INSPECTOR, ADMIN, TOWN_A_OP, GRID_A)) {
			assertThat(c.requesterAccessOf(a)).as(a.username()).isEqualTo(RequesterAccess.HIDDEN);
			assertThat(c.requesterAsSeenBy(a).name()).as(a.username()).isNull();
			assertThat(c.requesterAsSeenBy(a).phone()).as(a.username()).isNull();
			assertThatThrownBy(() -> c.requesterRevealedTo(a)).isInstanceOf(ForbiddenException.class);
		}
		assertThat(c.requesterAccessOf(DISPATCHER)).isEqualTo(RequesterAccess.REVEALABLE);
		assertThat(c.requesterAccessOf(CITIZEN_ZHANG)).isEqualTo(RequesterAccess.OWN);
	}

	@Test
	@DisplayName("a requester never reaches a log line in clear through toString")
	void toStringMasks() {
		assertThat(new Requester("张三", "13812345678", "zhangsan").toString()).doesNotContain("13812345678", "张三")
			.contains("138****5678");
	}
}
