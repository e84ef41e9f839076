package io.threadstats.annotation;

import java.util.function.Supplier;

import io.threadstats.ThreadStats;
import io.threadstats.api.MetricKind;

/**
 * Counts the calls of methods annotated with {@link Counted} (or declared in a type
 * annotated with it) in a threadstats counter, tagged {@code result:success} or
 * {@code result:failure}. A Spring AOP advisor, picking methods and applied exactly as
 * {@link ThreadStatsTimedAdvisor} is.
 *
 * <p>
 * A call is counted when it is over, with the same rules as
 * {@link ThreadStatsTimedAdvisor}: at return for plain values and {@code null}; when the
 * returned {@code CompletionStage} completes; per subscription for Reactor {@code Mono},
 * {@code Flux} and {@code Publisher}. A cancellation counts as {@code result:failure}
 * with {@code exception:cancellationexception}: the caller did not get its result, and
 * that is how a cancelled {@code CompletableFuture} reports itself.
 *
 * <p>
 * Handles are resolved once per method and outcome and reused; what the method throws is
 * rethrown untouched, and a failure in counting never reaches the caller (see
 * {@link #unrecordedCalls()}).
 *
 * <p>
 * This advisor reacts only to {@link io.threadstats.annotation.Counted}, never to
 * Micrometer's {@code @Counted}: a method is counted by both libraries only when it
 * carries both annotations.
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
