package org.sudi.channel.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.directory.Actor;
import org.sudi.directory.Role;
import org.sudi.platform.AuditKind;
import org.sudi.platform.AuditTrail;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.InvalidInputException;
import org.sudi.platform.NotFoundException;

/**
 * Outside systems that hand requests over by API: the 110 non-police transfer (POLICE110) and Open311
 * clients. An ADMIN registers one and gets its API key once; only the key's SHA-256 is kept (the key
 * has 256 random bits, so a plain hash suffices). A revoked key stops working at once, on every node.
 */
@Service
public class IntegrationClients {

	public enum Kind {
		OPEN311, POLICE110
	}

	public record Client(long id, String name, Kind kind, String keyPrefix, String createdBy, Instant createdAt,
			Instant revokedAt) {

		/**
		 * Who the client acts as when it files a case: an intake account of the command centre's hotline
		 * desk named after the client, so every case it files is attributed to it (created_by client-N).
		 */
		public Actor actor() {
			return new Actor(username(id), name, null, Set.of(Role.HOTLINE));
		}

		public boolean active() {
			return revokedAt == null;
		}
	}

	public record Registered(Client client, String apiKey) {
	}

	public static String username(long clientId) {
		return "client-" + clientId;
	}

	private static final RowMapper<Client> ROW = (rs, n) -> new Client(rs.getLong("id"), rs.getString("name"),
			Kind.valueOf(rs.getString("kind")), rs.getString("key_prefix"), rs.getString("created_by"),
			rs.getTimestamp("created_at").toInstant(),
			rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant());

	private final SecureRandom random = new SecureRandom();
	private final JdbcClient jdbc;
	private final Clock clock;
	private final AuditTrail audit;

	IntegrationClients(JdbcClient jdbc, Clock clock, AuditTrail audit) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.audit = audit;
	}

	@Transactional
	public Registered register(Actor actor, String name, Kind kind) {
		requireAdmin(actor);
		if (name == null || name.isBlank()) {
			throw new InvalidInputException("name", "must not be blank");
		}
		if (kind == null) {
			throw new InvalidInputException("kind", "must be OPEN311 or POLICE110");
		}
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		String key = "sudi_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		long id = jdbc.sql("""
				insert into channel_client(name, kind, key_hash, key_prefix, created_by, created_at)
				values (?, ?, ?, ?, ?, ?) returning id""")
			.params(name.strip(), kind.name(), hash(key), key.substring(0, 9), actor.username(),
					Timestamp.from(clock.instant()))
			.query(Long.class)
			.single();
		audit.record(AuditKind.PERMISSION_CHANGED, actor.username(), "channel_client:" + id,
				"integration client key issued: " + name.strip() + " (" + kind + ")");
		return new Registered(get(id), key);
	}

	public List<Client> list(Actor actor) {
		requireAdmin(actor);
		return jdbc.sql("select * from channel_client order by id").query(ROW).list();
	}

	@Transactional
	public Client revoke(Actor actor, long id) {
		requireAdmin(actor);
		get(id);
		jdbc.sql("update channel_client set revoked_at = coalesce(revoked_at, ?) where id = ?")
			.params(Timestamp.from(clock.instant()), id).update();
		audit.record(AuditKind.PERMISSION_CHANGED, actor.username(), "channel_client:" + id, "integration client key revoked");
		return get(id);
	}

	/** The active client of this kind that holds the key. */
	public Optional<Client> authenticate(String apiKey, Kind kind) {
		if (apiKey == null || apiKey.isBlank() || apiKey.length() > 200) {
			return Optional.empty();
		}
		return jdbc.sql("select * from channel_client where key_hash = ? and kind = ? and revoked_at is null")
			.params(hash(apiKey.strip()), kind.name())
			.query(ROW)
			.optional();
	}

	public Optional<Client> find(long id) {
		return jdbc.sql("select * from channel_client where id = ?").param(id).query(ROW).optional();
	}

	private Client get(long id) {
		return find(id).orElseThrow(() -> new NotFoundException("Integration client", id));
	}

	private static void requireAdmin(Actor actor) {
		if (!actor.has(Role.ADMIN)) {
			throw new ForbiddenException("Only an administrator manages integration clients");
		}
	}

	static String hash(String key) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
