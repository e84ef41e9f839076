package io.threadstats.annotation;

import java.util.function.Supplier;

import io.threadstats.ThreadStats;
import io.threadstats.api.MetricKind;

/**
 * The Spring AOP advisor that counts the calls of {@link Counted} methods, tagged
 * {@code result:success} or {@code result:failure}, picking methods and deciding when a
 * call is over as {@link ThreadStatsTimedAdvisor} does; a cancellation counts as a
 * failure, since the caller did not get its result.
 */
public class ThreadStatsCountedAdvisor extends MeteringAdvisor {

	/**
	 * Creates the advisor.
	 * @param threadStats where the counts are recorded
	 */
	public ThreadStatsCountedAdvisor(ThreadStats threadStats) {
		this(() -> threadStats);
	}

	/**
	 * Creates the advisor on an engine looked up when the first {@code @Counted} method
	 * is called (see {@link ThreadStatsTimedAdvisor#ThreadStatsTimedAdvisor(Supplier)}
	 * for why).
	 * @param threadStats supplies where the counts are recorded; called once
	 */
	public ThreadStatsCountedAdvisor(Supplier<? extends ThreadStats> threadStats) {
		// counts read no clock; the source is only there for the shared interceptor
		super(threadStats, Counted.class, ThreadStatsCountedAdvisor::specOf, System::nanoTime);
	}

	private static MetricSpec specOf(Counted counted) {
		return new MetricSpec(counted.value(), Counted.DEFAULT_METRIC_NAME, counted.extraTags(), MetricKind.COUNTER,
				!counted.recordFailuresOnly(), true);
	}

}
