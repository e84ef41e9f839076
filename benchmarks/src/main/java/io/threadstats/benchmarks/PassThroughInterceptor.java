package io.threadstats.benchmarks;

import io.threadstats.annotation.Timed;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;

/**
 * A method interceptor on the same annotation that only proceeds: the floor every advisor
 * pays in Spring AOP (the invocation object and the interceptor chain), before it
 * measures anything. The advisor route's counterpart of {@link PassThroughAspect}.
 */
public class PassThroughInterceptor implements MethodInterceptor {

	/** An advisor applying it to methods annotated with this starter's {@code @Timed}. */
	public static Advisor advisor() {
		return new DefaultPointcutAdvisor(AnnotationMatchingPointcut.forMethodAnnotation(Timed.class),
				new PassThroughInterceptor());
	}

	/** Proceeds, nothing else. */
	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		return invocation.proceed();
	}

}
