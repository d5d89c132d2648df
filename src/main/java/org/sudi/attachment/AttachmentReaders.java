package org.sudi.attachment;

import java.util.UUID;

import org.sudi.directory.Actor;

/**
 * Implemented by modules whose records refer to attachments (casework): may this actor read the
 * attachment because they may read something that refers to it?
 */
public interface AttachmentReaders {

	boolean mayRead(UUID attachmentId, Actor actor);
}
