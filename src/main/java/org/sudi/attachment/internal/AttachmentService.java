package org.sudi.attachment.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.tika.Tika;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.sudi.attachment.AttachmentReaders;
import org.sudi.attachment.Attachments;
import org.sudi.directory.Actor;
import org.sudi.platform.InvalidInputException;
import org.sudi.platform.NotFoundException;
import org.sudi.platform.SudiProperties;

/** Stores and serves attachments. */
@Service
public class AttachmentService implements Attachments {

	/**
	 * Photos (JPEG, PNG) and documents (PDF), decided from the bytes, never from the name or the
	 * Content-Type. Photos are re-encoded ({@link ImageSanitizer}); WebP is refused since it cannot be (ADR 0029).
	 */
	static final Set<String> ALLOWED = Set.of("image/jpeg", "image/png", "application/pdf");

	static final Set<String> PHOTOS = Set.of("image/jpeg", "image/png");

	public record Stored(UUID id, String contentType, long size, String sha256) {
	}

	private final JdbcClient jdbc;
	private final Path root;
	private final long maxSize;
	private final List<AttachmentReaders> readers;
	private final Clock clock;
	private final Tika tika = new Tika();

	/**
	 * @param directory {@code sudi.attachments.dir}: where the files are kept; empty: {@code attachments}
	 *        under the data directory. With several nodes it must be storage they all share (docs/deployment.md).
	 */
	AttachmentService(JdbcClient jdbc, SudiProperties properties, List<AttachmentReaders> readers, Clock clock,
			@Value("${sudi.attachments.dir:}") String directory) {
		this.jdbc = jdbc;
		this.root = (directory.isBlank() ? properties.dataDir().resolve("attachments") : Path.of(directory))
			.toAbsolutePath();
		this.maxSize = properties.attachments().maxSize().toBytes();
		this.readers = readers;
		this.clock = clock;
	}

	public Stored store(Actor actor, String originalName, InputStream content) {
		return store(actor, originalName, content, false);
	}

