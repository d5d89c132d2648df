package org.sudi.personaldata;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sudi.Api;
import org.sudi.ApiTestSupport;

import tools.jackson.databind.JsonNode;

/**
 * Photos (ADR 0029): the type comes from the bytes, photos are re-encoded from their pixels so that no
 * EXIF position and no appended payload survives, and non-images are refused where only photos belong.
 */
@DisplayName("Photo uploads over HTTP")
class PhotoUploadHttpTests extends ApiTestSupport {

	/** A real 64×48 JPEG whose EXIF carries GPS tags (31°N 118°E), a camera make and a comment. */
	static byte[] jpegWithGps() {
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

	private static BufferedImage decode(byte[] bytes) {
		return Images.decode(bytes);
	}

	@Test
	@DisplayName("the test photo really carries its GPS tags (the control)")
	void control() {
		byte[] jpeg = jpegWithGps();
		assertThat(new String(jpeg, StandardCharsets.ISO_8859_1)).contains("Exif", "SpyCam");
		assertThat(decode(jpeg).getWidth()).isEqualTo(64);
	}

	@Test
	@DisplayName("a JPEG with GPS tags comes back re-encoded without any EXIF, to its uploader and to the dispatcher")
	void exifStripped() {
		Api.Response up = as("hotline").upload("现场.jpg", jpegWithGps());
		assertThat(up.status()).as(up.raw().body()).isEqualTo(201);
		assertThat(up.text("contentType")).isEqualTo("image/jpeg");
		String photo = up.text("id");
		Map<String, Object> body = new HashMap<>(Map.of("type", "LIVELIHOOD", "title", "路面积水", "description",
				"路面积水，已经持续一周。", "townId", org("tanshan"), "attachmentIds", List.of(photo)));
		body.put("requester", Map.of("name", "李四", "phone", "13812345678"));
		submit("hotline", body);
		for (String reader : List.of("hotline", "dispatcher")) {
			HttpResponse<byte[]> r = as(reader).download("/api/v1/attachments/" + photo);
			assertThat(r.statusCode()).isEqualTo(200);
			String text = new String(r.body(), StandardCharsets.ISO_8859_1);
			assertThat(text).doesNotContain("Exif", "SpyCam", "MM\0*");
			BufferedImage back = decode(r.body());
			assertThat(back.getWidth()).isEqualTo(64);
			assertThat(back.getHeight()).isEqualTo(48);
			assertThat(new Color(back.getRGB(8, 24)).getRed()).isGreaterThan(200);
			assertThat(new Color(back.getRGB(56, 24)).getBlue()).isGreaterThan(200);
		}
	}

	@Test
	@DisplayName("a polyglot (a JPEG with an HTML page and a ZIP appended) keeps its picture and loses its payload")
	void polyglot() {
		ByteArrayOutputStream poly = new ByteArrayOutputStream();
		poly.writeBytes(jpegWithGps());
		poly.writeBytes("<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.US_ASCII));
		poly.writeBytes(new byte[] { 'P', 'K', 3, 4, 20, 0, 0, 0 });
		Api.Response up = as("dept-zhujian").upload("evil.jpg", poly.toByteArray());
		assertThat(up.status()).as(up.raw().body()).isEqualTo(201);
		byte[] stored = as("dept-zhujian").download("/api/v1/attachments/" + up.text("id")).body();
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("<script>", "PK\u0003\u0004", "Exif");
		assertThat(decode(stored).getWidth()).isEqualTo(64);
	}

	@Test
	@DisplayName("an HTML page named .jpg is refused with a clear 400; so is a JPEG header with garbage after it")
	void renamedRefused() {
		Api.Response html = as("hotline").upload("photo.jpg",
				"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8));
		assertThat(html.status()).isEqualTo(400);
		assertThat(html.raw().body()).contains("text/html").doesNotContain("Exception");
		byte[] fake = new byte[600];
		fake[0] = (byte) 0xFF;
		fake[1] = (byte) 0xD8;
		fake[2] = (byte) 0xFF;
		fake[3] = (byte) 0xE0;
		Api.Response broken = as("hotline").upload("photo.jpg", fake);
		assertThat(broken.status()).as(broken.raw().body()).isEqualTo(400);
		assertThat(broken.raw().body()).contains("could not be read as a photo");
	}

	@Test
	@DisplayName("a PDF may be a task's document but not a request's photo")
	void pdfNotAPhoto() {
		byte[] pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
		Api.Response up = as("hotline").upload("photo.jpg", pdf);
		assertThat(up.status()).as(up.raw().body()).isEqualTo(201);
		assertThat(up.text("contentType")).isEqualTo("application/pdf");
		Map<String, Object> body = new HashMap<>(Map.of("type", "LIVELIHOOD", "title", "路面积水", "description",
				"路面积水，已经持续一周。", "townId", org("tanshan"), "attachmentIds", List.of(up.text("id"))));
		body.put("requester", Map.of("name", "李四", "phone", "13812345678"));
		Api.Response refused = as("hotline").post("/api/v1/cases", body);
		assertThat(refused.status()).isEqualTo(400);
		JsonNode problem = refused.body();
		assertThat(problem.toString()).contains("attachmentIds");
	}
}
