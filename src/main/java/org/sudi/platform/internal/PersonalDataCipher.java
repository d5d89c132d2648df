package org.sudi.platform.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.sudi.platform.PersonalData;

/**
 * {@link PersonalData} with a key ring: the first key seals, every key opens (rotation). Each master key
 * (at least 32 random bytes) gives three sub-keys by HMAC-SHA256: the cipher key (16 bytes for SM4,
 * 32 for AES), the index key, and the 8-hex-digit key id that sealed values and hashes carry.
 */
final class PersonalDataCipher implements PersonalData {

	/** The algorithms a value may be sealed with; the name is part of the sealed value. */
	enum Algorithm {
		SM4("sm4", "SM4/GCM/NoPadding", "SM4", 16), AES("aes", "AES/GCM/NoPadding", "AES", 32);

		final String tag;

		final String transformation;

		final String keyAlgorithm;

		final int keyBytes;

		Algorithm(String tag, String transformation, String keyAlgorithm, int keyBytes) {
			this.tag = tag;
			this.transformation = transformation;
			this.keyAlgorithm = keyAlgorithm;
			this.keyBytes = keyBytes;
		}

		static Algorithm ofTag(String tag) {
			for (Algorithm a : values()) {
				if (a.tag.equals(tag)) {
					return a;
				}
			}
			return null;
		}
	}

	private static final String PREFIX = "pd1.";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final Provider BC = new BouncyCastleProvider();

	private record Key(String id, byte[] master, byte[] indexKey, Map<Algorithm, SecretKeySpec> cipherKeys) {
		Key(String id, byte[] master, byte[] indexKey) {
			this(id, master, indexKey, new EnumMap<>(Algorithm.class));
			// Derived once, not at every seal and open (two HMACs per intake).
			for (Algorithm a : Algorithm.values()) {
				cipherKeys.put(a, new SecretKeySpec(
						Arrays.copyOf(derive(master, "sudi personal data cipher " + a.tag), a.keyBytes), a.keyAlgorithm));
			}
		}

		SecretKeySpec cipherKey(Algorithm algorithm) {
			return cipherKeys.get(algorithm);
		}
	}

	private final Algorithm algorithm;

	private final Key current;

	private final Map<String, Key> keys = new LinkedHashMap<>();

	private final SecureRandom random = new SecureRandom();

	/** @param masterKeys the current key first, then the previous ones still needed to open old values */
	PersonalDataCipher(Algorithm algorithm, List<byte[]> masterKeys) {
		if (masterKeys.isEmpty()) {
			throw new IllegalArgumentException("no personal data key");
		}
		this.algorithm = algorithm;
		for (byte[] master : masterKeys) {
			if (master.length < 32) {
				throw new IllegalStateException("a personal data key must be Base64 of at least 32 bytes");
			}
			String id = HexFormat.of().formatHex(derive(master, "sudi personal data key id"), 0, 4);
			keys.putIfAbsent(id, new Key(id, master.clone(), derive(master, "sudi personal data index")));
		}
		this.current = keys.values().iterator().next();
	}

	/** The id of the key that seals now. */
	String currentKeyId() {
		return current.id();
	}

	/** The prefix every value sealed under the current key and algorithm starts with. */
	String currentPrefix() {
		return PREFIX + algorithm.tag + "." + current.id() + ".";
	}

	@Override
	public String seal(String context, String plaintext) {
		if (plaintext == null) {
			return null;
		}
		try {
			byte[] iv = new byte[IV_BYTES];
			random.nextBytes(iv);
			Cipher cipher = cipher(algorithm);
			cipher.init(Cipher.ENCRYPT_MODE, current.cipherKey(algorithm), new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(aad(context, current.id()));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[iv.length + sealed.length];
			System.arraycopy(iv, 0, out, 0, iv.length);
			System.arraycopy(sealed, 0, out, iv.length, sealed.length);
			return currentPrefix() + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("cannot seal personal data", e);
		}
	}

	@Override
	public String open(String context, String sealed) {
		if (sealed == null) {
			return null;
		}
		String[] parts = sealed.split("\\.", 4);
		Algorithm alg = parts.length == 4 && (parts[0] + ".").equals(PREFIX) ? Algorithm.ofTag(parts[1]) : null;
		if (alg == null) {
			throw new PersonalDataException("not a sealed value (" + context + ")", null);
		}
		Key key = keys.get(parts[2]);
		if (key == null) {
			throw new PersonalDataException("sealed under key " + parts[2] + ", which is not configured (" + context
					+ "); add it to sudi.security.personal-data-previous-keys", null);
		}
		try {
			byte[] in = Base64.getUrlDecoder().decode(parts[3]);
			if (in.length < IV_BYTES + TAG_BITS / 8) {
				throw new PersonalDataException("sealed value too short (" + context + ")", null);
			}
			Cipher cipher = cipher(alg);
			cipher.init(Cipher.DECRYPT_MODE, key.cipherKey(alg), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
			cipher.updateAAD(aad(context, key.id()));
			return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException e) {
			throw new PersonalDataException("sealed value altered or sealed for another column (" + context + ")", e);
		}
	}

	@Override
	public boolean isCurrent(String sealed) {
		return sealed != null && sealed.startsWith(currentPrefix());
	}

	@Override
	public String phoneIndex(String phone) {
		String normal = PersonalData.normalisePhone(phone);
		return normal == null ? null : index(current, "phone:" + normal);
	}

	@Override
	public List<String> phoneIndexes(String phone) {
		String normal = PersonalData.normalisePhone(phone);
		if (normal == null) {
			return List.of();
		}
		List<String> out = new ArrayList<>();
		for (Key k : keys.values()) {
			out.add(index(k, "phone:" + normal));
		}
		return out;
	}

	private static String index(Key key, String value) {
		return key.id() + "." + HexFormat.of().formatHex(hmac(key.indexKey(), value));
	}

	private static byte[] aad(String context, String keyId) {
		return (context + "|" + keyId).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * This thread's cipher of the algorithm: looking a cipher up at every seal was ≈ 2 % of an intake's
	 * CPU. Every use starts with {@code init} (a fresh IV for each seal), so nothing carries over.
	 */
	private static Cipher cipher(Algorithm algorithm) {
		return CIPHERS.get().computeIfAbsent(algorithm, a -> {
			try {
				return a == Algorithm.SM4 ? Cipher.getInstance(a.transformation, BC) : Cipher.getInstance(a.transformation);
			}
			catch (GeneralSecurityException e) {
				throw new IllegalStateException("no " + a.transformation, e);
			}
		});
	}

	private static final ThreadLocal<Map<Algorithm, Cipher>> CIPHERS = ThreadLocal
		.withInitial(() -> new EnumMap<>(Algorithm.class));

	private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
		try {
			return Mac.getInstance("HmacSHA256");
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	});

	private static byte[] derive(byte[] master, String label) {
		return hmac(master, label);
	}

	private static byte[] hmac(byte[] key, String value) {
		try {
			Mac mac = MACS.get();
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}
}
