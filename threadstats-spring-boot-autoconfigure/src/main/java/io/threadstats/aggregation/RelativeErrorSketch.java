package io.threadstats.aggregation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A concurrent relative-error quantile sketch (the DDSketch idea): a value {@code v > 0}
 * is counted in log bucket {@code k = ceil(log_gamma(v))} with
 * {@code gamma = (1 + a) / (1 - a)}, and a bucket stands for
 * {@code 2 gamma^k / (gamma + 1)}, which is within relative error {@code a} =
 * {@value #RELATIVE_ACCURACY} of every value in it. So the value at any rank is returned
 * within 1% of the exact one.
 *
 * <p>
 * Bounded memory: {@value #BUCKETS} buckets per sign ({@code int} counts, 16 KiB,
 * allocated when the first value of that sign arrives) cover magnitudes from about
 * 1.6e-18 to 6e17. Magnitudes below go to the zero bucket, above to the top bucket: only
 * there is the 1% bound lost (callers clamp results to the exact min and max).
 */
final class RelativeErrorSketch {

	/** The relative accuracy of every quantile. */
	static final double RELATIVE_ACCURACY = 0.01;

	static final int BUCKETS = 4096;

	private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);

	private static final double LOG_GAMMA = Math.log(GAMMA);

	private static final int MIN_KEY = -BUCKETS / 2;

	private static final int MAX_KEY = MIN_KEY + BUCKETS - 1;

	/** Magnitudes below this count as zero. */
	private static final double MIN_INDEXABLE = Math.pow(GAMMA, MIN_KEY - 1);

	private static final VarHandle POSITIVE;

	private static final VarHandle NEGATIVE;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			POSITIVE = lookup.findVarHandle(RelativeErrorSketch.class, "positive", AtomicIntegerArray.class);
			NEGATIVE = lookup.findVarHandle(RelativeErrorSketch.class, "negative", AtomicIntegerArray.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private volatile AtomicIntegerArray positive;

	private volatile AtomicIntegerArray negative;

	private final AtomicLong zeros = new AtomicLong();

	/** Counts a value (finite). */
	void add(double value) {
		double magnitude = Math.abs(value);
		if (magnitude < MIN_INDEXABLE) {
			this.zeros.incrementAndGet();
			return;
		}
		AtomicIntegerArray counts = (value > 0) ? positiveCounts() : negativeCounts();
		counts.incrementAndGet(key(magnitude) - MIN_KEY);
	}

	/**
	 * The value of rank {@code rank} (0-based, ascending) among the {@code total} values
	 * counted, within {@link #RELATIVE_ACCURACY} of the exact one (flusher only, writers
	 * quiesced).
	 */
	double valueAtRank(long rank) {
		long seen = 0;
		AtomicIntegerArray negatives = this.negative;
		if (negatives != null) {
			for (int i = BUCKETS - 1; i >= 0; i--) {
				seen += negatives.get(i);
				if (seen > rank) {
					return -representative(i + MIN_KEY);
				}
			}
		}
		seen += this.zeros.get();
		if (seen > rank) {
			return 0;
		}
		AtomicIntegerArray positives = this.positive;
		if (positives != null) {
			for (int i = 0; i < BUCKETS; i++) {
				seen += positives.get(i);
				if (seen > rank) {
					return representative(i + MIN_KEY);
				}
			}
		}
		throw new IllegalArgumentException("rank " + rank + " beyond the " + seen + " values counted");
	}

	private static int key(double magnitude) {
		int key = (int) Math.ceil(Math.log(magnitude) / LOG_GAMMA);
		return Math.max(MIN_KEY, Math.min(MAX_KEY, key));
	}

	private static double representative(int key) {
		return 2 * Math.pow(GAMMA, key) / (GAMMA + 1);
	}

	private AtomicIntegerArray positiveCounts() {
		AtomicIntegerArray counts = this.positive;
		if (counts == null) {
			POSITIVE.compareAndSet(this, null, new AtomicIntegerArray(BUCKETS));
			counts = this.positive;
		}
		return counts;
	}

	private AtomicIntegerArray negativeCounts() {
		AtomicIntegerArray counts = this.negative;
		if (counts == null) {
			NEGATIVE.compareAndSet(this, null, new AtomicIntegerArray(BUCKETS));
			counts = this.negative;
		}
		return counts;
	}

}
