package org.sudi.casework.application;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.attachment.AttachmentReaders;
import org.sudi.casework.domain.Cases;
import org.sudi.directory.Actor;

/** Whoever may read a case may read the attachments its tasks cite. */
@Component
class CaseAttachmentReaders implements AttachmentReaders {

	private final Cases cases;

	CaseAttachmentReaders(Cases cases) {
		this.cases = cases;
	}

	@Override
	@Transactional(readOnly = true)
	public boolean mayRead(UUID attachmentId, Actor actor) {
		return cases.attachmentVisibleTo(attachmentId, actor);
	}
}
