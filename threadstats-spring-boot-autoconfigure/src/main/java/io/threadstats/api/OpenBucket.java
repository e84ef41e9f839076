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
 * @param min histograms: the least value so far; {@code null} for other kinds
 * @param max histograms: the greatest value so far; {@code null} for other kinds
 * @param avg histograms: the mean of the values so far; {@code null} for other kinds
 */
public record OpenBucket(Instant start, Double value, Long count, Double min, Double max, Double avg) {

	public static OpenBucket ofValue(long startEpochSecond, double value) {
		return new OpenBucket(Instant.ofEpochSecond(startEpochSecond), value, null, null, null, null);
	}

	public static OpenBucket ofCount(long startEpochSecond, long count) {
		return new OpenBucket(Instant.ofEpochSecond(startEpochSecond), null, count, null, null, null);
	}

	public static OpenBucket ofSummary(long startEpochSecond, long count, double min, double max, double avg) {
		return new OpenBucket(Instant.ofEpochSecond(startEpochSecond), null, count, min, max, avg);
	}

}
