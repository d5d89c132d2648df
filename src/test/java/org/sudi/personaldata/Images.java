package org.sudi.personaldata;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** Test photos (one with GPS tags in its EXIF); uploaded photos come back re-encoded (ADR 0029): compare pixels, not bytes. */
public final class Images {

	private Images() {
	}

	public static BufferedImage decode(byte[] bytes) {
		try {
			return ImageIO.read(new ByteArrayInputStream(bytes));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Whether both decode to the same size and, for lossless formats, the same pixels. */
	public static boolean samePicture(byte[] a, byte[] b) {
		BufferedImage x = decode(a);
		BufferedImage y = decode(b);
		if (x == null || y == null || x.getWidth() != y.getWidth() || x.getHeight() != y.getHeight()) {
			return false;
		}
		for (int i = 0; i < x.getWidth(); i++) {
			for (int j = 0; j < x.getHeight(); j++) {
				if (x.getRGB(i, j) != y.getRGB(i, j)) {
					return false;
				}
			}
		}
		return true;
	}

	/** A real 64×48 JPEG whose EXIF carries GPS tags (31°N 118°E), a camera make and a comment. */
	public static byte[] jpegWithGps() {
		BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < 64; x++) {
			for (int y = 0; y < 48; y++) {
				image.setRGB(x, y, x < 32 ? Color.RED.getRGB() : Color.BLUE.getRGB());
			}
		}
		ByteArrayOutputStream plain = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "jpeg", plain);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		byte[] jpeg = plain.toByteArray();
		byte[] app1 = exifApp1();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2); // SOI
		out.write(app1, 0, app1.length);
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}

	/** APP1 "Exif": IFD0 with Make and a GPS IFD pointer; the GPS IFD with latitude and longitude. */
	private static byte[] exifApp1() {
		ByteBuffer t = ByteBuffer.allocate(200).order(ByteOrder.BIG_ENDIAN);
		t.put(new byte[] { 'M', 'M', 0, 42 }).putInt(8);
		// IFD0 at 8: 2 entries
		t.putShort((short) 2);
		t.putShort((short) 0x010F).putShort((short) 2).putInt(8).putInt(38); // Make, ASCII[8] at 38
		t.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(46); // GPS IFD pointer → 46
		t.putInt(0);
		t.position(38);
		t.put("SpyCam\0\0".getBytes(StandardCharsets.US_ASCII));
		// GPS IFD at 46: 4 entries
		t.position(46);
		t.putShort((short) 4);
		t.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] { 'N', 0, 0, 0 }); // GPSLatitudeRef
		t.putShort((short) 2).putShort((short) 5).putInt(3).putInt(100); // GPSLatitude → 100
		t.putShort((short) 3).putShort((short) 2).putInt(2).put(new byte[] { 'E', 0, 0, 0 }); // GPSLongitudeRef
		t.putShort((short) 4).putShort((short) 5).putInt(3).putInt(124); // GPSLongitude → 124
		t.putInt(0);
		t.position(100);
		t.putInt(31).putInt(1).putInt(14).putInt(1).putInt(1500).putInt(100);
		t.position(124);
		t.putInt(118).putInt(1).putInt(46).putInt(1).putInt(2200).putInt(100);
		byte[] tiff = new byte[148];
		t.position(0);
		t.get(tiff);
		ByteArrayOutputStream app1 = new ByteArrayOutputStream();
		int length = 2 + 6 + tiff.length;
		app1.write(0xFF);
		app1.write(0xE1);
		app1.write(length >> 8);
		app1.write(length & 0xFF);
		app1.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
		app1.writeBytes(tiff);
		return app1.toByteArray();
	}
}
