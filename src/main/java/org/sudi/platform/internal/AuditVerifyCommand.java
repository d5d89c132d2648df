package org.sudi.platform.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.sudi.platform.AuditLog.Verification;

/**
 * {@code bin/audit-verify}: checks the audit log's hash chain outside the application and exits 0 when
 * it is intact, 1 naming the first broken row, 2 when it cannot check. The database is
 * {@code SUDI_DB_URL} (with {@code SUDI_DB_USER}, {@code SUDI_DB_PASSWORD}), or else the embedded
 * database under {@code SUDI_DATA_DIR} (default {@code ./data}; stop the application first). The key is
 * {@code SUDI_AUDIT_KEY}, or else the one the application generated and keeps in the database.
 */
public final class AuditVerifyCommand {

	private AuditVerifyCommand() {
	}

	public static void main(String[] args) {
		System.exit(run(System.getenv("SUDI_DB_URL"), System.getenv("SUDI_DB_USER"), System.getenv("SUDI_DB_PASSWORD"),
				System.getenv("SUDI_AUDIT_KEY"), System.getenv().getOrDefault("SUDI_DATA_DIR", "data")));
	}

	static int run(String url, String user, String password, String key, String dataDir) {
		EmbeddedPostgres embedded = null;
		try {
			if (url == null || url.isBlank()) {
				Path dir = Path.of(dataDir).resolve("pg").toAbsolutePath();
				System.err.println("No SUDI_DB_URL: opening the embedded database in " + dir);
				embedded = EmbeddedPostgres.builder().setDataDirectory(dir.toFile()).setCleanDataDirectory(false).start();
				url = embedded.getJdbcUrl("postgres", "postgres");
				user = "postgres";
				password = null;
			}
			try (Connection connection = DriverManager.getConnection(url, user, password)) {
				Verification v = verify(connection, key);
				if (v.ok()) {
					System.out.println("audit log intact: " + v.rowsChecked() + " rows checked, head at row " + v.headId());
					return 0;
				}
				System.out.println("audit log BROKEN at row " + v.firstBrokenId() + ": " + v.problem() + " ("
						+ v.rowsChecked() + " rows checked before it)");
				return 1;
			}
		}
		catch (Exception e) {
			System.err.println("cannot verify the audit log: " + e.getMessage());
			return 2;
		}
		finally {
			if (embedded != null) {
				try {
					embedded.close();
				}
				catch (Exception e) {
					System.err.println("stopping the embedded database: " + e.getMessage());
				}
			}
		}
	}

	static Verification verify(Connection connection, String key) throws Exception {
		byte[] secret;
		if (key != null && !key.isBlank()) {
			secret = Base64.getDecoder().decode(key.strip());
		}
		else {
			try (PreparedStatement s = connection.prepareStatement("select value from platform_secret where name = 'audit-key'");
					ResultSet rs = s.executeQuery()) {
				if (!rs.next()) {
					throw new IllegalStateException("no audit key: set SUDI_AUDIT_KEY");
				}
				secret = Base64.getDecoder().decode(rs.getString(1));
			}
		}
		return new AuditChain(secret).verify(connection);
	}
}
