package org.sudi.casework.application;

import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.attachment.AttachmentReaders;
import org.sudi.casework.CasePlaces;
import org.sudi.casework.domain.Cases;
import org.sudi.directory.Actor;
import org.sudi.directory.Role;

/** Whoever may read a case may read the attachments its tasks cite. */
@Component
class CaseAttachmentReaders implements AttachmentReaders {

	private final Cases cases;
	private final ObjectProvider<CasePlaces> places;

	CaseAttachmentReaders(Cases cases, ObjectProvider<CasePlaces> places) {
		this.cases = cases;
		this.places = places;
	}

	@Override
	@Transactional(readOnly = true)
	public boolean mayRead(UUID attachmentId, Actor actor) {
		Set<String> grids = actor.has(Role.GRID_WORKER)
				? places.getIfAvailable(() -> CasePlaces.NONE).gridsOf(actor.username()) : Set.of();
		return cases.attachmentVisibleTo(attachmentId, actor, grids);
	}
}
