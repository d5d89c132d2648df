package org.sudi.personaldata;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;


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

	private static BufferedImage decode(byte[] bytes) {
		return Images.decode(bytes);
	}

	@Test
	@DisplayName("the test photo really carries its GPS tags (the control)")
	void control() {
		byte[] jpeg = Images.jpegWithGps();
		assertThat(new String(jpeg, StandardCharsets.ISO_8859_1)).contains("Exif", "SpyCam");
		assertThat(decode(jpeg).getWidth()).isEqualTo(64);
	}

	@Test
	@DisplayName("a JPEG with GPS tags comes back re-encoded without any EXIF, to its uploader and to the dispatcher")
	void exifStripped() {
		Api.Response up = as("hotline").upload("现场.jpg", Images.jpegWithGps());
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
		poly.writeBytes(Images.jpegWithGps());
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
