package io.threadstats.aggregation;

/**
 * Maps "now" and given timestamps to roll-up bucket starts ({@code b = ts - ts mod R}),
 * enforces Datadog's acceptance window (at most {@value #MAX_AGE_SECONDS} s old,
 * {@value #MAX_AHEAD_SECONDS} s ahead) and gives the flush its cutoff. The recording fast
 * path needs no division: it compares now (or the point's time) with the start of the
 * series' current bucket ({@link #inBucket}) and, for a timestamped point, with the
 * window ({@link #accepts}); only a point that misses goes through
 * {@link #checkedBucketStart}.
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

	BucketClock(SecondSource now, long rollUpSeconds) {
		this.now = now;
		this.rollUpSeconds = rollUpSeconds;
	}

	long rollUpSeconds() {
		return this.rollUpSeconds;
	}

	/** Where now comes from: recording handles read it directly on their fast path. */
	SecondSource source() {
		return this.now;
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
		return bucketStart(this.now.nowSecond());
	}

	/**
	 * The start of the bucket holding {@code epochSecond}, or {@link #TOO_OLD} /
	 * {@link #IN_FUTURE}.
	 */
	long checkedBucketStart(long epochSecond) {
		long now = this.now.nowSecond();
		if (!accepts(epochSecond, now)) {
			return (epochSecond < now) ? TOO_OLD : IN_FUTURE;
		}
		return bucketStart(epochSecond);
	}

	/**
	 * Whether Datadog accepts a point at {@code epochSecond} when it is
	 * {@code nowSecond}: one comparison, cheap enough for the recording fast path.
	 */
	static boolean accepts(long epochSecond, long nowSecond) {
		// nowSecond - MAX_AGE <= epochSecond <= nowSecond + MAX_AHEAD, as one unsigned
		// comparison
		return Long.compareUnsigned(epochSecond - nowSecond + MAX_AGE_SECONDS,
				MAX_AGE_SECONDS + MAX_AHEAD_SECONDS + 1) < 0;
	}

	/**
	 * Whether {@code epochSecond} falls in the bucket starting at {@code start}
	 * ({@code 0 <= epochSecond - start < R}, as one unsigned comparison), without a
	 * division.
	 */
	static boolean inBucket(long epochSecond, long start, long rollUpSeconds) {
		return Long.compareUnsigned(epochSecond - start, rollUpSeconds) < 0;
	}

}
