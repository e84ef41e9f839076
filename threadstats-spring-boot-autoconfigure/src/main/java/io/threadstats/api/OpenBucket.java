package io.threadstats.api;

import java.time.Instant;

/**
 * A roll-up bucket that is still open, as it stands at the moment it is read: what the
 * next flush that closes it will emit from. Read without locking, so a write racing the
 * read may or may not be included.
 *
 * @param start when the bucket starts; it covers {@code [start, start + roll-up)}
 * @param value counters: the sum so far; gauges: the last value; {@code null} for other
 * kinds
 * @param count histograms and distributions: the values recorded so far; sets: the
 * distinct members so far; {@code null} for counters and gauges
 */
public record OpenBucket(Instant start, Double value, Long count) {

	public static OpenBucket ofValue(long startEpochSecond, double value) {
		return new OpenBucket(Instant.ofEpochSecond(startEpochSecond), value, null);
	}

	public static OpenBucket ofCount(long startEpochSecond, long count) {
		return new OpenBucket(Instant.ofEpochSecond(startEpochSecond), null, count);
	}

}
