package io.threadstats.submission;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.Deflater;

/**
 * The intake endpoints we post to, each with the limits a payload must respect and the
 * time window outside which Datadog silently discards what it receives.
 *
 * <p>
 * v2 series limits are Datadog's documented ones. The v1 endpoints use the Agent's more
 * conservative 2.5 MiB compressed / 4 MiB raw: smaller payloads keep memory per payload
 * low, and the documented v1 limits (3,200,000 / 62,914,560) are then never approached.
 */
enum IntakeEndpoint {

	SERIES_V2("/api/v2/series", 512_000, 5_242_880, 10_000, Duration.ofHours(1), Duration.ofMinutes(10),
			EnumSet.allOf(Compression.class), Compression.DEFLATE, 1),

	SERIES_V1("/api/v1/series", Limits.V1_COMPRESSED, Limits.V1_RAW, Integer.MAX_VALUE, Duration.ofHours(1),
			Duration.ofMinutes(10), EnumSet.of(Compression.DEFLATE, Compression.GZIP, Compression.NONE),
			Compression.DEFLATE, 1),

	/**
	 * Only {@code deflate} is documented for distribution points, so it is used here
	 * whatever the configured compression.
	 */
	DISTRIBUTION_POINTS("/api/v1/distribution_points", Limits.V1_COMPRESSED, Limits.V1_RAW, Integer.MAX_VALUE,
			Duration.ofHours(1), Duration.ofMinutes(10), EnumSet.of(Compression.DEFLATE), Compression.DEFLATE, 1),

	/**
	 * One event per request; Datadog answers 400 for events too far in the past, so no
	 * window here. No {@code Content-Encoding} is documented, so events go uncompressed.
	 * Several requests go at once, so that a backlog of events drains in a fraction of
	 * the time (each is a small request, and Datadog takes 250k a minute per
	 * organisation).
	 */
	EVENTS("/api/v1/events", Limits.V1_COMPRESSED, Limits.V1_RAW, 1, null, null, EnumSet.of(Compression.NONE),
			Compression.NONE, 8),

	/**
	 * Service checks are kept by Datadog for at most 10 minutes after their timestamp. No
	 * {@code Content-Encoding} is documented, so they go uncompressed.
	 */
	CHECK_RUN("/api/v1/check_run", Limits.V1_COMPRESSED, Limits.V1_RAW, Integer.MAX_VALUE, Duration.ofMinutes(10),
			Duration.ofMinutes(10), EnumSet.of(Compression.NONE), Compression.NONE, 1);

	private final String path;

	private final int maxCompressedBytes;

	private final int maxRawBytes;

	private final int maxItems;

	private final Duration maxAge;

	private final Duration maxAhead;

	private final Set<Compression> documentedCompressions;

	private final Compression undocumentedFallback;

	private final int maxInFlight;

	IntakeEndpoint(String path, int maxCompressedBytes, int maxRawBytes, int maxItems, Duration maxAge,
			Duration maxAhead, Set<Compression> documentedCompressions, Compression undocumentedFallback,
			int maxInFlight) {
		this.path = path;
		this.maxCompressedBytes = maxCompressedBytes;
		this.maxRawBytes = maxRawBytes;
		this.maxItems = maxItems;
		this.maxAge = maxAge;
		this.maxAhead = maxAhead;
		this.documentedCompressions = documentedCompressions;
		this.undocumentedFallback = undocumentedFallback;
		this.maxInFlight = maxInFlight;
	}

	String path() {
		return this.path;
	}

	int maxCompressedBytes() {
		return this.maxCompressedBytes;
	}

	int maxRawBytes() {
		return this.maxRawBytes;
	}

	int maxItems() {
		return this.maxItems;
	}

	/**
	 * How many requests to this endpoint may be in flight at once: 1 where the order of
	 * payloads matters (a series' last write wins) or payloads are large.
	 */
	int maxInFlight() {
		return this.maxInFlight;
	}

	/**
	 * Whether Datadog adds up what this endpoint receives, so that an item sent twice
	 * counts twice (distribution values, events), rather than keeping the last write for
	 * a series and timestamp (series; a service check's status).
	 */
	boolean addsWhatItReceives() {
		return this == DISTRIBUTION_POINTS || this == EVENTS;
	}

	/**
	 * The zlib level its deflate payloads are compressed at: the fastest for distribution
	 * points, whose raw values compress little whatever the effort (zlib's default level
	 * took almost five times as long for 7% fewer bytes, and a hot distribution's values
	 * must go out as fast as they fill); zlib's default elsewhere, where repetitive
	 * series JSON comes out about a third smaller than at the fastest level
	 * (docs/benchmarks.md).
	 */
	int zlibLevel() {
		return (this == DISTRIBUTION_POINTS) ? Deflater.BEST_SPEED : Deflater.DEFAULT_COMPRESSION;
	}

	/**
	 * The most requests in flight at once on any endpoint: what a connection pool needs.
	 */
	static int maxInFlightOfAll() {
		return Arrays.stream(values()).mapToInt(IntakeEndpoint::maxInFlight).max().orElse(1);
	}

	/**
	 * Whether a point with this timestamp would be kept by Datadog if it arrived now.
	 * @param epochSecond the point's timestamp
	 * @param nowEpochSecond the current time
	 */
	boolean isInWindow(long epochSecond, long nowEpochSecond) {
		if (this.maxAge == null) {
			return true;
		}
		return epochSecond >= nowEpochSecond - this.maxAge.toSeconds()
				&& epochSecond <= nowEpochSecond + this.maxAhead.toSeconds();
	}

	/**
	 * The compression actually used on this endpoint when {@code configured} is asked
	 * for: that one when Datadog's API reference documents it for the endpoint, else the
	 * endpoint's fallback (an undocumented encoding may be refused).
	 */
	Compression compressionFor(Compression configured) {
		// only a documented encoding is asked whether it is usable: asking about zstd1
		// loads its native library, for nothing where it is not documented
		Compression usable = this.documentedCompressions.contains(configured) ? configured.usable() : configured;
		return this.documentedCompressions.contains(usable) ? usable : this.undocumentedFallback;
	}

	private static final class Limits {

		static final int V1_COMPRESSED = 2 * 1024 * 1024 + 512 * 1024;

		static final int V1_RAW = 4 * 1024 * 1024;

	}

}
