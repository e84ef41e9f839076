package io.threadstats.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Counter increment through a handle resolved once. dogstatsd has no handle: its only
 * form is the by-name call in {@link CounterByNameBenchmark}. {@link #doubleAdder} is a
 * reference, not a competitor: the one atomic add every row here is built on.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PreResolvedCounterBenchmark {

	/** {@code Counter.increment()}. */
	@Benchmark
	public void threadstats(ThreadStatsState state) {
		state.counter.increment();
	}

	/** {@code Counter.increment(1, eventTime)}: the same with the caller's timestamp. */
	@Benchmark
	public void threadstatsTimestamped(ThreadStatsState state, HeldEventTime eventTime) {
		state.counter.increment(1, eventTime.instant());
	}

	/** Micrometer's cached {@code Counter.increment()}, the anchor. */
	@Benchmark
	public void micrometer(MicrometerState state) {
		state.counter.increment();
	}

	/**
	 * {@code DoubleAdder.add(1)} and nothing else: what Micrometer's cached counter adds
	 * with, so the least any counter that adds with one atomic operation can cost.
	 */
	@Benchmark
	public void doubleAdder(Adder state) {
		state.adder.add(1.0);
	}

	/** One {@code DoubleAdder} shared by the benchmark's threads. */
	@State(Scope.Benchmark)
	public static class Adder {

		final DoubleAdder adder = new DoubleAdder();

	}

}
