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
 * {@link HistogramBenchmark}'s handle row when other threads, since ended, took the
 * bucket's stripes first ({@link SlotsTakenByEndedThreads}): the benchmark's threads then
 * look past every stripe's owner on every call and write into stripes they do not own.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TakenSlotsHistogramBenchmark {

	/** {@code histogramRecorder.record(value)}. */
	@Benchmark
	public void threadstats(ThreadStatsState state, Values values, SlotsTakenByEndedThreads taken) {
		state.histogram.record(values.next());
	}

	/**
	 * Micrometer's cached {@code Timer.record(nanos)}, the anchor (it has no stripes to
	 * take).
	 */
	@Benchmark
	public void micrometerTimer(MicrometerState state, Values values) {
		state.timer.record(values.nextNanos(), TimeUnit.NANOSECONDS);
	}

}
