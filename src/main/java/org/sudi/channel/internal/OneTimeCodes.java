package org.sudi.channel.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.channel.SmsSender;
import org.sudi.platform.InvalidInputException;
import org.sudi.platform.PersonalData;
import org.sudi.platform.PersonalDataColumn;
import org.sudi.platform.TooManyRequestsException;

/**
 * One-time sign-in codes sent by SMS. A code has 6 digits, is stored only as a salted SHA-256 hash,
 * expires after {@code codeTtl}, dies after {@code maxAttempts} wrong tries and once used; a number
 * gets a new code at most every {@code resendInterval} and at most {@code dailyLimit} a day. These
 * counts live in the database, so they hold across nodes. The number itself is kept only as its keyed
 * hash (ADR 0028).
 */
@Service
public class OneTimeCodes {

	private final SecureRandom random = new SecureRandom();
	private final JdbcClient jdbc;
	private final SmsSender sms;
	private final ChannelProperties.Sms settings;
	private final Clock clock;
	private final PersonalData personalData;

	/** Codes written before ADR 0028 had the number in clear: hashed and cleared at startup. */
	static final PersonalDataColumn PHONE = PersonalDataColumn.phoneIndexOnly("channel_sms_code", "id", "phone",
			"phone_hash");

	OneTimeCodes(JdbcClient jdbc, SmsSender sms, ChannelProperties properties, Clock clock, PersonalData personalData) {
		this.personalData = personalData;
		this.jdbc = jdbc;
		this.sms = sms;
		this.settings = properties.sms();
		this.clock = clock;
	}

	public static boolean isMobile(String phone) {
		return phone != null && phone.matches("1[3-9]\\d{9}");
	}

	/**
	 * Sends a new code to the number.
	 *
	 * @throws InvalidInputException when the number is not a mobile number
	 * @throws TooManyRequestsException when the number had a code too recently or too often today
	 */
	@Transactional
	public void send(String phone) {
		if (!isMobile(phone)) {
			throw new InvalidInputException("phone", "must be an 11-digit mobile number");
		}
		Instant now = clock.instant();
		String phoneHash = personalData.phoneIndex(phone);
		String[] phoneHashes = personalData.phoneIndexes(phone).toArray(String[]::new);
		jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("sms:" + phoneHash).query((rs, n) -> 1).list();
		Optional<Instant> last = jdbc.sql("select max(created_at) from channel_sms_code where phone_hash = any(?)")
			.param(phoneHashes).query((rs, n) -> rs.getTimestamp(1)).optional().filter(t -> t != null).map(Timestamp::toInstant);
		if (last.isPresent() && last.get().plus(settings.resendInterval()).isAfter(now)) {
			throw new TooManyRequestsException(
					Math.max(1, Duration.between(now, last.get().plus(settings.resendInterval())).toSeconds()));
		}
		long today = jdbc.sql("select count(*) from channel_sms_code where phone_hash = any(?) and created_at > ?")
			.params(phoneHashes, Timestamp.from(now.minus(Duration.ofDays(1)))).query(Long.class).single();
		if (today >= settings.dailyLimit()) {
			throw new TooManyRequestsException(Duration.ofHours(1).toSeconds());
		}
		String code = String.format("%06d", random.nextInt(1_000_000));
		String salt = randomHex(8);
		jdbc.sql("""
				insert into channel_sms_code(phone_hash, code_hash, expires_at, created_at) values (?, ?, ?, ?)""")
			.params(phoneHash, salt + ":" + hash(salt, phone, code), Timestamp.from(now.plus(settings.codeTtl())),
					Timestamp.from(now))
			.update();
		sms.send(phone, code + " 是您的诉递登录验证码，" + settings.codeTtl().toMinutes() + "分钟内有效，请勿告诉他人。"
				+ " (Sudi sign-in code)");
	}

	/**
	 * Checks a code against the number's latest unused, unexpired code: true once; every wrong try
	 * counts, and the code dies after the last allowed one.
	 */
	@Transactional
	public boolean verify(String phone, String code) {
		if (!isMobile(phone) || code == null || !code.strip().matches("\\d{6}")) {
			return false;
		}
		Instant now = clock.instant();
		record Row(long id, String codeHash, int attempts) {
		}
		Optional<Row> row = jdbc.sql("""
				select id, code_hash, attempts from channel_sms_code
				where phone_hash = any(?) and not used and expires_at > ? and attempts < ?
				order by created_at desc limit 1 for update""")
			.params(personalData.phoneIndexes(phone).toArray(String[]::new), Timestamp.from(now), settings.maxAttempts())
			.query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getInt(3)))
			.optional();
		if (row.isEmpty()) {
			return false;
		}
		String[] saltAndHash = row.get().codeHash().split(":", 2);
		boolean ok = MessageDigest.isEqual(saltAndHash[1].getBytes(StandardCharsets.US_ASCII),
				hash(saltAndHash[0], phone, code.strip()).getBytes(StandardCharsets.US_ASCII));
		if (ok) {
			jdbc.sql("update channel_sms_code set used = true where id = ?").param(row.get().id()).update();
		}
		else {
			jdbc.sql("update channel_sms_code set attempts = attempts + 1 where id = ?").param(row.get().id()).update();
		}
		return ok;
	}

	private static String hash(String salt, String phone, String code) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha.digest((salt + ":" + phone + ":" + code).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private String randomHex(int bytes) {
		byte[] b = new byte[bytes];
		random.nextBytes(b);
		return HexFormat.of().formatHex(b);
	}
}
