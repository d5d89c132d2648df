package org.sudi.grid.internal;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.attachment.AttachmentReaders;
import org.sudi.directory.Actor;

/** Whoever may read a patrol may read the photos of its findings. */
@Component
class PatrolAttachmentReaders implements AttachmentReaders {

	private final JdbcPatrols patrols;

	PatrolAttachmentReaders(JdbcPatrols patrols) {
		this.patrols = patrols;
	}

	@Override
	@Transactional(readOnly = true)
	public boolean mayRead(UUID attachmentId, Actor actor) {
		return patrols.citing(attachmentId).stream().anyMatch(p -> p.isVisibleTo(actor));
	}
}
