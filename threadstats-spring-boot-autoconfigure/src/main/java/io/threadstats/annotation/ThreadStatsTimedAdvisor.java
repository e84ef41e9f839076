package io.threadstats.annotation;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.threadstats.ThreadStats;
import io.threadstats.api.MetricKind;

/**
 * Times methods annotated with {@link Timed} (or declared in a type annotated with it),
 * recording milliseconds into a threadstats histogram or distribution. A Spring AOP
 * advisor, applied the way Spring applies {@code @Transactional} or {@code @Cacheable}:
 * its pointcut picks the methods when a proxy is created, and its
 * {@link org.aopalliance.intercept.MethodInterceptor} runs on each call.
 *
 * <p>
 * <b>Which methods.</b> A method whose implementation in the bean's class carries
 * {@code @Timed}, or that is declared in a class carrying it. Annotations elsewhere are
 * not looked at: not on an interface or its methods, not on a superclass method the
 * bean's class overrides, not as a meta-annotation. A method inherited from an annotated
 * superclass is timed, with the bean class's own {@code @Timed} (name, tags, kind) if it
 * has one, else the superclass's.
 *
 * <p>
 * <b>When a call is over.</b> Decided by the method's declared return type:
 * <ul>
 * <li>a {@link java.util.concurrent.CompletionStage} (or subtype): when the stage
 * completes, normally or exceptionally; cancelling a {@code CompletableFuture} completes
 * it with a {@link java.util.concurrent.CancellationException}, recorded as
 * {@code exception:cancellationexception}; the caller gets the very stage the method
 * returned;</li>
 * <li>a Reactor {@code Mono}, {@code Flux} or a {@code Publisher} (when Reactor is on the
 * class path): per subscription, from subscribe to the first value or completion, error,
 * or cancellation (recorded as {@code exception:cancellationexception}, also when a
 * consumer stops early on purpose, with {@code take(n)} or a timeout); a publisher
 * subscribed twice is recorded twice, one never subscribed never; the caller gets a
 * wrapping publisher of the same type;</li>
 * <li>anything else, or a {@code null} return: when the method returns or throws.</li>
 * </ul>
 * A failure wrapped in {@link java.util.concurrent.CompletionException} or
 * {@link java.util.concurrent.ExecutionException} is tagged with its cause's type.
 *
 * <p>
 * <b>Cost.</b> Name, tags and handles are resolved on a method's first call and cached
 * per method and outcome (and per combination of {@link MetricTag} values, bounded);
 * later calls do no reflection and build nothing: one cache look-up by method, two clock
 * reads and the record. Micrometer's {@code TimedAspect}, by contrast, goes through an
 * AspectJ join point and builds and registers a meter on every call.
 *
 * <p>
 * <b>Failures.</b> What the method throws is rethrown untouched; a failure in metering
 * itself never reaches the caller: it is logged and counted in
 * {@link #unrecordedCalls()}.
 *
 * <p>
 * <b>Micrometer.</b> This advisor reacts only to {@link io.threadstats.annotation.Timed},
 * never to Micrometer's {@code @Timed}, and Micrometer's {@code TimedAspect} only to its
 * own: a method carrying one of them is measured once, by its library; one carrying both
 * is measured by both, as asked.
 *
 * <p>
 * <b>Without Spring Boot.</b> Add it to a proxy with
 * {@code proxyFactory.addAdvisor(new ThreadStatsTimedAdvisor(threadStats))}, or declare
 * it as a bean where an advisor auto-proxy creator runs: {@code @EnableAspectJAutoProxy}
 * applies every advisor bean; the infrastructure one that
 * {@code @EnableTransactionManagement} and the like register applies it only if its bean
 * definition has the role
 * {@link org.springframework.beans.factory.config.BeanDefinition#ROLE_INFRASTRUCTURE}, as
 * the auto-configured one has.
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
