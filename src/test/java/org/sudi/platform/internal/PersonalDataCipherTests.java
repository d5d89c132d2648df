package org.sudi.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sudi.platform.PersonalData.PersonalDataException;
import org.sudi.platform.internal.PersonalDataCipher.Algorithm;

/** Sealing personal data (ADR 0028): round trip, tampering, columns, key rotation, keyed hashes. */
@DisplayName("Personal data cipher")
class PersonalDataCipherTests {

	private static final byte[] KEY_1 = key(1);

	private static final byte[] KEY_2 = key(2);

	private static final String PHONE = "cases.requester_phone";

	private static byte[] key(int seed) {
		byte[] k = new byte[32];
		for (int i = 0; i < k.length; i++) {
			k[i] = (byte) (seed * 31 + i);
		}
		return k;
	}

	@ParameterizedTest
	@EnumSource(Algorithm.class)
	@DisplayName("a sealed value opens to what was sealed, carries algorithm and key id, and differs every time")
	void roundTrip(Algorithm algorithm) {
		PersonalDataCipher cipher = new PersonalDataCipher(algorithm, List.of(KEY_1));
		String sealed = cipher.seal(PHONE, "13812345678");
		assertThat(sealed).startsWith("pd1." + algorithm.name().toLowerCase() + "." + cipher.currentKeyId() + ".")
			.doesNotContain("13812345678");
		assertThat(cipher.open(PHONE, sealed)).isEqualTo("13812345678");
		assertThat(cipher.seal(PHONE, "13812345678")).isNotEqualTo(sealed);
		assertThat(cipher.open("cases.requester_name", cipher.seal("cases.requester_name", "欧阳小明"))).isEqualTo("欧阳小明");
		assertThat(cipher.seal(PHONE, null)).isNull();
		assertThat(cipher.open(PHONE, null)).isNull();
	}

	@ParameterizedTest
	@EnumSource(Algorithm.class)
	@DisplayName("a value altered by one bit, truncated, moved to another column or not sealed at all does not open")
	void tamper(Algorithm algorithm) {
		PersonalDataCipher cipher = new PersonalDataCipher(algorithm, List.of(KEY_1));
		String sealed = cipher.seal(PHONE, "13812345678");
		int cut = sealed.lastIndexOf('.') + 1;
		byte[] body = Base64.getUrlDecoder().decode(sealed.substring(cut));
		body[body.length / 2] ^= 1;
		String flipped = sealed.substring(0, cut) + Base64.getUrlEncoder().withoutPadding().encodeToString(body);
		assertThatThrownBy(() -> cipher.open(PHONE, flipped)).isInstanceOf(PersonalDataException.class);
		assertThatThrownBy(() -> cipher.open(PHONE, sealed.substring(0, sealed.length() - 4)))
			.isInstanceOf(PersonalDataException.class);
		assertThatThrownBy(() -> cipher.open("account.phone", sealed)).isInstanceOf(PersonalDataException.class);
		assertThatThrownBy(() -> cipher.open(PHONE, "13812345678")).isInstanceOf(PersonalDataException.class);
	}

	@ParameterizedTest
	@EnumSource(Algorithm.class)
	@DisplayName("after a rotation the new key seals, the old one still opens, and a value sealed under a dropped key fails")
	void rotation(Algorithm algorithm) {
		PersonalDataCipher before = new PersonalDataCipher(algorithm, List.of(KEY_1));
		String old = before.seal(PHONE, "13812345678");
		PersonalDataCipher after = new PersonalDataCipher(algorithm, List.of(KEY_2, KEY_1));
		assertThat(after.currentKeyId()).isNotEqualTo(before.currentKeyId());
		assertThat(after.isCurrent(old)).isFalse();
		assertThat(after.open(PHONE, old)).isEqualTo("13812345678");
		String resealed = after.seal(PHONE, after.open(PHONE, old));
		assertThat(after.isCurrent(resealed)).isTrue();
		PersonalDataCipher onlyNew = new PersonalDataCipher(algorithm, List.of(KEY_2));
		assertThat(onlyNew.open(PHONE, resealed)).isEqualTo("13812345678");
		assertThatThrownBy(() -> onlyNew.open(PHONE, old)).isInstanceOf(PersonalDataException.class)
			.hasMessageContaining(before.currentKeyId());
	}

	@ParameterizedTest
	@EnumSource(Algorithm.class)
	@DisplayName("a key sealed with one algorithm is opened after switching the algorithm (the value names its own)")
	void algorithmSwitch(Algorithm algorithm) {
		Algorithm other = algorithm == Algorithm.SM4 ? Algorithm.AES : Algorithm.SM4;
		String sealed = new PersonalDataCipher(algorithm, List.of(KEY_1)).seal(PHONE, "13812345678");
		PersonalDataCipher switched = new PersonalDataCipher(other, List.of(KEY_1));
		assertThat(switched.open(PHONE, sealed)).isEqualTo("13812345678");
		assertThat(switched.isCurrent(sealed)).isFalse();
	}

	@ParameterizedTest
	@EnumSource(Algorithm.class)
	@DisplayName("the keyed phone hash is the same for every way of writing the number, differs per key, and hides it")
	void phoneIndex(Algorithm algorithm) {
		PersonalDataCipher cipher = new PersonalDataCipher(algorithm, List.of(KEY_1));
		String index = cipher.phoneIndex("13812345678");
		assertThat(index).doesNotContain("13812345678").startsWith(cipher.currentKeyId() + ".");
		assertThat(cipher.phoneIndex("+86 138-1234-5678")).isEqualTo(index);
		assertThat(cipher.phoneIndex("0086 13812345678")).isEqualTo(index);
		assertThat(cipher.phoneIndex("13812345679")).isNotEqualTo(index);
		assertThat(cipher.phoneIndex(null)).isNull();
		PersonalDataCipher rotated = new PersonalDataCipher(algorithm, List.of(KEY_2, KEY_1));
		assertThat(rotated.phoneIndex("13812345678")).isNotEqualTo(index);
		assertThat(rotated.phoneIndexes("13812345678")).containsExactly(rotated.phoneIndex("13812345678"), index);
	}

	@ParameterizedTest
	@EnumSource(Algorithm.class)
	@DisplayName("a key shorter than 32 bytes is refused")
	void shortKey(Algorithm algorithm) {
		assertThatThrownBy(() -> new PersonalDataCipher(algorithm, List.of(new byte[16])))
			.isInstanceOf(IllegalStateException.class);
	}
}
