package io.threadstats.annotation;

import java.util.function.LongSupplier;

import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;

import io.threadstats.ThreadStats;
import io.threadstats.aggregation.MetricKind;

/**
 * Times methods annotated with {@link Timed} (or declared in a type annotated with it), recording
 * milliseconds into a threadstats histogram or distribution.
 *
 * <p><b>When a call is over.</b> Decided by the method's declared return type:
 * <ul>
 * <li>a {@link java.util.concurrent.CompletionStage} (or subtype): when the stage completes, normally
 * or exceptionally; cancelling a {@code CompletableFuture} completes it with a
 * {@link java.util.concurrent.CancellationException}, recorded as {@code exception:CancellationException};
 * the caller gets the very stage the method returned;</li>
 * <li>a Reactor {@code Mono}, {@code Flux} or a {@code Publisher} (when Reactor is on the class path):
 * per subscription, from subscribe to the first value or completion, error, or cancellation
 * (recorded as {@code exception:CancellationException}, also when a consumer stops early on
 * purpose, with {@code take(n)} or a timeout); a publisher subscribed twice is recorded twice, one
 * never subscribed never; the caller gets a wrapping publisher of the same type;</li>
 * <li>anything else, or a {@code null} return: when the method returns or throws.</li>
 * </ul>
 * A failure wrapped in {@link java.util.concurrent.CompletionException} or
 * {@link java.util.concurrent.ExecutionException} is tagged with its cause's type.
 *
 * <p><b>Cost.</b> Name, tags and handles are resolved on a method's first call and cached per
 * method and outcome (and per combination of {@link MetricTag} values, bounded); later calls do no
 * reflection and build nothing. Micrometer's {@code TimedAspect}, by contrast, builds and registers a
 * meter on every call.
 *
 * <p><b>Failures.</b> What the method throws is rethrown untouched; a failure in metering itself
 * never reaches the caller: it is logged and counted in {@link #unrecordedCalls()}.
 *
 * <p><b>Micrometer.</b> This aspect reacts only to {@link io.threadstats.annotation.Timed}, never to
 * Micrometer's {@code @Timed}, and Micrometer's {@code TimedAspect} only to its own: a method carrying
 * one of them is measured once, by its library; one carrying both is measured by both, as asked.
 *
 * <p>Usable without Spring Boot: register it with an {@code AspectJProxyFactory}, or declare it as a
 * bean where {@code @EnableAspectJAutoProxy} is active.
 */
@Aspect
public class ThreadStatsTimedAspect {

	private final MethodMetering metering;

	/**
	 * Creates the aspect.
	 * @param threadStats where the timings are recorded
	 */
	public ThreadStatsTimedAspect(ThreadStats threadStats) {
		this(threadStats, System::nanoTime);
	}

	ThreadStatsTimedAspect(ThreadStats threadStats, LongSupplier nanoTime) {
		this.metering = new MethodMetering(new MeteredMethodResolver<>(threadStats, Timed.class,
				ThreadStatsTimedAspect::specOf), nanoTime);
	}

	private static MetricSpec specOf(Timed timed) {
		MetricKind kind = (timed.kind() == Timed.Kind.DISTRIBUTION) ? MetricKind.DISTRIBUTION : MetricKind.HISTOGRAM;
		return new MetricSpec(timed.value(), Timed.DEFAULT_METRIC_NAME, timed.extraTags(), kind, true, false);
	}

	/**
	 * Times one call of a {@link Timed} method.
	 * @param call the intercepted call
	 * @return what the method returned (a measuring wrapper of it for Reactor types)
	 * @throws Throwable what the method threw, untouched
	 */
	@Around("execution(* *(..)) && (@annotation(io.threadstats.annotation.Timed) || @within(io.threadstats.annotation.Timed))")
	public Object timed(ProceedingJoinPoint call) throws Throwable {
		return this.metering.invoke(call);
	}

	/** Calls that ran but could not be recorded because metering itself failed (logged). */
	public long unrecordedCalls() {
		return this.metering.unrecordedCalls();
	}

}
