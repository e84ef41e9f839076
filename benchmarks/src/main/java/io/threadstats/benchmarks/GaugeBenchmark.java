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
 * Setting a gauge. Micrometer's gauges are sampled at publish time, so "setting" one is a
 * write to the object it observes: the cheapest possible row, listed as the floor.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GaugeBenchmark {

	/** {@code gaugeRecorder.record(value)}. */
	@Benchmark
	public void threadstats(ThreadStatsState state, Values values) {
		state.gauge.record(values.next());
	}

	/** {@code gaugeRecorder.record(value, eventTime)}. */
	@Benchmark
	public void threadstatsTimestamped(ThreadStatsState state, Values values, HeldEventTime eventTime) {
		state.gauge.record(values.next(), eventTime.instant());
	}

	/** {@code stats.gauge(name, value, tag, tag)}, looked up every call. */
	@Benchmark
	public void threadstatsByName(ThreadStatsState state, Values values) {
		state.stats.gauge(Names.GAUGE, values.next(), Names.ENDPOINT_TAG, Names.STATUS_TAG);
	}

	/** A volatile write to the object Micrometer's gauge observes. */
	@Benchmark
	public void micrometer(MicrometerState state, Values values) {
		state.gaugeHolder.set(values.next());
	}

	/** dogstatsd's {@code gauge(name, value, tag, tag)}, aggregated client-side. */
	@Benchmark
	public void dogstatsd(DogStatsDState state, Values values) {
		state.client.gauge(Names.GAUGE, values.next(), Names.ENDPOINT_TAG, Names.STATUS_TAG);
	}

}
