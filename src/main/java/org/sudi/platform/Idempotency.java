package org.sudi.platform;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a creating action at most once per {@code Idempotency-Key} (ADR 0030): the same key from the same
 * caller with the same request (fingerprint) gets the first action's result back instead of a second
 * action; with a different request it is refused. Kept in the database, so it holds across nodes and
 * for concurrent retries (the second waits for the first's transaction, then replays it). Keys are
 * forgotten after {@code sudi.idempotency.ttl}.
 */
public interface Idempotency {

	/**
	 * @param scope what is being created, e.g. {@code case-create}
	 * @param caller who asks (the same key from another caller is another key)
	 * @param key the client's Idempotency-Key (1–255 visible ASCII characters)
	 * @param fingerprint a digest of the request; the same key with another fingerprint is refused
	 * @param action creates the thing in the caller's transaction and returns what identifies it
	 * @throws InvalidInputException for a malformed key
	 * @throws KeyReusedException when the key was used for a different request
	 */
	Outcome once(String scope, String caller, String key, String fingerprint, Supplier<String> action);

	/** SHA-256 (hex) of the request as JSON: equal requests, equal fingerprints. */
	static String fingerprint(Object request) {
		try {
			byte[] json = JsonMapper.builder().build().writeValueAsBytes(request);
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The action's result, and whether it was replayed from an earlier request with the same key. */
	record Outcome(String result, boolean replayed) {
	}

	/** The same Idempotency-Key came with a different request (HTTP 422). */
	class KeyReusedException extends RuntimeException {
		public KeyReusedException() {
			super("This Idempotency-Key was already used for a different request; use a new key for a new request");
		}
	}
}