	/**
	 * Stores an upload: its type is detected from the bytes; a photo is re-encoded so that only its
	 * pixels are kept (no EXIF position, no appended payload); {@code photosOnly} refuses anything else.
	 */
	public Stored store(Actor actor, String originalName, InputStream content, boolean photosOnly) {
		try {
			Files.createDirectories(root);
			Path temp = Files.createTempFile(root, "upload-", ".part");
			try {
				MessageDigest sha = MessageDigest.getInstance("SHA-256");
				long size;
				try (InputStream in = new DigestInputStream(content, sha)) {
					size = copyLimited(in, temp);
				}
				if (size == 0) {
					throw new InvalidInputException("file", "is empty");
				}
				String type = tika.detect(temp);
				if (photosOnly && !PHOTOS.contains(type)) {
					throw new InvalidInputException("file", "is " + type + ", not a photo; only JPEG and PNG photos are accepted");
				}
				if (!ALLOWED.contains(type)) {
					throw new InvalidInputException("file",
							"is " + type + "; only JPEG and PNG photos and PDF documents are accepted");
				}
				String hash;
				if (PHOTOS.contains(type)) {
					Path clean = Files.createTempFile(root, "clean-", ".part");
					try {
						ImageSanitizer.sanitize(temp, type, clean);
						Files.move(clean, temp, StandardCopyOption.REPLACE_EXISTING);
					}
					finally {
						Files.deleteIfExists(clean);
					}
					size = Files.size(temp);
					hash = sha256(temp);
				}
				else {
					hash = HexFormat.of().formatHex(sha.digest());
				}
				Path target = pathOf(hash);
				Files.createDirectories(target.getParent());
				if (!Files.exists(target)) {
					try {
						Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
					}
					catch (AtomicMoveNotSupportedException e) {
						Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
					}
				}
				UUID id = UUID.randomUUID();
				jdbc.sql("""
						insert into attachment(id, sha256, content_type, size, original_name, uploaded_by,
						  uploader_org_id, created_at, sanitized) values (?, ?, ?, ?, ?, ?, ?, ?, true)""")
					.params(id, hash, type, size, clean(originalName), actor.username(), actor.orgId(),
							Timestamp.from(clock.instant()))
					.update();
				return new Stored(id, type, size, hash);
			}
			finally {
				Files.deleteIfExists(temp);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String sha256(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[64 * 1024];
			for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
				sha.update(buffer, 0, n);
			}
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private long copyLimited(InputStream in, Path target) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long total = 0;
		try (var out = Files.newOutputStream(target)) {
			for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
				total += n;
				if (total > maxSize) {
					throw new InvalidInputException("file", "is larger than " + (maxSize / (1024 * 1024)) + " MB");
				}
				out.write(buffer, 0, n);
			}
		}
		return total;
	}

	public record Readable(String contentType, long size, String originalName, Path path) {
	}

	/** The attachment's bytes, if the actor may read them (404 otherwise: its existence is not revealed). */
	public Readable open(Actor actor, UUID id) {
		Row row = find(id).orElseThrow(() -> new NotFoundException("Attachment", id));
		boolean mayRead = row.uploadedBy().equals(actor.username())
				|| readers.stream().anyMatch(r -> r.mayRead(id, actor));
		if (!mayRead) {
			throw new NotFoundException("Attachment", id);
		}
		if (!row.sanitized() && row.contentType().startsWith("image/")) {
			row = sanitizeStored(id, row);
		}
		return new Readable(row.contentType(), row.size(), row.originalName(), pathOf(row.sha256()));
	}

	@Override
	public boolean uploadedBySameUnit(UUID attachmentId, Actor actor) {
		return find(attachmentId).map(r -> r.uploadedBy().equals(actor.username())
				|| (actor.orgId() != null && actor.orgId().equals(r.uploaderOrgId()))).orElse(false);
	}

	@Override
	public Info upload(Actor actor, String originalName, InputStream content) {
		Stored stored = store(actor, originalName, content);
		return new Info(stored.id(), stored.contentType(), stored.size(), clean(originalName));
	}

	@Override
	public Info uploadPhoto(Actor actor, String originalName, InputStream content) {
		Stored stored = store(actor, originalName, content, true);
		return new Info(stored.id(), stored.contentType(), stored.size(), clean(originalName));
	}

	@Override
	public List<Info> describe(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		java.util.Map<UUID, Info> found = new java.util.HashMap<>();
		jdbc.sql("select id, content_type, size, original_name from attachment where id = any(?)")
			.param(ids.toArray(UUID[]::new))
			.query((rs, n) -> new Info(rs.getObject("id", UUID.class), rs.getString("content_type"), rs.getLong("size"),
					rs.getString("original_name")))
			.list()
			.forEach(i -> found.put(i.id(), i));
		return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
	}

	private record Row(String sha256, String contentType, long size, String originalName, String uploadedBy,
			Long uploaderOrgId, boolean sanitized) {
	}

	/**
	 * A photo stored before photos were re-encoded (ADR 0029): re-encoded on its first reading, so its
	 * metadata is shown to nobody; the original file stays for any other row that shares it until then.
	 */
	private Row sanitizeStored(UUID id, Row row) {
		try {
			Files.createDirectories(root);
			Path clean = Files.createTempFile(root, "clean-", ".part");
			try {
				ImageSanitizer.sanitize(pathOf(row.sha256()), row.contentType(), clean);
				String hash = sha256(clean);
				long size = Files.size(clean);
				Path target = pathOf(hash);
				Files.createDirectories(target.getParent());
				if (!Files.exists(target)) {
					Files.move(clean, target, StandardCopyOption.REPLACE_EXISTING);
				}
				jdbc.sql("update attachment set sha256 = ?, size = ?, sanitized = true where id = ?")
					.params(hash, size, id)
					.update();
				return new Row(hash, row.contentType(), size, row.originalName(), row.uploadedBy(), row.uploaderOrgId(),
						true);
			}
			finally {
				Files.deleteIfExists(clean);
			}
		}
		catch (IOException | InvalidInputException e) {
			// Not decodable: shown to nobody rather than with its metadata.
			throw new NotFoundException("Attachment", id);
		}
	}

	private Optional<Row> find(UUID id) {
		return jdbc.sql("select * from attachment where id = ?")
			.param(id)
			.query((rs, n) -> new Row(rs.getString("sha256"), rs.getString("content_type"), rs.getLong("size"),
					rs.getString("original_name"), rs.getString("uploaded_by"),
					rs.getObject("uploader_org_id", Long.class), rs.getBoolean("sanitized")))
			.optional();
	}

	private Path pathOf(String sha256) {
		return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
	}

	private static String clean(String name) {
		if (name == null) {
			return null;
		}
		String base = name.replaceAll("[\\\\/]", "_").replaceAll("\\p{Cntrl}", "");
		return base.length() > 200 ? base.substring(0, 200) : base;
	}
}
