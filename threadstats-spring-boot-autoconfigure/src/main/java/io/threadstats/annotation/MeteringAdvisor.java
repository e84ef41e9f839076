package io.threadstats.annotation;

import java.lang.annotation.Annotation;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.threadstats.MetricRecorder;
import org.aopalliance.aop.Advice;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;

/**
 * What both advisors are: a {@link MeteredMethodPointcut} for their annotation and a
 * {@link MethodMetering} interceptor, applied by whichever advisor auto-proxy creator the
 * context has.
 */
abstract class MeteringAdvisor extends AbstractPointcutAdvisor {

	private final transient MeteredMethodPointcut pointcut;

	private final transient MethodMetering metering;

	/**
	 * @param recorder where points go, asked for on the first metered call
	 * @param annotationType the annotation that makes a method metered
	 * @param specOf what an annotation asks for
	 * @param nanoTime the time source, {@link System#nanoTime()} outside tests
	 */
	<A extends Annotation> MeteringAdvisor(Supplier<? extends MetricRecorder> recorder, Class<A> annotationType,
			Function<A, MetricSpec> specOf, LongSupplier nanoTime) {
		this.pointcut = new MeteredMethodPointcut(annotationType);
		this.metering = new MethodMetering(new MeteredMethodResolver<>(recorder, annotationType, specOf), nanoTime);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.metering;
	}

	/**
	 * Calls that ran but could not be recorded because metering itself failed (each
	 * logged: the first per method as a warning, later ones at debug level).
	 * @return the number of such calls since this advisor was created
	 */
	public long unrecordedCalls() {
		return this.metering.unrecordedCalls();
	}

}
