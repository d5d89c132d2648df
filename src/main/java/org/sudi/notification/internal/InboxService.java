package org.sudi.notification.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.directory.Actor;
import org.sudi.platform.NotFoundException;

/** Reading one's own inbox. */
@Service
public class InboxService {

	public record Item(long id, String kind, String title, String body, UUID caseId, Instant createdAt,
			Instant readAt) {
	}

	private final Inbox inbox;
	private final Clock clock;

	InboxService(Inbox inbox, Clock clock) {
		this.inbox = inbox;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<Item> items(Actor actor, boolean unreadOnly, int page, int size) {
		return inbox.items(actor.username(), unreadOnly, page, size);
	}

	@Transactional(readOnly = true)
	public long unread(Actor actor) {
		return unread(actor.username());
	}

	@Transactional(readOnly = true)
	public long unread(String username) {
		return inbox.unread(username);
	}

	@Transactional
	public void markRead(Actor actor, long id) {
		if (!inbox.markRead(actor.username(), id, clock.instant())) {
			throw new NotFoundException("Notification", id);
		}
	}
}
