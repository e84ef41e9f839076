package io.threadstats.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Counter increment by name with two tags, as {@link CounterByNameBenchmark}, but each
 * call goes to the next of {@value #SERIES} series (64 endpoints; the status code is the
 * same), the way a server's request counter sees its routes.
 * {@link CounterByNameBenchmark} is the best case of a by-name lookup (one series, its
 * tags string literals, the same objects every call); this is a realistic one: the tag
 * values are strings built at start-up, not literals and not interned, as values read
 * from configuration or a route table are, and consecutive calls hit different series, so
 * a cache that only remembers the last few inputs misses. The same string objects come
 * back every cycle (their hash codes are cached), as held values do; tags built per call
 * would add their building and hashing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CounterByNameManySeriesBenchmark {

	/** Series cycled through. */
	static final int SERIES = 64;

	/** {@code stats.increment(name, tag, tag)}. */
	@Benchmark
	public void threadstats(ThreadStatsState state, Routes routes, RouteCursor cursor) {
		int route = cursor.next();
		state.stats.increment(Names.COUNTER, routes.endpointTags[route], routes.statusTag);
	}

	/**
	 * Micrometer's {@code registry.counter(name, k, v, k, v).increment()}, the anchor.
	 */
	@Benchmark
	public void micrometer(MicrometerState state, Routes routes, RouteCursor cursor) {
		int route = cursor.next();
		state.registry
			.counter(Names.COUNTER, Names.ENDPOINT_KEY, routes.endpoints[route], Names.STATUS_KEY, routes.status)
			.increment();
	}

	/** dogstatsd's {@code count(name, 1, tag, tag)}, aggregated client-side. */
	@Benchmark
	public void dogstatsd(DogStatsDState state, Routes routes, RouteCursor cursor) {
		int route = cursor.next();
		state.client.count(Names.COUNTER, 1L, routes.endpointTags[route], routes.statusTag);
	}

	/**
	 * The tag values, built at start-up from parts (so neither literals nor interned) and
	 * shared by the threads, in both forms: Micrometer's separate key and value, and
	 * Datadog's {@code key:value}.
	 */
	@State(Scope.Benchmark)
	public static class Routes {

		String[] endpoints;

		String[] endpointTags;

		String status;

		String statusTag;

		/** Builds the strings. */
		@Setup
		public void build() {
			this.endpoints = new String[SERIES];
			this.endpointTags = new String[SERIES];
			for (int i = 0; i < SERIES; i++) {
				this.endpoints[i] = new StringBuilder("/api/v1/resource-").append(i).toString();
				this.endpointTags[i] = Names.ENDPOINT_KEY + ":" + this.endpoints[i];
			}
			this.status = Integer.toString(200);
			this.statusTag = Names.STATUS_KEY + ":" + this.status;
		}

	}

	/** Each thread's position in the cycle. */
	@State(Scope.Thread)
	public static class RouteCursor {

		private int next;

		/** The next series of the cycle. */
		int next() {
			return this.next++ & (SERIES - 1);
		}

	}

}
