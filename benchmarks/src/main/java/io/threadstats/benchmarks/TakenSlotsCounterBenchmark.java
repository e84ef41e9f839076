package io.threadstats.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link PreResolvedCounterBenchmark}'s rows when other threads, since ended, took the
 * bucket's cells first ({@link SlotsTakenByEndedThreads}): the benchmark's threads then
 * look past every cell's owner on every call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TakenSlotsCounterBenchmark {

	/** {@code Counter.increment()}. */
	@Benchmark
	public void threadstats(ThreadStatsState state, SlotsTakenByEndedThreads taken) {
		state.counter.increment();
	}

	/**
	 * Micrometer's cached {@code Counter.increment()}, the anchor (it has no cells to
	 * take).
	 */
	@Benchmark
	public void micrometer(MicrometerState state) {
		state.counter.increment();
	}

}
