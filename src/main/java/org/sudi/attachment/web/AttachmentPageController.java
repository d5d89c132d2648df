package org.sudi.attachment.web;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.sudi.attachment.internal.AttachmentService;
import org.sudi.attachment.internal.AttachmentService.Readable;
import org.sudi.directory.Actor;
import org.sudi.platform.ConsolePage;

/** Attachments for the signed-in console (session), with the same reading rule as the API. */
@Controller
@ConsolePage
class AttachmentPageController {

	private final AttachmentService attachments;

	AttachmentPageController(AttachmentService attachments) {
		this.attachments = attachments;
	}

	@GetMapping("/console/attachments/{id}")
	ResponseEntity<Resource> show(Actor actor, @PathVariable UUID id) {
		Readable file = attachments.open(actor, id);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.contentType()))
			.contentLength(file.size())
			.cacheControl(CacheControl.noCache().cachePrivate())
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
				.filename(file.originalName() == null ? id.toString() : file.originalName(), StandardCharsets.UTF_8)
				.build()
				.toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(new FileSystemResource(file.path()));
	}
}
