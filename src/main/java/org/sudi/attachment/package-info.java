/**
 * Photos and documents: validated from their bytes, size-limited, stored content-addressed (SHA-256)
 * under the data directory, readable only by their uploader and by whoever may read a case that
 * refers to them ({@link org.sudi.attachment.AttachmentReaders}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Attachment")
package org.sudi.attachment;
