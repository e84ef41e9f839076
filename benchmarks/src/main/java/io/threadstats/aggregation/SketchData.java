package io.threadstats.aggregation;

import java.util.Random;

/**
 * The data the sketch comparisons feed every library alike: latencies as a service
 * records them (log-normal, median 50 ms, clipped to 1 ms..10 s) and distinct member
 * strings.
 */
final class SketchData {

	/** How many latencies are cycled through (a power of two). */
	static final int LATENCY_COUNT = 1 << 16;

	private SketchData() {
	}

	/** {@code count} log-normal latencies in milliseconds, 1 to 10,000, from a seed. */
	static double[] latencies(int count, long seed) {
		Random random = new Random(seed);
		double[] values = new double[count];
		for (int i = 0; i < count; i++) {
			double millis = 50 * Math.exp(1.5 * random.nextGaussian());
			values[i] = Math.max(1, Math.min(10_000, millis));
		}
		return values;
	}

	/** Member {@code i} of a set: a user id as an application would add it. */
	static String member(long seed, long i) {
		return "user-" + seed + "-" + i;
	}

}
