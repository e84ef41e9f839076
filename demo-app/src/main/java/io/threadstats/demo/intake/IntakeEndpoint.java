package io.threadstats.demo.intake;

import java.util.List;

/**
 * The submission endpoints of Datadog's API that the local intake implements, with the
 * body size limits Datadog enforces on each and the {@code Content-Encoding}s it accepts
 * there. Every endpoint also takes a body with no {@code Content-Encoding}: Datadog's own
 * API reference posts plain JSON to each of them.
 */
public enum IntakeEndpoint {

	/**
	 * {@code POST /api/v2/series}: 512,000 bytes compressed, 5,242,880 decompressed;
	 * deflate, gzip or zstd1.
	 */
	V2_SERIES("/api/v2/series", 512_000, 5_242_880, "deflate", "gzip", "zstd1"),

	/**
	 * {@code POST /api/v1/series}: 3,200,000 bytes compressed, 62,914,560 decompressed;
	 * deflate or gzip.
	 */
	V1_SERIES("/api/v1/series", 3_200_000, 62_914_560, "deflate", "gzip"),

	/**
	 * {@code POST /api/v1/distribution_points}: no documented limits, so the v1 series
	 * ones; only deflate is documented, so gzip is refused here (a client sending it
	 * would be relying on what Datadog never promised).
	 */
	DISTRIBUTION_POINTS("/api/v1/distribution_points", 3_200_000, 62_914_560, "deflate"),

	/**
	 * {@code POST /api/v1/events}: no documented limits or encodings, so the v1 series
	 * ones.
	 */
	EVENTS("/api/v1/events", 3_200_000, 62_914_560, "deflate", "gzip"),

	/**
	 * {@code POST /api/v1/check_run}: no documented limits or encodings, so the v1 series
	 * ones.
	 */
	CHECK_RUN("/api/v1/check_run", 3_200_000, 62_914_560, "deflate", "gzip");

	private final String path;

	private final long maxCompressedBytes;

	private final long maxDecompressedBytes;

	private final List<String> contentEncodings;

	IntakeEndpoint(String path, long maxCompressedBytes, long maxDecompressedBytes, String... contentEncodings) {
		this.path = path;
		this.maxCompressedBytes = maxCompressedBytes;
		this.maxDecompressedBytes = maxDecompressedBytes;
		this.contentEncodings = List.of(contentEncodings);
	}

	/** The path below the intake's prefix, as in Datadog's API. */
	public String path() {
		return this.path;
	}

	/** The largest body accepted as sent (after any {@code Content-Encoding}). */
	public long maxCompressedBytes() {
		return this.maxCompressedBytes;
	}

	/** The largest body accepted once decompressed. */
	public long maxDecompressedBytes() {
		return this.maxDecompressedBytes;
	}

	/**
	 * The {@code Content-Encoding}s Datadog accepts on this endpoint, besides none, lower
	 * case.
	 */
	public List<String> contentEncodings() {
		return this.contentEncodings;
	}

}
