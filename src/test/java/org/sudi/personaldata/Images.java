package org.sudi.personaldata;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** Uploaded photos come back re-encoded (ADR 0029): compare them by their pixels, not their bytes. */
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
}
