package io.threadstats.aggregation;

/**
 * Maps "now" and given timestamps to roll-up bucket starts ({@code b = ts - ts mod R}),
 * enforces Datadog's acceptance window (at most {@value #MAX_AGE_SECONDS} s old,
 * {@value #MAX_AHEAD_SECONDS} s ahead) and gives the flush its cutoff. Caches the current
 * bucket's window, so the common case costs a read of the {@link SecondSource} and two
 * comparisons, no division.
 *
 * <p>
 * Every "now" of the engine comes from the one {@link SecondSource}: the bucket of an
 * untimestamped point, the window a timestamped point is checked against, and the cutoff
 * of {@link Aggregator#flush()}. On the system clock that source is the shared
 * {@link TickingSecond}, which moves to a new second only when its thread wakes up, just
 * after the boundary: for that wake-up latency (typically well under a millisecond, more
 * only when the machine cannot schedule the thread) "now" is still the previous second.
 * That is harmless because every decision lags together: a point recorded in the lag goes
 * to the bucket the ticking second still calls current, and the flush's cutoff, read from
 * the same second, cannot have closed that bucket yet. So the lag only moves a point by
 * that fraction of a second onto the previous second, exactly as if it had been recorded
 * a moment earlier; it never sends a second point for a bucket already flushed (which
 * Datadog would take as an overwrite).
 */
final class BucketClock {

	static final long MAX_AGE_SECONDS = 3600;

	static final long MAX_AHEAD_SECONDS = 600;

	/** {@link #checkedBucketStart} result for a timestamp too far in the past. */
	static final long TOO_OLD = Long.MIN_VALUE;

	/** {@link #checkedBucketStart} result for a timestamp too far in the future. */
	static final long IN_FUTURE = Long.MAX_VALUE;

	private final SecondSource now;

	private final long rollUpSeconds;

	/** Whether every second of the current bucket is inside the acceptance window. */
	private final boolean currentBucketInWindow;

	private volatile Window window = new Window(0, 0);

	BucketClock(SecondSource now, long rollUpSeconds) {
		this.now = now;
		this.rollUpSeconds = rollUpSeconds;
		this.currentBucketInWindow = rollUpSeconds <= MAX_AHEAD_SECONDS;
	}

	long rollUpSeconds() {
		return this.rollUpSeconds;
	}

	/** The engine's now in epoch seconds (floored). */
	long nowSecond() {
		return this.now.nowSecond();
	}

	/** The start of the bucket holding {@code epochSecond}. */
	long bucketStart(long epochSecond) {
		return epochSecond - Math.floorMod(epochSecond, this.rollUpSeconds);
	}

	/**
	 * The start of the bucket holding now: also the cutoff of a flush of every closed
	 * bucket.
	 */
	long currentBucketStart() {
		return window(this.now.nowSecond()).start;
	}

	/**
	 * The start of the bucket holding {@code epochSecond}, or {@link #TOO_OLD} /
	 * {@link #IN_FUTURE}.
	 */
	long checkedBucketStart(long epochSecond) {
		long now = this.now.nowSecond();
		Window current = window(now);
		if (this.currentBucketInWindow && epochSecond >= current.start && epochSecond < current.end) {
			return current.start;
		}
		if (epochSecond < now - MAX_AGE_SECONDS) {
			return TOO_OLD;
		}
		if (epochSecond > now + MAX_AHEAD_SECONDS) {
			return IN_FUTURE;
		}
		return bucketStart(epochSecond);
	}

	private Window window(long second) {
		Window current = this.window;
		if (second >= current.start && second < current.end) {
			return current;
		}
		long start = bucketStart(second);
		current = new Window(start, start + this.rollUpSeconds);
		this.window = current;
		return current;
	}

	/** The current bucket, {@code [start, end)} in epoch seconds. */
	private record Window(long start, long end) {
	}

}
