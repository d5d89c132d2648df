package org.sudi.casework.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sudi.casework.CaseType.LIVELIHOOD;
import static org.sudi.casework.domain.CaseTests.CITIZEN_LI;
import static org.sudi.casework.domain.CaseTests.CITIZEN_ZHANG;
import static org.sudi.casework.domain.CaseTests.DISPATCHER;
import static org.sudi.casework.domain.CaseTests.HOTLINE;
import static org.sudi.casework.domain.CaseTests.LATER;
import static org.sudi.casework.domain.CaseTests.NOW;
import static org.sudi.casework.domain.CaseTests.PHONE;
import static org.sudi.casework.domain.CaseTests.TOWN_A_OP;
import static org.sudi.casework.domain.CaseTests.URBAN;
import static org.sudi.casework.domain.CaseTests.URBAN_STAFF;

import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sudi.casework.CaseInformationAdded;
import org.sudi.casework.CaseStatus;
import org.sudi.casework.Channel;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.IllegalTransitionException;
import org.sudi.platform.InvalidInputException;

/** What the requester does beyond submitting: add information, stay anonymous, give photos. */
class RequesterActionsTests {

	private static Case anonymousLivelihood() {
		Submission s = new Submission(LIVELIHOOD, "楼道堆物", "三单元楼道堆满杂物", null, null, Channel.H5, 10L,
				new Location(null, null, "坛山街道文化路12号"), new Requester("张三", PHONE, null), true,
				List.of(UUID.randomUUID()));
		Case c = Case.submit(UUID.randomUUID(), "20250303-000001", s, CITIZEN_ZHANG, NOW);
		CaseTests.settle(c);
		return c;
	}

	@Test
	@DisplayName("the requester adds information: a timeline entry and an event, the status unchanged")
	void addInformation() {
		Case c = CaseTests.livelihood();
		CaseTests.settle(c);
		c.addInformation(CITIZEN_ZHANG, "  晚上十点以后最吵  ", LATER);
		assertThat(c.status()).isEqualTo(CaseStatus.TOWN_REVIEW);
		assertThat(c.newTimelineEntries()).singleElement().satisfies(e -> {
			assertThat(e.action()).isEqualTo("ADD_INFORMATION");
			assertThat(e.note()).isEqualTo("晚上十点以后最吵");
			assertThat(e.actorUsername()).isEqualTo(CITIZEN_ZHANG.username());
		});
		assertThat(c.pullEvents()).singleElement().isInstanceOf(CaseInformationAdded.class);
	}

	@Test
	@DisplayName("only the requester adds information, never to a closed case, never an empty note")
	void addInformationRules() {
		Case c = CaseTests.livelihood();
		assertThatThrownBy(() -> c.addInformation(CITIZEN_LI, "我也看到了", LATER)).isInstanceOf(ForbiddenException.class);
		assertThatThrownBy(() -> c.addInformation(DISPATCHER, "备注", LATER)).isInstanceOf(ForbiddenException.class);
		assertThatThrownBy(() -> c.addInformation(CITIZEN_ZHANG, "  ", LATER)).isInstanceOf(InvalidInputException.class);
		c.withdraw(CITIZEN_ZHANG, "已自行解决", LATER);
		assertThatThrownBy(() -> c.addInformation(CITIZEN_ZHANG, "补充", LATER))
			.isInstanceOf(IllegalTransitionException.class);
	}

	@Test
	@DisplayName("an anonymous requester is hidden from handlers, the town and the leader, not from themselves or the command centre")
	void anonymity() {
		Case c = anonymousLivelihood();
		c.escalate(TOWN_A_OP, "超出职权", LATER);
		c.dispatch(DISPATCHER, URBAN, Collections.emptyList(), null, null, LATER);
		assertThat(c.anonymous()).isTrue();
		assertThat(c.requesterAsSeenBy(URBAN_STAFF)).isEqualTo(new Requester(null, null, null));
		assertThat(c.requesterAsSeenBy(TOWN_A_OP)).isEqualTo(new Requester(null, null, null));
		assertThat(c.requesterAsSeenBy(CaseTests.LEADER).name()).isNull();
		assertThat(c.requesterAsSeenBy(CITIZEN_ZHANG).phone()).isEqualTo(PHONE);
		// The command centre sees it masked, and in full only on an explicit (audited) reveal.
		assertThat(c.requesterAsSeenBy(DISPATCHER).name()).isEqualTo("张*");
		assertThat(c.requesterAsSeenBy(HOTLINE).phone()).isEqualTo("138****5678");
		assertThat(c.requesterRevealedTo(DISPATCHER).name()).isEqualTo("张三");
		assertThat(c.requesterRevealedTo(HOTLINE).phone()).isEqualTo(PHONE);
	}

	@Test
	@DisplayName("a named requester's name and phone are masked for handlers")
	void namedRequesterMasked() {
		Case c = CaseTests.livelihood();
		assertThat(c.requesterAsSeenBy(TOWN_A_OP)).isEqualTo(new Requester("张*", "138****5678", null));
	}

	@Test
	@DisplayName("at most 9 photos with a request")
	void photoLimit() {
		List<UUID> ten = java.util.stream.Stream.generate(UUID::randomUUID).limit(10).toList();
		Submission s = new Submission(LIVELIHOOD, "标题", "描述", null, null, Channel.H5, 10L, null, null, false, ten);
		assertThatThrownBy(() -> Case.submit(UUID.randomUUID(), "20250303-000002", s, CITIZEN_ZHANG, NOW))
			.isInstanceOf(InvalidInputException.class).hasMessageContaining("9");
		Case ok = Case.submit(UUID.randomUUID(), "20250303-000003",
				new Submission(LIVELIHOOD, "标题", "描述", null, null, Channel.H5, 10L, null, null, false, ten.subList(0, 9)),
				CITIZEN_ZHANG, NOW);
		assertThat(ok.attachmentIds()).hasSize(9);
	}
}
