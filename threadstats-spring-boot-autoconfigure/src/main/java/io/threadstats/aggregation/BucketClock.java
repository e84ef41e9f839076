package io.threadstats.aggregation;

import java.time.Clock;

/**
 * Maps "now" and given timestamps to roll-up bucket starts ({@code b = ts - ts mod R}) and enforces
 * Datadog's acceptance window (at most {@value #MAX_AGE_SECONDS} s old, {@value #MAX_AHEAD_SECONDS} s
 * ahead). Reads the clock's millis (no {@code Instant} allocated) and caches the current bucket's window,
 * so the common case costs a clock read and two comparisons, no division.
 */
final class BucketClock {

	static final long MAX_AGE_SECONDS = 3600;

	static final long MAX_AHEAD_SECONDS = 600;

	/** {@link #checkedBucketStart} result for a timestamp too far in the past. */
	static final long TOO_OLD = Long.MIN_VALUE;

	/** {@link #checkedBucketStart} result for a timestamp too far in the future. */
	static final long IN_FUTURE = Long.MAX_VALUE;

	private final Clock clock;

	private final long rollUpSeconds;

	/** Whether every second of the current bucket is inside the acceptance window. */
	private final boolean currentBucketInWindow;

	private volatile Window window = new Window(0, 0, 0);

	BucketClock(Clock clock, long rollUpSeconds) {
		this.clock = clock;
		this.rollUpSeconds = rollUpSeconds;
		this.currentBucketInWindow = rollUpSeconds <= MAX_AHEAD_SECONDS;
	}

	long rollUpSeconds() {
		return this.rollUpSeconds;
	}

	/** The clock's now in epoch seconds (floored). */
	long nowSecond() {
		return Math.floorDiv(this.clock.millis(), 1000);
	}

	/** The start of the bucket holding {@code epochSecond}. */
	long bucketStart(long epochSecond) {
		return epochSecond - Math.floorMod(epochSecond, this.rollUpSeconds);
	}

	/** The start of the bucket holding now. */
	long currentBucketStart() {
		return window(this.clock.millis()).startSecond;
	}

	/** The start of the bucket holding {@code epochSecond}, or {@link #TOO_OLD} / {@link #IN_FUTURE}. */
	long checkedBucketStart(long epochSecond) {
		long millis = this.clock.millis();
		Window current = window(millis);
		if (this.currentBucketInWindow && epochSecond >= current.startSecond
				&& epochSecond < current.startSecond + this.rollUpSeconds) {
			return current.startSecond;
		}
		long now = Math.floorDiv(millis, 1000);
		if (epochSecond < now - MAX_AGE_SECONDS) {
			return TOO_OLD;
		}
		if (epochSecond > now + MAX_AHEAD_SECONDS) {
			return IN_FUTURE;
		}
		return bucketStart(epochSecond);
	}

	private Window window(long millis) {
		Window current = this.window;
		if (millis >= current.startMillis && millis < current.endMillis) {
			return current;
		}
		long start = bucketStart(Math.floorDiv(millis, 1000));
		current = new Window(start * 1000, (start + this.rollUpSeconds) * 1000, start);
		this.window = current;
		return current;
	}

	private record Window(long startMillis, long endMillis, long startSecond) {
	}

}
