package org.sudi.attachment;

import java.util.UUID;

import org.sudi.directory.Actor;

/** What other modules may ask about attachments. */
public interface Attachments {

	/** True when the attachment exists and was uploaded by the actor or by someone of the actor's unit. */
	boolean uploadedBySameUnit(UUID attachmentId, Actor actor);
}
