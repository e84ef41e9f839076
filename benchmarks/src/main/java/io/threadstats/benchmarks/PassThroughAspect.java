package io.threadstats.benchmarks;

import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;

/**
 * An around advice on the same annotation that only proceeds: the floor every
 * {@code @Around} aspect pays in Spring AOP (join point, argument array, invocation),
 * before it measures anything.
 */
@Aspect
public class PassThroughAspect {

	/** Proceeds, nothing else. */
	@Around("@annotation(io.threadstats.annotation.Timed)")
	public Object proceed(ProceedingJoinPoint joinPoint) throws Throwable {
		return joinPoint.proceed();
	}

}
