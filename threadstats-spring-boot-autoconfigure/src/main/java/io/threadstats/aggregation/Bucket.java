package io.threadstats.aggregation;

import io.threadstats.api.OpenBucket;

/**
 * One series' values for one roll-up bucket {@code [start, start + R)}. Written by any
 * number of recording threads without locks; closed once by the flushing thread, after
 * which every write fails with {@link #CLOSED} and the writer goes to a fresh bucket for
 * the same start (emitted at the next flush). So a value lands exactly once: before the
 * close (in this flush) or after it (in the next). (An untimestamped write first reads
 * "now" again, see {@link SeriesHandle}, so it moves on to the bucket that is current
 * instead of reopening a flushed one.)
 */
abstract class Bucket {

	/** The value was aggregated. */
	static final int ADDED = 0;

	/**
	 * The bucket was closed by a flush; the value was not aggregated and must go to a
	 * fresh bucket.
	 */
	static final int CLOSED = 1;

	/** The bucket start, epoch seconds. */
	final long start;

	Bucket(long start) {
		this.start = start;
	}

	/** Adds a value; returns {@link #ADDED} or {@link #CLOSED}. Never blocks. */
	abstract int add(double value);

	/**
	 * Adds a value kept by sampling, which stands for {@code weight} calls
	 * ({@code 1 / sample rate}): what the weight changes is the kind's to say. By default
	 * nothing (a gauge's last value, a distribution's raw values: the distribution API
	 * has no weight to send).
	 */
	int add(double value, double weight) {
		return add(value);
	}

	/** Adds a set member; only sets take members. */
	int addMember(String member) {
		throw new UnsupportedOperationException("only sets take members");
	}

	/** Whether a flush closed this bucket. */
	abstract boolean isClosed();

	/**
	 * Closes the bucket (flushing thread only, once). When this returns, every write that
	 * got in before the close is complete and the contents are stable.
	 */
	abstract void close();

	/**
	 * What this closed bucket holds, merged into one aggregate (flushing thread, after
	 * {@link #close()}); {@code null} when nothing was recorded. Only for a bucket that
	 * holds stripes (a counter's total is kept as a number, see {@link KeptBuckets}).
	 */
	abstract Aggregate aggregate();

	/**
	 * Whether anything was recorded before the close (flushing thread, after
	 * {@link #close()}).
	 */
	boolean holdsValues() {
		return aggregate() != null;
	}

	/**
	 * Emits this closed bucket's point(s) (flushing thread, after {@link #close()});
	 * returns whether it emitted any. By default through its aggregate; a one-cell bucket
	 * emits its value without making one, since most buckets are emitted and forgotten.
	 */
	boolean emit(Series series, FlushOutput out) {
		Aggregate aggregate = aggregate();
		return aggregate != null && aggregate.emit(series, this.start, out);
	}

	/**
	 * Whether a late point into this bucket after it was emitted merges with what it
	 * emitted (a counter, histogram or set); {@code false} where the late point alone is
	 * right (a gauge's last call, a distribution's new values).
	 */
	boolean mergesLate() {
		return true;
	}

	/**
	 * What the bucket holds now, read without closing it or waiting for writers;
	 * {@code null} when it holds nothing or was closed.
	 */
	abstract OpenBucket peek();

}
