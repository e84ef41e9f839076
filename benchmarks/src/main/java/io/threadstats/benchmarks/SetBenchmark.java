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
 * One set member. Micrometer has no set meter; dogstatsd's {@code recordSetValue} sends
 * one message each.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SetBenchmark {

	/** {@code stats.set(name, member, tag, tag)}. */
	@Benchmark
	public void threadstatsByName(ThreadStatsState state, Members members) {
		state.stats.set(Names.SET, members.next(), Names.ENDPOINT_TAG, Names.STATUS_TAG);
	}

	/** dogstatsd's {@code recordSetValue(name, member, tag, tag)}, the anchor. */
	@Benchmark
	public void dogstatsd(DogStatsDState state, Members members) {
		state.client.recordSetValue(Names.SET, members.next(), Names.ENDPOINT_TAG, Names.STATUS_TAG);
	}

}
