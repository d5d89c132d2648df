package org.sudi.attachment;

import java.io.InputStream;
import java.util.UUID;

import org.sudi.directory.Actor;

/** What other modules may ask about attachments. */
public interface Attachments {

	/** True when the attachment exists and was uploaded by the actor or by someone of the actor's unit. */
	boolean uploadedBySameUnit(UUID attachmentId, Actor actor);

	/**
	 * Stores an upload of the actor (a photo or a PDF, checked from its bytes and size-limited like
	 * {@code POST /api/v1/attachments}) and returns its id.
	 *
	 * @throws org.sudi.platform.InvalidInputException (field {@code file}) when it is empty, too large or
	 *         of a type not accepted
	 */
	UUID upload(Actor actor, String originalName, InputStream content);
}
