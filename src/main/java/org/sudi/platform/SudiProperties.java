package org.sudi.platform;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Sudi's own settings ({@code sudi.*} in application.yml). */
@ConfigurationProperties("sudi")
public record SudiProperties(Path dataDir, Demo demo, Security security, Attachments attachments) {

	public SudiProperties {
		dataDir = dataDir == null ? Path.of("data") : dataDir;
		demo = demo == null ? new Demo(null, "sudi-demo") : demo;
		security = security == null ? new Security(Duration.ofHours(8), null) : security;
		attachments = attachments == null ? new Attachments(DataSize.ofMegabytes(10)) : attachments;
	}

	/** @param enabled null: on exactly when the embedded database runs */
	public record Demo(Boolean enabled, String password) {
	}

	public record Security(Duration tokenTtl, String tokenSecret) {
		public Security {
			tokenTtl = tokenTtl == null ? Duration.ofHours(8) : tokenTtl;
		}
	}

	public record Attachments(DataSize maxSize) {
		public Attachments {
			maxSize = maxSize == null ? DataSize.ofMegabytes(10) : maxSize;
		}
	}
}
