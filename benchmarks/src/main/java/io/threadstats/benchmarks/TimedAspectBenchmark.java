package io.threadstats.benchmarks;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.aop.TimedAspect;
import io.threadstats.annotation.ThreadStatsTimedAspect;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;

/**
 * An annotated method called directly, through a Spring AOP proxy with no advice, through one whose
 * around advice only proceeds, and through proxies carrying this starter's aspect and Micrometer's
 * {@link TimedAspect}. An aspect's overhead is its row minus the bare proxy row.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TimedAspectBenchmark {

	/** The plain object, with no proxy. */
	@Benchmark
	public int bareCall(BareTarget target, Values values) {
		return target.service.work((int) values.nextNanos());
	}

	/** A CGLIB proxy with no advisor: what every proxied call pays before any aspect. */
	@Benchmark
	public int bareProxy(BareProxy target, Values values) {
		return target.service.work((int) values.nextNanos());
	}

	/** A proxy whose {@code @Around} advice only proceeds: the floor of any around aspect. */
	@Benchmark
	public int passThroughAspect(PassThroughProxy target, Values values) {
		return target.service.work((int) values.nextNanos());
	}

	/** Micrometer's {@code TimedAspect} on its Datadog registry, the anchor. */
	@Benchmark
	public int micrometerTimedAspect(MicrometerProxy target, Values values) {
		return target.service.work((int) values.nextNanos());
	}

	/** This starter's {@code ThreadStatsTimedAspect}. */
	@Benchmark
	public int threadstatsTimedAspect(ThreadStatsProxy target, Values values) {
		return target.service.work((int) values.nextNanos());
	}

	static TimedService proxy(Object... aspects) {
		AspectJProxyFactory factory = new AspectJProxyFactory(new TimedService());
		factory.setProxyTargetClass(true);
		for (Object aspect : aspects) {
			factory.addAspect(aspect);
		}
		return factory.getProxy();
	}

	/** The plain object. */
	@State(Scope.Benchmark)
	public static class BareTarget {

		TimedService service = new TimedService();

	}

	/** A proxy with no aspect. */
	@State(Scope.Benchmark)
	public static class BareProxy {

		TimedService service;

		/** Creates the proxy. */
		@Setup(Level.Trial)
		public void create() {
			this.service = proxy();
		}

	}

	/** A proxy with an advice that only proceeds. */
	@State(Scope.Benchmark)
	public static class PassThroughProxy {

		TimedService service;

		/** Creates the proxy. */
		@Setup(Level.Trial)
		public void create() {
			this.service = proxy(new PassThroughAspect());
		}

	}

	/** A proxy with this starter's aspect. */
	@State(Scope.Benchmark)
	public static class ThreadStatsProxy {

		TimedService service;

		/** Creates the proxy on the benchmark's instance. */
		@Setup(Level.Trial)
		public void create(ThreadStatsState threadStats) {
			this.service = proxy(new ThreadStatsTimedAspect(threadStats.stats));
		}

	}

	/** A proxy with Micrometer's aspect. */
	@State(Scope.Benchmark)
	public static class MicrometerProxy {

		TimedService service;

		/** Creates the proxy on the benchmark's registry. */
		@Setup(Level.Trial)
		public void create(MicrometerState micrometer) {
			this.service = proxy(new TimedAspect(micrometer.registry));
		}

	}

}
