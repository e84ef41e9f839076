package io.threadstats.benchmarks;

import java.util.SplittableRandom;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-thread values to record, cycled so that histograms and distributions see a spread
 * of values (their percentile work depends on it) and the JIT cannot fold a constant.
 */
@State(Scope.Thread)
public class Values {

	private static final int MASK = 1023;

	private final double[] values = new double[MASK + 1];

	private int cursor;

	/** Fills the values with a fixed-seed spread of latencies between 0 and 1000 ms. */
	@Setup
	public void fill() {
		SplittableRandom random = new SplittableRandom(42);
		for (int i = 0; i < this.values.length; i++) {
			this.values[i] = random.nextDouble(1000);
		}
	}

	/** The next value. */
	public double next() {
		return this.values[this.cursor++ & MASK];
	}

	/** The next value as whole nanoseconds, for APIs that take a duration. */
	public long nextNanos() {
		return (long) (next() * 1_000_000);
	}

}
