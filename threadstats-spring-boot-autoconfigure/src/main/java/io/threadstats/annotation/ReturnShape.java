package io.threadstats.annotation;

import java.util.concurrent.CompletionStage;

import org.springframework.util.ClassUtils;

/**
 * When a call of a metered method is over, decided once per method from its declared
 * return type: on return, or when the returned future or publisher finishes.
 */
enum ReturnShape {

	/** Over when the method returns or throws. */
	VALUE,

	/**
	 * A {@link CompletionStage}: over when it completes, normally or exceptionally
	 * (cancelling included).
	 */
	COMPLETION_STAGE,

	/**
	 * A Reactor {@code Mono}: each subscription is over at its value, completion, error
	 * or cancellation.
	 */
	MONO,

	/**
	 * A Reactor {@code Flux}: each subscription is over at its completion, error or
	 * cancellation.
	 */
	FLUX,

	/**
	 * Declared as a Reactive Streams {@code Publisher}: measured as a {@code Mono} when
	 * the returned object is one, as a {@code Flux} otherwise.
	 */
	PUBLISHER;

	/**
	 * Whether Reactor is on the class path; without it Reactor types are never
	 * referenced.
	 */
	static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Flux",
			ReturnShape.class.getClassLoader());

	/**
	 * The shape of a method declaring this return type. Only types a measured replacement
	 * can be returned for are asynchronous: a declared {@code Mono} subclass, for one, is
	 * measured as a value.
	 */
	static ReturnShape of(Class<?> returnType) {
		if (CompletionStage.class.isAssignableFrom(returnType)) {
			return COMPLETION_STAGE;
		}
		if (REACTOR_PRESENT) {
			return ReactorReturns.shapeOf(returnType);
		}
		return VALUE;
	}

	/** Whether calls are over only when their result finishes. */
	boolean isAsynchronous() {
		return this != VALUE;
	}

}
