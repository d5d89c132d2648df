package org.sudi.attachment.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the orientation tag (0x0112) from a JPEG's EXIF segment; 1 (upright) when there is none. */
final class ExifOrientation {

	private ExifOrientation() {
	}

	static int read(Path jpeg) {
		try (InputStream raw = Files.newInputStream(jpeg); DataInputStream in = new DataInputStream(raw)) {
			if (in.readUnsignedShort() != 0xFFD8) {
				return 1;
			}
			while (true) {
				int marker = in.readUnsignedShort();
				if ((marker & 0xFF00) != 0xFF00 || marker == 0xFFDA || marker == 0xFFD9) {
					return 1;
				}
				int length = in.readUnsignedShort() - 2;
				if (length < 0) {
					return 1;
				}
				byte[] segment = in.readNBytes(length);
				if (marker == 0xFFE1 && segment.length > 14 && new String(segment, 0, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("Exif")) {
					return orientation(ByteBuffer.wrap(segment, 6, segment.length - 6).slice());
				}
			}
		}
		catch (IOException | RuntimeException e) {
			return 1;
		}
	}

	private static int orientation(ByteBuffer tiff) {
		tiff.order(tiff.getShort(0) == 0x4949 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
		int ifd = tiff.getInt(4);
		int entries = Short.toUnsignedInt(tiff.getShort(ifd));
		for (int i = 0; i < entries; i++) {
			int entry = ifd + 2 + i * 12;
			if (Short.toUnsignedInt(tiff.getShort(entry)) == 0x0112) {
				return Short.toUnsignedInt(tiff.getShort(entry + 8));
			}
		}
		return 1;
	}
}
