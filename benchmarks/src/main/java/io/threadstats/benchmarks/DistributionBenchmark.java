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
 * One distribution value. Micrometer's Datadog registry has no distribution type; its
 * nearest is a summary with a percentile histogram.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DistributionBenchmark {

	/** {@code distributionRecorder.record(value)}. */
	@Benchmark
	public void threadstats(ThreadStatsState state, Values values) {
		state.distribution.record(values.next());
	}

	/** {@code distributionRecorder.record(value, eventTime)}. */
	@Benchmark
	public void threadstatsTimestamped(ThreadStatsState state, Values values, HeldEventTime eventTime) {
		state.distribution.record(values.next(), eventTime.instant());
	}

	/** {@code stats.distribution(name, value, tag, tag)}, looked up every call. */
	@Benchmark
	public void threadstatsByName(ThreadStatsState state, Values values) {
		state.stats.distribution(Names.DISTRIBUTION, values.next(), Names.ENDPOINT_TAG, Names.STATUS_TAG);
	}

	/**
	 * Micrometer's cached {@code DistributionSummary.record(value)} with a percentile
	 * histogram.
	 */
	@Benchmark
	public void micrometer(MicrometerState state, Values values) {
		state.distribution.record(values.next());
	}

	/** dogstatsd's {@code distribution(name, value, tag, tag)} (one message each). */
	@Benchmark
	public void dogstatsd(DogStatsDState state, Values values) {
		state.client.distribution(Names.DISTRIBUTION, values.next(), Names.ENDPOINT_TAG, Names.STATUS_TAG);
	}

}
