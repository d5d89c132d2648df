import java.nio.ByteBuffer;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The current RFC 6238 code (SHA-1, 6 digits, 30 s) of a Base32 secret, for the scripts that sign the
 * demo admin in (ADR 0026; the demo secret is in the README). Run as a single source file:
 * {@code java scripts/lib/DemoTotp.java SUDIDEMOADMINTOTPSECRETKEY234567 [step offset]}.
 */
public class DemoTotp {

	public static void main(String[] args) throws Exception {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		ByteBuffer key = ByteBuffer.allocate(args[0].length() * 5 / 8);
		int buffer = 0, bits = 0;
		for (char c : args[0].toUpperCase().replace("=", "").toCharArray()) {
			buffer = (buffer << 5) | alphabet.indexOf(c);
			bits += 5;
			if (bits >= 8) {
				key.put((byte) (buffer >> (bits - 8)));
				bits -= 8;
			}
		}
		long step = Instant.now().getEpochSecond() / 30 + (args.length > 1 ? Long.parseLong(args[1]) : 0);
		Mac mac = Mac.getInstance("HmacSHA1");
		mac.init(new SecretKeySpec(key.array(), 0, key.position(), "HmacSHA1"));
		byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
		int o = h[h.length - 1] & 0xf;
		int code = ((h[o] & 0x7f) << 24 | (h[o + 1] & 0xff) << 16 | (h[o + 2] & 0xff) << 8 | (h[o + 3] & 0xff)) % 1_000_000;
		System.out.printf("%06d%n", code);
	}
}
