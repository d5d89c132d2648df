package org.sudi.attachment.internal;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import org.sudi.platform.InvalidInputException;

/**
 * Re-encodes an uploaded photo from its decoded pixels (ADR 0029): whatever else the file carried
 * (EXIF with the GPS position, XMP, comments, an appended script or archive of a polyglot) does not
 * survive, since only the pixels are written back. The EXIF orientation is applied to the pixels first,
 * so portrait photos stay upright. Images of more than {@link #MAX_PIXELS} are refused before decoding.
 */
final class ImageSanitizer {

	/** Larger images are refused before they are decoded (a decompression bomb). */
	static final long MAX_PIXELS = 50_000_000L;

	private static final float JPEG_QUALITY = 0.9f;

	private ImageSanitizer() {
	}

	/**
	 * Writes the image in {@code source} (of the detected {@code type}, image/jpeg or image/png) to
	 * {@code target} as a fresh file of the same type with no metadata.
	 * @throws InvalidInputException when the bytes do not decode as an image of that type
	 */
	static void sanitize(Path source, String type, Path target) throws IOException {
		String format = type.equals("image/png") ? "png" : "jpeg";
		BufferedImage image = decode(source, format);
		if (format.equals("jpeg")) {
			image = orient(toRgb(image), ExifOrientation.read(source));
		}
		try (OutputStream out = Files.newOutputStream(target); ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
			ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
			try {
				writer.setOutput(ios);
				ImageWriteParam param = writer.getDefaultWriteParam();
				if (format.equals("jpeg")) {
					param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
					param.setCompressionQuality(JPEG_QUALITY);
				}
				// No metadata and no thumbnails: only the pixels are written.
				writer.write(null, new IIOImage(image, null, null), param);
			}
			finally {
				writer.dispose();
			}
		}
	}

	private static BufferedImage decode(Path source, String format) throws IOException {
		try (InputStream in = Files.newInputStream(source); ImageInputStream iis = ImageIO.createImageInputStream(in)) {
			Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
			if (iis == null || !readers.hasNext()) {
				throw unreadable();
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(iis, true, true);
				long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
				if (pixels > MAX_PIXELS) {
					throw new InvalidInputException("file", "is a photo of more than 50 megapixels");
				}
				BufferedImage image = reader.read(0);
				if (image == null) {
					throw unreadable();
				}
				return image;
			}
			catch (IOException | RuntimeException e) {
				if (e instanceof InvalidInputException refused) {
					throw refused;
				}
				throw unreadable();
			}
			finally {
				reader.dispose();
			}
		}
	}

	private static InvalidInputException unreadable() {
		return new InvalidInputException("file", "could not be read as a photo (JPEG or PNG)");
	}

	/** JPEG is written as 8-bit RGB: alpha and unusual colour models are flattened. */
	private static BufferedImage toRgb(BufferedImage image) {
		if (image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
			return image;
		}
		BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
		Graphics2D g = rgb.createGraphics();
		try {
			g.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
		}
		finally {
			g.dispose();
		}
		return rgb;
	}

	/** Applies an EXIF orientation (1–8) to the pixels. */
	static BufferedImage orient(BufferedImage image, int orientation) {
		if (orientation <= 1 || orientation > 8) {
			return image;
		}
		int w = image.getWidth();
		int h = image.getHeight();
		AffineTransform t = new AffineTransform();
		switch (orientation) {
			case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
			case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
			case 4 -> { t.translate(0, h); t.scale(1, -1); }
			case 5 -> { t.rotate(Math.PI / 2); t.scale(1, -1); }
			case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
			case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
			case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
			default -> { }
		}
		boolean swap = orientation >= 5;
		BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
		new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(image, out);
		return out;
	}
}
