package org.sudi.attachment.web;

import java.io.IOException;
import java.util.UUID;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.sudi.attachment.internal.AttachmentService;
import org.sudi.attachment.internal.AttachmentService.Readable;
import org.sudi.attachment.internal.AttachmentService.Stored;
import org.sudi.directory.Actor;
import org.sudi.platform.InvalidInputException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Attachments", description = "Photos and documents")
class AttachmentController {

	private final AttachmentService attachments;

	AttachmentController(AttachmentService attachments) {
		this.attachments = attachments;
	}

	@PostMapping(path = "/api/v1/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload a photo (JPEG, PNG; re-encoded, metadata removed) or a PDF document; type from the bytes")
	ResponseEntity<Stored> upload(Actor actor, @RequestParam(name = "file", required = false) MultipartFile file)
			throws IOException {
		if (file == null || file.isEmpty()) {
			throw new InvalidInputException("file", "is required (multipart field 'file')");
		}
		Stored stored = attachments.store(actor, file.getOriginalFilename(), file.getInputStream());
		return ResponseEntity.status(HttpStatus.CREATED).body(stored);
	}

	@GetMapping("/api/v1/attachments/{id}")
	@Operation(summary = "The bytes of an attachment, for those who may read a case that refers to it")
	ResponseEntity<Resource> download(Actor actor, @PathVariable UUID id) {
		Readable file = attachments.open(actor, id);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.contentType()))
			.contentLength(file.size())
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
				.filename(file.originalName() == null ? id.toString() : file.originalName(), java.nio.charset.StandardCharsets.UTF_8)
				.build()
				.toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(new FileSystemResource(file.path()));
	}
}
