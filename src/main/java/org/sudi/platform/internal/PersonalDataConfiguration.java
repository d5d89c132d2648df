package org.sudi.platform.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.StringUtils;
import org.sudi.platform.internal.PersonalDataCipher.Algorithm;

/**
 * The personal data key ring (ADR 0028). The key is {@code sudi.security.personal-data-key} (Base64 of
 * at least 32 random bytes); unset, one is generated once and kept in {@code platform_secret} like the
 * token key, so restarts and every node share it. Earlier keys go in
 * {@code sudi.security.personal-data-previous-keys} (comma-separated) until the rows are re-sealed; a
 * generated key in the database stays readable after a key is configured, so configuring one rotates.
 */
@Configuration(proxyBeanMethods = false)
class PersonalDataConfiguration {

	private static final String SECRET_NAME = "personal-data-key";

	@Bean
	PersonalDataCipher personalData(@Value("${sudi.security.personal-data-key:}") String configured,
			@Value("${sudi.security.personal-data-previous-keys:}") String previous,
			@Value("${sudi.security.personal-data-algorithm:SM4}") String algorithm, JdbcClient jdbc) {
		List<byte[]> keys = new ArrayList<>();
		Optional<String> stored = jdbc.sql("select value from platform_secret where name = '" + SECRET_NAME + "'")
			.query(String.class)
			.optional();
		if (StringUtils.hasText(configured)) {
			keys.add(decode(configured));
			stored.ifPresent(s -> keys.add(decode(s)));
		}
		else {
			byte[] fresh = new byte[32];
			new SecureRandom().nextBytes(fresh);
			jdbc.sql("insert into platform_secret(name, value) values ('" + SECRET_NAME + "', :v) on conflict (name) do nothing")
				.param("v", Base64.getEncoder().encodeToString(fresh))
				.update();
			keys.add(decode(jdbc.sql("select value from platform_secret where name = '" + SECRET_NAME + "'")
				.query(String.class)
				.single()));
		}
		for (String p : StringUtils.commaDelimitedListToStringArray(previous)) {
			if (StringUtils.hasText(p)) {
				keys.add(decode(p));
			}
		}
		return new PersonalDataCipher(Algorithm.valueOf(algorithm.strip().toUpperCase()), keys);
	}

	private static byte[] decode(String base64) {
		try {
			return Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException e) {
			throw new IllegalStateException("sudi.security.personal-data-key must be Base64", e);
		}
	}
}
