package io.threadstats.annotation;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.threadstats.ThreadStats;
import io.threadstats.api.MetricKind;

/**
 * The Spring AOP advisor that times {@link Timed} methods in milliseconds, into a
 * histogram or a distribution: its pointcut picks the methods when a proxy is created,
 * its interceptor records each call when it is over. Which methods, and when a call is
 * over, are the README's "Method metrics" rules. Name, tags and handles are resolved once
 * per method and outcome, so that a call costs a look-up, two clock reads and the record
 * (Micrometer's {@code TimedAspect} builds a meter per call); a failure in metering is
 * logged and counted ({@link #unrecordedCalls()}), never thrown.
 */
public class ThreadStatsTimedAdvisor extends MeteringAdvisor {

	/**
	 * Creates the advisor.
	 * @param threadStats where the timings are recorded
	 */
	public ThreadStatsTimedAdvisor(ThreadStats threadStats) {
		this(() -> threadStats);
	}

	/**
	 * Creates the advisor on an engine looked up when the first {@code @Timed} method is
	 * called, not before: a container creates advisors while it is still setting up its
	 * post-processors, and an engine created that early would miss some of them.
	 * @param threadStats supplies where the timings are recorded; called once
	 */
	public ThreadStatsTimedAdvisor(Supplier<? extends ThreadStats> threadStats) {
		this(threadStats, System::nanoTime);
	}

	ThreadStatsTimedAdvisor(Supplier<? extends ThreadStats> threadStats, LongSupplier nanoTime) {
		super(threadStats, Timed.class, ThreadStatsTimedAdvisor::specOf, nanoTime);
	}

	private static MetricSpec specOf(Timed timed) {
		MetricKind kind = (timed.kind() == Timed.Kind.DISTRIBUTION) ? MetricKind.DISTRIBUTION : MetricKind.HISTOGRAM;
		return new MetricSpec(timed.value(), Timed.DEFAULT_METRIC_NAME, timed.extraTags(), kind, true, false);
	}

}
