package io.threadstats.annotation;

import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;

import io.threadstats.ThreadStats;
import io.threadstats.aggregation.MetricKind;

/**
 * Counts the calls of methods annotated with {@link Counted} (or declared in a type annotated with
 * it) in a threadstats counter, tagged {@code result:success} or {@code result:failure}.
 *
 * <p>A call is counted when it is over, with the same rules as {@link ThreadStatsTimedAspect}: at
 * return for plain values and {@code null}; when the returned {@code CompletionStage} completes; per
 * subscription for Reactor {@code Mono}, {@code Flux} and {@code Publisher}. A cancellation counts as
 * {@code result:failure} with {@code exception:CancellationException}: the caller did not get its
 * result, and that is how a cancelled {@code CompletableFuture} reports itself.
 *
 * <p>Handles are resolved once per method and outcome and reused; what the method throws is rethrown
 * untouched, and a failure in counting never reaches the caller (see {@link #unrecordedCalls()}).
 *
 * <p>This aspect reacts only to {@link io.threadstats.annotation.Counted}, never to Micrometer's
 * {@code @Counted}: a method is counted by both libraries only when it carries both annotations.
 */
@Aspect
public class ThreadStatsCountedAspect {

	private final MethodMetering metering;

	/**
	 * Creates the aspect.
	 * @param threadStats where the counts are recorded
	 */
	public ThreadStatsCountedAspect(ThreadStats threadStats) {
		// counts need no clock
		this.metering = new MethodMetering(new MeteredMethodResolver<>(threadStats, Counted.class,
				ThreadStatsCountedAspect::specOf), System::nanoTime);
	}

	private static MetricSpec specOf(Counted counted) {
		return new MetricSpec(counted.value(), Counted.DEFAULT_METRIC_NAME, counted.extraTags(), MetricKind.COUNTER,
				!counted.recordFailuresOnly(), true);
	}

	/**
	 * Counts one call of a {@link Counted} method.
	 * @param call the intercepted call
	 * @return what the method returned (a counting wrapper of it for Reactor types)
	 * @throws Throwable what the method threw, untouched
	 */
	@Around("execution(* *(..)) && (@annotation(io.threadstats.annotation.Counted) || @within(io.threadstats.annotation.Counted))")
	public Object counted(ProceedingJoinPoint call) throws Throwable {
		return this.metering.invoke(call);
	}

	/** Calls that ran but could not be counted because metering itself failed (logged). */
	public long unrecordedCalls() {
		return this.metering.unrecordedCalls();
	}

}
