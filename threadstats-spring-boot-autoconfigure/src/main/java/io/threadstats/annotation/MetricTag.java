package io.threadstats.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adds a tag taken from an argument of a {@link Timed} or {@link Counted} method:
 * {@code void charge(@MetricTag("customer") String customerId)} called with
 * {@code "acme"} records with {@code customer:acme}.
 *
 * <p>
 * The value is {@link String#valueOf(Object) String.valueOf(argument)}, taken when the
 * method is called; a {@code null} argument gives {@value #NULL_VALUE}. Every distinct
 * value is a distinct series in Datadog, so tag only arguments with few values (a tier, a
 * region, a customer of a small set), never identifiers that grow without bound. The
 * advisor keeps pre-resolved handles for at most 1,000 combinations of values per method
 * and records further ones through the slower unresolved path; the engine's series limit
 * still applies.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MetricTag {

	/** The tag value recorded for a {@code null} argument. */
	String NULL_VALUE = "null";

	/**
	 * The tag key. Blank means the parameter's name, which needs the class compiled with
	 * {@code -parameters} (Spring Boot's build plugins do that); without it the tag is
	 * left out and the problem logged once.
	 */
	String value() default "";

}
