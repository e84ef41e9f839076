package io.threadstats.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

import org.springframework.aop.support.AopUtils;
import org.springframework.util.ClassUtils;

/**
 * The annotation that meters a method, and the implementation it was found for.
 * {@link #find} is the one rule for which annotation meters a method, used both by the
 * pointcut (whether a method is metered) and by the resolver (with which name, tags and
 * kind), so that the two never disagree.
 *
 * <p>
 * Only annotations present on the implementation that runs in the bean's class, or on a
 * class, count: first the implementation's own; else, when the class declaring the
 * implementation carries the annotation, the bean class's (so a subclass names what it
 * inherits), falling back to the declaring class's. Annotations on interfaces and their
 * methods, on a superclass method the bean class overrides, and meta-annotations are
 * never looked at.
 *
 * @param <A> the annotation type
 * @param annotation the annotation found, which says with which name, tags and kind calls
 * are recorded
 * @param implementation the implementation it was found for, whose parameters carry the
 * {@link MetricTag}s
 */
record MeteringAnnotation<A extends Annotation>(A annotation, Method implementation) {

	/**
	 * The annotation that meters a call, with the implementation, or {@code null} when
	 * the call is not metered.
	 * @param method the method called, as the proxy saw it (possibly an interface method)
	 * @param targetClass the class of the object it was called on (possibly a CGLIB
	 * subclass)
	 * @param annotationType the annotation to look for
	 */
	static <A extends Annotation> MeteringAnnotation<A> find(Method method, Class<?> targetClass,
			Class<A> annotationType) {
		Class<?> userClass = ClassUtils.getUserClass(targetClass);
		Method implementation = AopUtils.getMostSpecificMethod(method, userClass);
		A onMethod = implementation.getDeclaredAnnotation(annotationType);
		if (onMethod != null) {
			return new MeteringAnnotation<>(onMethod, implementation);
		}
		A onDeclaringClass = implementation.getDeclaringClass().getDeclaredAnnotation(annotationType);
		if (onDeclaringClass == null) {
			return null;
		}
		A onUserClass = userClass.getDeclaredAnnotation(annotationType);
		return new MeteringAnnotation<>((onUserClass != null) ? onUserClass : onDeclaringClass, implementation);
	}

}
