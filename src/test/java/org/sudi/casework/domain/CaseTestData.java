package org.sudi.casework.domain;

/** Test data other modules' tests share. */
public final class CaseTestData {

	/** The smallest valid PNG: 1×1 pixel. */
	public static final byte[] PNG = java.util.Base64.getDecoder().decode(
			"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

	private CaseTestData() {
	}
}
