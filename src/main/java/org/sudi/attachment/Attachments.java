package org.sudi.attachment;

import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.sudi.directory.Actor;

/** What other modules may ask about attachments. */
public interface Attachments {

	/** True when the attachment exists and was uploaded by the actor or by someone of the actor's unit. */
	boolean uploadedBySameUnit(UUID attachmentId, Actor actor);

	/**
	 * Stores an upload (checked from its bytes: JPEG, PNG or PDF, within the size limit); a photo is
	 * re-encoded so no metadata (EXIF position) or hidden payload survives.
	 * @throws org.sudi.platform.InvalidInputException on the field {@code file} when it is refused
	 */
	Info upload(Actor actor, String originalName, InputStream content);

	/**
	 * As {@link #upload}, where only photos are allowed (a requester's photos): anything but a JPEG or PNG
	 * image, whatever its name or declared type, is refused.
	 * @throws org.sudi.platform.InvalidInputException on the field {@code file} when it is refused
	 */
	Info uploadPhoto(Actor actor, String originalName, InputStream content);

	/** What is known about the given attachments (those that exist), in the given order. */
	List<Info> describe(Collection<UUID> ids);

	/** One stored attachment: its type decides whether a page shows it as a picture or a document link. */
	record Info(UUID id, String contentType, long size, String originalName) {

		public boolean isImage() {
			return contentType.startsWith("image/");
		}
	}
}
