package io.threadstats.benchmarks;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.aop.TimedAspect;
import io.threadstats.annotation.ThreadStatsTimedAdvisor;
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

import org.springframework.aop.Advisor;
import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;
import org.springframework.aop.framework.ProxyFactory;

/**
 * An annotated method called directly, through a Spring AOP proxy with no advice, through
 * ones whose advice only proceeds (an AspectJ-style {@code @Around} aspect, and an
 * advisor's method interceptor: the floors of the two routes), and through proxies
 * carrying this starter's advisor and Micrometer's {@link TimedAspect} (an
 * {@code @Around} aspect). An advice's overhead is its row minus the bare proxy row.
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

	/** A CGLIB proxy with no advisor: what every proxied call pays before any advice. */
	@Benchmark
	public int bareProxy(BareProxy target, Values values) {
		return target.service.work((int) values.nextNanos());
	}

	/**
	 * A proxy whose {@code @Around} advice only proceeds: the floor of any around aspect.
	 */
	@Benchmark
	public int passThroughAspect(PassThroughAspectProxy target, Values values) {
		return target.service.work((int) values.nextNanos());
	}

	/**
	 * A proxy whose advisor's method interceptor only proceeds: the floor of any advisor.
	 */
	@Benchmark
	public int passThroughInterceptor(PassThroughInterceptorProxy target, Values values) {
		return target.service.work((int) values.nextNanos());
	}

	/** Micrometer's {@code TimedAspect} on its Datadog registry, the anchor. */
	@Benchmark
	public int micrometerTimedAspect(MicrometerProxy target, Values values) {
		return target.service.work((int) values.nextNanos());
	}

	/** This starter's {@code ThreadStatsTimedAdvisor}. */
	@Benchmark
	public int threadstatsTimedAdvisor(ThreadStatsProxy target, Values values) {
		return target.service.work((int) values.nextNanos());
	}

	/** A class-based proxy (as Spring Boot makes) carrying the advisors. */
	static TimedService proxy(Advisor... advisors) {
		ProxyFactory factory = new ProxyFactory(new TimedService());
		factory.setProxyTargetClass(true);
		for (Advisor advisor : advisors) {
			factory.addAdvisor(advisor);
		}
		return (TimedService) factory.getProxy();
	}

	/** A class-based proxy carrying an {@code @Aspect} instance. */
	static TimedService aspectProxy(Object aspect) {
		AspectJProxyFactory factory = new AspectJProxyFactory(new TimedService());
		factory.setProxyTargetClass(true);
		factory.addAspect(aspect);
		return factory.getProxy();
	}

	/** The plain object. */
	@State(Scope.Benchmark)
	public static class BareTarget {

		TimedService service = new TimedService();

	}

	/** A proxy with no advice. */
	@State(Scope.Benchmark)
	public static class BareProxy {

		TimedService service;

		/** Creates the proxy. */
		@Setup(Level.Trial)
		public void create() {
			this.service = proxy();
		}

	}

	/** A proxy with an {@code @Around} advice that only proceeds. */
	@State(Scope.Benchmark)
	public static class PassThroughAspectProxy {

		TimedService service;

		/** Creates the proxy. */
		@Setup(Level.Trial)
		public void create() {
			this.service = aspectProxy(new PassThroughAspect());
		}

	}

	/** A proxy with a method interceptor that only proceeds. */
	@State(Scope.Benchmark)
	public static class PassThroughInterceptorProxy {

		TimedService service;

		/** Creates the proxy. */
		@Setup(Level.Trial)
		public void create() {
			this.service = proxy(PassThroughInterceptor.advisor());
		}

	}

	/** A proxy with this starter's advisor. */
	@State(Scope.Benchmark)
	public static class ThreadStatsProxy {

		TimedService service;

		/** Creates the proxy on the benchmark's instance. */
		@Setup(Level.Trial)
		public void create(ThreadStatsState threadStats) {
			this.service = proxy(new ThreadStatsTimedAdvisor(threadStats.stats));
		}

	}

	/** A proxy with Micrometer's aspect. */
	@State(Scope.Benchmark)
	public static class MicrometerProxy {

		TimedService service;

		/** Creates the proxy on the benchmark's registry. */
		@Setup(Level.Trial)
		public void create(MicrometerState micrometer) {
			this.service = aspectProxy(new TimedAspect(micrometer.registry));
		}

	}

}
