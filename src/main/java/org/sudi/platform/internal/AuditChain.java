package org.sudi.platform.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.sudi.platform.AuditLog.Verification;

/**
 * The audit log's hash chain (ADR 0027): each row's hash is HMAC-SHA256 over its canonical content,
 * which includes the previous row's hash. Used by the application to write and to verify, and by the
 * stand-alone verify command ({@link AuditVerifyCommand}), so both compute the same thing.
 */
final class AuditChain {

	static final String GENESIS = "0".repeat(64);

	private final byte[] key;
	private final String keyId;

	AuditChain(byte[] key) {
		if (key.length < 32) {
			throw new IllegalStateException("sudi.audit.key must be Base64 of at least 32 bytes");
		}
		this.key = key.clone();
		this.keyId = keyId(key);
	}

	String keyId() {
		return keyId;
	}

	/** A short fingerprint of the key, kept on each row, so a row written with another key is named as such. */
	static String keyId(byte[] key) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key)).substring(0, 16);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Timestamps are kept to the microsecond, as PostgreSQL stores them. */
	static Instant truncate(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS);
	}

	String hash(long id, Instant occurredAt, String kind, String actor, String subject, String detail,
			String sourceAddress, String rowKeyId, String prevHash) {
		long micros = ChronoUnit.MICROS.between(Instant.EPOCH, truncate(occurredAt));
		StringBuilder canonical = new StringBuilder(256);
		for (String field : new String[] { Long.toString(id), Long.toString(micros), kind, actor, subject, detail,
				sourceAddress, rowKeyId, prevHash }) {
			// Length-prefixed, so no choice of field values can make two different rows read alike.
			canonical.append(field == null ? "-1:" : field.length() + ":" + field).append('\n');
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * Checks every row from the newest anchor (or the first row) to the head: ids without gaps, each
	 * row's previous hash equal to the hash of the row before, each hash recomputed, and the head row
	 * pointing at the last row (so rows cut off the end are noticed too).
	 */
	Verification verify(Connection connection) throws SQLException {
		long expectedId = 1;
		String expectedPrev = GENESIS;
		try (PreparedStatement anchor = connection.prepareStatement(
				"select through_id, through_hash from audit_anchor order by through_id desc limit 1");
				ResultSet rs = anchor.executeQuery()) {
			if (rs.next()) {
				expectedId = rs.getLong(1) + 1;
				expectedPrev = rs.getString(2);
			}
		}
		long headId;
		String headHash;
		try (PreparedStatement head = connection.prepareStatement("select last_id, last_hash from audit_head");
				ResultSet rs = head.executeQuery()) {
			if (!rs.next()) {
				return new Verification(false, 0, null, "the head row is missing", 0);
			}
			headId = rs.getLong(1);
			headHash = rs.getString(2);
		}
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		long checked = 0;
		try (PreparedStatement rows = connection.prepareStatement("""
				select id, occurred_at, kind, actor, subject, detail, source_address, key_id, prev_hash, hash
				from audit_log order by id""")) {
			rows.setFetchSize(1000);
			try (ResultSet rs = rows.executeQuery()) {
				while (rs.next()) {
					long id = rs.getLong("id");
					if (id != expectedId) {
						return broken(checked, id < expectedId ? id : expectedId,
								id < expectedId ? "row " + id + " is out of order"
										: "rows " + expectedId + (id - 1 > expectedId ? "–" + (id - 1) : "")
												+ " are missing", headId);
					}
					String rowKeyId = rs.getString("key_id");
					if (!keyId.equals(rowKeyId)) {
						return broken(checked, id, "row " + id + " was written with another key (key id " + rowKeyId
								+ ", this key is " + keyId + ")", headId);
					}
					String prev = rs.getString("prev_hash");
					if (!prev.equals(expectedPrev)) {
						return broken(checked, id, "row " + id + " does not follow the row before it (previous hash differs)",
								headId);
					}
					String stored = rs.getString("hash");
					String computed = hash(id, rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant(), rs.getString("kind"),
							rs.getString("actor"), rs.getString("subject"), rs.getString("detail"),
							rs.getString("source_address"), rowKeyId, prev);
					if (!MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
							computed.getBytes(StandardCharsets.US_ASCII))) {
						return broken(checked, id, "row " + id + " was changed after it was written (hash differs)", headId);
					}
					checked++;
					expectedId = id + 1;
					expectedPrev = stored;
				}
			}
		}
		finally {
			connection.commit();
			connection.setAutoCommit(autoCommit);
		}
		if (headId != expectedId - 1 || !headHash.equals(expectedPrev)) {
			return broken(checked, expectedId, "the log ends at row " + (expectedId - 1) + " but its head says "
					+ headId + ": rows at the end are missing", headId);
		}
		return new Verification(true, checked, null, null, headId);
	}

	private static Verification broken(long checked, long id, String problem, long headId) {
		return new Verification(false, checked, id, problem, headId);
	}
}
