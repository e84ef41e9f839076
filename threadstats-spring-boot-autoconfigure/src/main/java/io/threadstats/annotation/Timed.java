package io.threadstats.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records how long each call of the annotated method takes, in milliseconds, into a
 * threadstats histogram (the original's {@code timed}) or distribution. On a type, every
 * method declared by the type is timed; an annotation on a method overrides its type's.
 * Only an annotation on the method that runs or on the class declaring it counts: one on
 * an interface, on an overridden superclass method, or on another annotation is not
 * looked at.
 *
 * <p>
 * Every point carries the tags {@code class} (the declaring type's fully qualified name),
 * {@code method}, {@code exception} (the simple class name of what the call threw, or
 * {@code none}), the {@link #extraTags()}, and one tag per {@link MetricTag} parameter,
 * all lower-cased as every tag ({@code exception:illegalstateexception}). These are the
 * tag names Micrometer's {@code TimedAspect} uses, so dashboards filtering on them carry
 * over.
 *
 * <p>
 * A method returning a {@link java.util.concurrent.CompletionStage}, a Reactor
 * {@code Mono} or a {@code Flux} is timed until its result completes, fails or is
 * cancelled, not until it returns (the README's "Method metrics" section has the exact
 * rules).
 *
 * <p>
 * This is not Micrometer's {@code io.micrometer.core.annotation.Timed}: each library
 * reacts only to its own annotation, so a method is measured by both libraries only when
 * it carries both.
 *
 * @see ThreadStatsTimedAdvisor
 * @see Counted
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Timed {

	/** The metric name used when {@link #value()} is blank, as Micrometer's. */
	String DEFAULT_METRIC_NAME = "method.timed";

	/** The metric name; blank means {@value #DEFAULT_METRIC_NAME}. */
	String value() default "";

	/**
	 * Constant tags as key/value pairs: {@code {"region", "eu", "tier", "gold"}} adds
	 * {@code region:eu} and {@code tier:gold}. An odd length is a mistake: it is logged
	 * and the unpaired last key ignored.
	 */
	String[] extraTags() default {};

	/** What the durations are recorded into. Default {@link Kind#HISTOGRAM}. */
	Kind kind() default Kind.HISTOGRAM;

	/** What a {@link Timed} method's durations are recorded into. */
	enum Kind {

		/**
		 * A threadstats histogram, as {@code timing}: min, max, count, avg and
		 * percentiles computed in process per roll-up bucket.
		 */
		HISTOGRAM,

		/**
		 * A Datadog distribution: every raw duration is sent and aggregated by Datadog.
		 */
		DISTRIBUTION

	}

}
