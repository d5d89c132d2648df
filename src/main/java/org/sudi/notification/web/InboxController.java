package org.sudi.notification.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.sudi.directory.Actor;
import org.sudi.notification.internal.InboxService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@Tag(name = "Inbox", description = "The signed-in account's notifications")
class InboxController {

	private final InboxService inbox;

	InboxController(InboxService inbox) {
		this.inbox = inbox;
	}

	record InboxView(List<InboxService.Item> items, long unread, int page, int size) {
	}

	@GetMapping("/api/v1/inbox")
	@Operation(summary = "My notifications, newest first, with the unread count")
	InboxView list(Actor actor, @RequestParam(defaultValue = "false") boolean unreadOnly,
			@RequestParam(defaultValue = "0") @Min(0) int page, @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return new InboxView(inbox.items(actor, unreadOnly, page, size), inbox.unread(actor), page, size);
	}

	@GetMapping("/api/v1/inbox/unread-count")
	@Operation(summary = "How many of my notifications are unread")
	Map<String, Long> unread(Actor actor) {
		return Map.of("unread", inbox.unread(actor));
	}

	@PostMapping("/api/v1/inbox/{id}/read")
	@Operation(summary = "Mark one of my notifications read")
	ResponseEntity<Void> read(Actor actor, @PathVariable long id) {
		inbox.markRead(actor, id);
		return ResponseEntity.noContent().build();
	}
}
