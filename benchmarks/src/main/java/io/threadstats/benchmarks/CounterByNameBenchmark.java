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
 * Counter increment by name with two tags, the series looked up on every call, as
 * application code that does not keep handles writes it. One series with literal tags:
 * the best case of a lookup; {@link CounterByNameManySeriesBenchmark} is a realistic one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CounterByNameBenchmark {

	/** {@code stats.increment(name, tag, tag)}. */
	@Benchmark
	public void threadstats(ThreadStatsState state) {
		state.stats.increment(Names.COUNTER, Names.ENDPOINT_TAG, Names.STATUS_TAG);
	}

	/**
	 * {@code stats.increment(name, 1, eventTime, tag, tag)}: the same with the caller's
	 * timestamp.
	 */
	@Benchmark
	public void threadstatsTimestamped(ThreadStatsState state, HeldEventTime eventTime) {
		state.stats.increment(Names.COUNTER, 1, eventTime.instant(), Names.ENDPOINT_TAG, Names.STATUS_TAG);
	}

	/**
	 * Micrometer's {@code registry.counter(name, k, v, k, v).increment()}, the anchor.
	 */
	@Benchmark
	public void micrometer(MicrometerState state) {
		state.registry
			.counter(Names.COUNTER, Names.ENDPOINT_KEY, Names.ENDPOINT_VALUE, Names.STATUS_KEY, Names.STATUS_VALUE)
			.increment();
	}

	/** dogstatsd's {@code count(name, 1, tag, tag)}, aggregated client-side. */
	@Benchmark
	public void dogstatsd(DogStatsDState state) {
		state.client.count(Names.COUNTER, 1L, Names.ENDPOINT_TAG, Names.STATUS_TAG);
	}

	/**
	 * dogstatsd's {@code countWithTimestamp(name, 1, epochSecond, tag, tag)}: it can send
	 * a timestamp, but such points skip its aggregation and go one message each.
	 */
	@Benchmark
	public void dogstatsdTimestamped(DogStatsDState state, HeldEventTime eventTime) {
		state.client.countWithTimestamp(Names.COUNTER, 1L, eventTime.epochSecond(), Names.ENDPOINT_TAG,
				Names.STATUS_TAG);
	}

}
