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
 * One histogram (timer) value. This starter emits min, max, count, avg and four
 * percentiles per bucket by default; Micrometer's default timer emits count, sum and max,
 * so its percentile variant is listed too as the like-for-like output.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HistogramBenchmark {

	/** {@code histogramRecorder.record(value)}. */
	@Benchmark
	public void threadstats(ThreadStatsState state, Values values) {
		state.histogram.record(values.next());
	}

	/** {@code histogramRecorder.record(value, eventTime)}. */
	@Benchmark
	public void threadstatsTimestamped(ThreadStatsState state, Values values, HeldEventTime eventTime) {
		state.histogram.record(values.next(), eventTime.instant());
	}

	/** {@code stats.histogram(name, value, tag, tag)}, looked up every call. */
	@Benchmark
	public void threadstatsByName(ThreadStatsState state, Values values) {
		state.stats.histogram(Names.HISTOGRAM, values.next(), Names.ENDPOINT_TAG, Names.STATUS_TAG);
	}

	/** Micrometer's cached {@code Timer.record(nanos)}, default configuration. */
	@Benchmark
	public void micrometerTimer(MicrometerState state, Values values) {
		state.timer.record(values.nextNanos(), TimeUnit.NANOSECONDS);
	}

	/** Micrometer's cached timer with client-side percentiles 0.75, 0.85, 0.95, 0.99. */
	@Benchmark
	public void micrometerTimerWithPercentiles(MicrometerState state, Values values) {
		state.timerWithPercentiles.record(values.nextNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * dogstatsd's {@code histogram(name, value, tag, tag)} (not aggregated client-side:
	 * one message each).
	 */
	@Benchmark
	public void dogstatsd(DogStatsDState state, Values values) {
		state.client.histogram(Names.HISTOGRAM, values.next(), Names.ENDPOINT_TAG, Names.STATUS_TAG);
	}

}
