package org.sudi.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sudi.IntegrationTest;
import org.sudi.casework.CaseIntake;
import org.sudi.casework.CaseType;
import org.sudi.casework.Channel;
import org.sudi.casework.NewCase;
import org.sudi.casework.domain.Cases;
import org.sudi.directory.Actor;
import org.sudi.directory.Role;
import org.sudi.platform.PersonalDataColumn;

/**
 * Rows written before encryption are sealed, and a key rotation re-seals every row, in the real
 * database (ADR 0028).
 */
@IntegrationTest
@DisplayName("Personal data sealer (migration and rotation)")
class PersonalDataSealerTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PersonalDataCipher cipher;

	@Autowired
	PersonalDataSealer sealer;

	@Autowired
	List<PersonalDataColumn> columns;

	@Autowired
	Cases cases;

	@Autowired
	CaseIntake intake;

	/** A fresh case with a requester, filed by the hotline. */
	private UUID anyCase() {
		Actor hotline = new Actor("hotline", "话务员", null, Set.of(Role.HOTLINE));
		return intake.submit(hotline, new NewCase(CaseType.DEVELOPMENT, "厂区门口积水", "厂区门口积水，影响通行。", null, null,
				Channel.HOTLINE, null, null, null, "厂区门口", "王五", "13600009999", false, List.of())).id();
	}

	@Test
	@DisplayName("a phone and name stored in clear (as before V50) are sealed and hashed at startup, and read back")
	void sealsLegacyRows() {
		UUID id = anyCase();
		jdbc.sql("update cases set requester_name = '老张', requester_phone = '13700001234', requester_phone_hash = null where id = ?")
			.param(id).update();
		assertThat(sealer.seal(Cases.REQUESTER_NAME)).isEqualTo(1);
		assertThat(sealer.seal(Cases.REQUESTER_PHONE)).isEqualTo(1);
		Map<String, Object> row = jdbc.sql("select requester_name, requester_phone, requester_phone_hash from cases where id = ?")
			.param(id).query().singleRow();
		assertThat((String) row.get("requester_phone")).startsWith(cipher.currentPrefix()).doesNotContain("13700001234");
		assertThat((String) row.get("requester_name")).startsWith(cipher.currentPrefix());
		assertThat(row.get("requester_phone_hash")).isEqualTo(cipher.phoneIndex("13700001234"));
		assertThat(cases.find(id).orElseThrow().requester().phone()).isEqualTo("13700001234");
		assertThat(cases.find(id).orElseThrow().requester().name()).isEqualTo("老张");
		assertThat(sealer.seal(Cases.REQUESTER_PHONE)).as("nothing left to seal").isZero();
	}

	@Test
	@DisplayName("one-time codes stored with the number in clear keep only its keyed hash")
	void hashesLegacyCodes() {
		jdbc.sql("""
				insert into channel_sms_code(phone, code_hash, expires_at, created_at)
				values ('13700005678', 'salt:hash', now(), now())""").update();
		PersonalDataColumn codes = columns.stream().filter(c -> c.table().equals("channel_sms_code")).findFirst()
			.orElseThrow();
		assertThat(sealer.seal(codes)).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from channel_sms_code where phone is not null").query(Long.class).single())
			.isZero();
		assertThat(jdbc.sql("select count(*) from channel_sms_code where phone_hash = ?")
			.param(cipher.phoneIndex("13700005678")).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	@DisplayName("a rotation to a new key re-seals every row; rotating back restores the configured key")
	void rotation() {
		UUID id = anyCase();
		String phone = cases.find(id).orElseThrow().requester().phone();
		byte[] appKey = Base64.getDecoder().decode(jdbc.sql("select value from platform_secret where name = 'personal-data-key'")
			.query(String.class).single());
		byte[] newKey = new byte[32];
		new java.security.SecureRandom().nextBytes(newKey);
		PersonalDataCipher rotated = new PersonalDataCipher(PersonalDataCipher.Algorithm.SM4, List.of(newKey, appKey));
		PersonalDataCipher back = new PersonalDataCipher(PersonalDataCipher.Algorithm.SM4, List.of(appKey, newKey));
		try {
			new PersonalDataSealer(rotated, jdbc, columns).afterSingletonsInstantiated();
			Map<String, Object> row = jdbc.sql("select requester_phone, requester_phone_hash from cases where id = ?")
				.param(id).query().singleRow();
			assertThat((String) row.get("requester_phone")).startsWith(rotated.currentPrefix());
			assertThat(rotated.open("cases.requester_phone", (String) row.get("requester_phone"))).isEqualTo(phone);
			assertThat(row.get("requester_phone_hash")).isEqualTo(rotated.phoneIndex(phone));
			assertThat(jdbc.sql("select count(*) from cases where requester_phone not like ?")
				.param(rotated.currentPrefix() + "%").query(Long.class).single()).isZero();
		}
		finally {
			new PersonalDataSealer(back, jdbc, columns).afterSingletonsInstantiated();
		}
		assertThat(cases.find(id).orElseThrow().requester().phone()).isEqualTo(phone);
	}

	@Test
	@DisplayName("a start under an unchanged key does not scan the columns again; a column never recorded is scanned")
	void startsWithoutRescanningUnderTheSameKey() {
		UUID id = anyCase();
		new PersonalDataSealer(cipher, jdbc, columns).afterSingletonsInstantiated();
		assertThat(jdbc.sql("select count(*) from platform_sealed_column where prefix = ?").param(cipher.currentPrefix())
			.query(Long.class).single()).isEqualTo(columns.size());
		// a value written around the application after the column was recorded: left alone by a start…
		jdbc.sql("update cases set requester_name = '老李' where id = ?").param(id).update();
		new PersonalDataSealer(cipher, jdbc, columns).afterSingletonsInstantiated();
		assertThat(jdbc.sql("select requester_name from cases where id = ?").param(id).query(String.class).single())
			.isEqualTo("老李");
		// …until the column's record is gone (or the key changes, see the rotation): then it is sealed
		jdbc.sql("delete from platform_sealed_column where context = ?").param(Cases.REQUESTER_NAME.context()).update();
		new PersonalDataSealer(cipher, jdbc, columns).afterSingletonsInstantiated();
		assertThat(jdbc.sql("select requester_name from cases where id = ?").param(id).query(String.class).single())
			.startsWith(cipher.currentPrefix());
		assertThat(cases.find(id).orElseThrow().requester().name()).isEqualTo("老李");
	}
}
