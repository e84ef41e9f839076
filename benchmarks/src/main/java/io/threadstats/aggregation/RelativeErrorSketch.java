package io.threadstats.aggregation;

import java.util.Arrays;

/**
 * The engine's former histogram sketch, retired for Datadog's DDSketch
 * ({@link QuantileSketch}) after {@link SketchLibraryBenchmark} measured both; kept here
 * so that the comparison can be run again. A mergeable relative-error quantile sketch
 * (the DDSketch idea): a value {@code v > 0} is counted in log bucket
 * {@code k = ceil(log_gamma(v))} with {@code gamma = (1 + a) / (1 - a)}, and a bucket
 * stands for {@code 2 gamma^k / (gamma + 1)}, which is within relative error {@code a} =
 * {@value #RELATIVE_ACCURACY} of every value in it. So the value at any rank is returned
 * within 1% of the exact one. Single writer (a held stripe, or the flushing thread).
 *
 * <p>
 * Bounded memory: counts cover only the keys seen so far (a latency spread over two
 * decades needs about 230 of them, under 1 KiB), at most {@value #KEYS} per sign (16
 * KiB), magnitudes from about 1.6e-18 to 6e17. Magnitudes below go to the zero count,
 * above to the top key: only there is the 1% bound lost (callers clamp results to the
 * exact min and max).
 */
final class RelativeErrorSketch {

	/** The relative accuracy of every quantile. */
	static final double RELATIVE_ACCURACY = 0.01;

	static final int KEYS = 4096;

	private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);

	private static final double INVERSE_LOG_GAMMA = 1 / Math.log(GAMMA);

	private static final int MIN_KEY = -KEYS / 2;

	private static final int MAX_KEY = MIN_KEY + KEYS - 1;

	/** Magnitudes below this count as zero. */
	private static final double MIN_INDEXABLE = Math.pow(GAMMA, MIN_KEY - 1);

	private final Counts positive = new Counts();

	private final Counts negative = new Counts();

	private long zeros;

	/** Counts a value (finite). */
	void add(double value) {
		double magnitude = Math.abs(value);
		if (magnitude < MIN_INDEXABLE) {
			this.zeros++;
		}
		else {
			((value > 0) ? this.positive : this.negative).add(key(magnitude), 1);
		}
	}

	/** Adds everything another sketch counted. */
	void merge(RelativeErrorSketch other) {
		this.zeros += other.zeros;
		this.positive.merge(other.positive);
		this.negative.merge(other.negative);
	}

	/**
	 * The value of rank {@code rank} (0-based, ascending) among the values counted,
	 * within {@link #RELATIVE_ACCURACY} of the exact one.
	 */
	double valueAtRank(long rank) {
		long seen = 0;
		Counts negatives = this.negative;
		for (int i = negatives.length() - 1; i >= 0; i--) {
			seen += negatives.counts[i];
			if (seen > rank) {
				return -representative(negatives.offset + i);
			}
		}
		seen += this.zeros;
		if (seen > rank) {
			return 0;
		}
		Counts positives = this.positive;
		for (int i = 0; i < positives.length(); i++) {
			seen += positives.counts[i];
			if (seen > rank) {
				return representative(positives.offset + i);
			}
		}
		throw new IllegalArgumentException("rank " + rank + " beyond the " + seen + " values counted");
	}

	/** About how many bytes it holds. */
	long retainedBytes() {
		return 64 + 4L * (this.positive.length() + this.negative.length());
	}

	private static int key(double magnitude) {
		int key = (int) Math.ceil(Math.log(magnitude) * INVERSE_LOG_GAMMA);
		return Math.max(MIN_KEY, Math.min(MAX_KEY, key));
	}

	private static double representative(int key) {
		return 2 * Math.pow(GAMMA, key) / (GAMMA + 1);
	}

	/** Counts for a contiguous range of keys, grown to cover each new key. */
	private static final class Counts {

		private static final int[] NONE = new int[0];

		int[] counts = NONE;

		/** The key of {@code counts[0]}. */
		int offset;

		int length() {
			return this.counts.length;
		}

		void add(int key, int count) {
			int index = key - this.offset;
			if (index < 0 || index >= this.counts.length) {
				cover(key);
				index = key - this.offset;
			}
			this.counts[index] += count;
		}

		void merge(Counts other) {
			for (int i = 0; i < other.counts.length; i++) {
				if (other.counts[i] != 0) {
					add(other.offset + i, other.counts[i]);
				}
			}
		}

		/** Grows the range to include the key, with room for a few more on its side. */
		private void cover(int key) {
			if (this.counts.length == 0) {
				this.offset = Math.max(MIN_KEY, key - 16);
				this.counts = new int[Math.min(MAX_KEY + 1 - this.offset, 32)];
				return;
			}
			int low = Math.max(MIN_KEY, Math.min(this.offset, key - 32));
			int high = Math.min(MAX_KEY, Math.max(this.offset + this.counts.length - 1, key + 32));
			int[] grown = new int[high - low + 1];
			System.arraycopy(this.counts, 0, grown, this.offset - low, this.counts.length);
			this.counts = grown;
			this.offset = low;
		}

		@Override
		public String toString() {
			return "Counts[" + this.offset + ", " + Arrays.toString(this.counts) + "]";
		}

	}

}
