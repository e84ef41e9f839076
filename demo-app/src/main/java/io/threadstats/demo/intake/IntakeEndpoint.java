package io.threadstats.demo.intake;

/**
 * The submission endpoints of Datadog's API that the local intake implements, with the body size limits
 * Datadog enforces on each.
 */
public enum IntakeEndpoint {

	/** {@code POST /api/v2/series}: 512,000 bytes compressed, 5,242,880 bytes decompressed. */
	V2_SERIES("/api/v2/series", 512_000, 5_242_880),

	/** {@code POST /api/v1/series}: 3,200,000 bytes compressed, 62,914,560 bytes decompressed. */
	V1_SERIES("/api/v1/series", 3_200_000, 62_914_560),

	/** {@code POST /api/v1/distribution_points}: no documented limits, so the v1 series ones. */
	DISTRIBUTION_POINTS("/api/v1/distribution_points", 3_200_000, 62_914_560),

	/** {@code POST /api/v1/events}: no documented limits, so the v1 series ones. */
	EVENTS("/api/v1/events", 3_200_000, 62_914_560),

	/** {@code POST /api/v1/check_run}: no documented limits, so the v1 series ones. */
	CHECK_RUN("/api/v1/check_run", 3_200_000, 62_914_560);

	private final String path;

	private final long maxCompressedBytes;

	private final long maxDecompressedBytes;

	IntakeEndpoint(String path, long maxCompressedBytes, long maxDecompressedBytes) {
		this.path = path;
		this.maxCompressedBytes = maxCompressedBytes;
		this.maxDecompressedBytes = maxDecompressedBytes;
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

}
