package io.threadstats.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

import org.springframework.aop.support.StaticMethodMatcherPointcut;

/**
 * Which methods an advisor meters: those for which {@link MeteringAnnotation} finds the
 * annotation, that is whose implementation in the target class carries it itself, or is
 * declared by a class that carries it. Only annotations present on that method or that
 * class count, so an annotation on an interface (its method or the interface itself), on
 * a superclass method the target overrides, or only on another annotation (a
 * meta-annotation) does not make a method metered: the methods the AspectJ expression
 * {@code execution(* *(..)) && (@annotation(A) || @within(A))} picks in Spring AOP,
 * without AspectJ's matching cost.
 *
 * <p>
 * Decided once per method and target class when proxies are created; no call pays for it.
 */
final class MeteredMethodPointcut extends StaticMethodMatcherPointcut {

	private final Class<? extends Annotation> annotationType;

	MeteredMethodPointcut(Class<? extends Annotation> annotationType) {
		this.annotationType = annotationType;
	}

	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		return MeteringAnnotation.find(method, targetClass, this.annotationType) != null;
	}

	@Override
	public boolean equals(Object other) {
		return (this == other)
				|| (other instanceof MeteredMethodPointcut that && this.annotationType == that.annotationType);
	}

	@Override
	public int hashCode() {
		return this.annotationType.hashCode();
	}

	@Override
	public String toString() {
		return "methods annotated @" + this.annotationType.getName() + " or declared in a type annotated with it";
	}

}
