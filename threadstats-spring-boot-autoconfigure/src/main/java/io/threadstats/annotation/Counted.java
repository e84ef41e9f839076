package io.threadstats.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Counts the calls of the annotated method in a threadstats counter. On a type, every
 * method declared by the type is counted; an annotation on a method overrides its type's.
 * Only an annotation on the method that runs or on the class declaring it counts: one on
 * an interface, on an overridden superclass method, or on another annotation is not
 * looked at.
 *
 * <p>
 * Every point carries the tags {@code class} (the declaring type's fully qualified name),
 * {@code method}, {@code result} ({@code success} or {@code failure}), {@code exception}
 * (the simple class name of what the call threw, or {@code none}), the
 * {@link #extraTags()}, and one tag per {@link MetricTag} parameter, all lower-cased as
 * every tag: the tag names of Micrometer's {@code CountedAspect}.
 *
 * <p>
 * A method returning a {@link java.util.concurrent.CompletionStage}, a Reactor
 * {@code Mono} or a {@code Flux} is counted when its result completes, fails or is
 * cancelled, not when it returns (the README's "Method metrics" section has the exact
 * rules).
 *
 * <p>
 * This is not Micrometer's {@code io.micrometer.core.annotation.Counted}: each library
 * reacts only to its own annotation, so a method is counted by both libraries only when
 * it carries both.
 *
 * @see ThreadStatsCountedAdvisor
 * @see Timed
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Counted {

	/** The metric name used when {@link #value()} is blank, as Micrometer's. */
	String DEFAULT_METRIC_NAME = "method.counted";

	/** The metric name; blank means {@value #DEFAULT_METRIC_NAME}. */
	String value() default "";

	/**
	 * Constant tags as key/value pairs: {@code {"region", "eu"}} adds {@code region:eu}.
	 * An odd length is a mistake: it is logged and the unpaired last key ignored.
	 */
	String[] extraTags() default {};

	/**
	 * Whether only failed calls are counted (Micrometer's default is the opposite: its
	 * {@code successfulAttempts} is true by default, and so is counting successes here).
	 */
	boolean recordFailuresOnly() default false;

}
