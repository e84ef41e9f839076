package io.threadstats.annotation;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import org.reactivestreams.Publisher;
import reactor.core.CorePublisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Measures Reactor return values per subscription. Loaded only when
 * {@link ReturnShape#REACTOR_PRESENT}, so the advisors work without Reactor on the class
 * path.
 *
 * <p>
 * A publisher does its work when subscribed, not when the method returns it: each
 * subscription is timed from its subscribe to its first terminal signal (value or
 * completion, error, or cancellation), and a publisher subscribed twice is recorded
 * twice, one never subscribed never. Cancellation is recorded as a failure of type
 * {@link CancellationException}, which is how a cancelled
 * {@link java.util.concurrent.CompletableFuture} reports itself too.
 */
final class ReactorReturns {

	private ReactorReturns() {
	}

	/**
	 * The shape of a declared return type, or {@link ReturnShape#VALUE} if it is not a
	 * Reactor one.
	 */
	static ReturnShape shapeOf(Class<?> returnType) {
		if (returnType == Mono.class) {
			return ReturnShape.MONO;
		}
		if (returnType == Flux.class) {
			return ReturnShape.FLUX;
		}
		if (returnType == Publisher.class || returnType == CorePublisher.class) {
			return ReturnShape.PUBLISHER;
		}
		return ReturnShape.VALUE;
	}

	/**
	 * A publisher of the same type that reports each subscription's end to
	 * {@code completion}.
	 * @param publisher what the method returned, not {@code null}
	 * @param shape the method's shape, one of the Reactor ones
	 * @param nanoTime the time source
	 * @param completion what records the end
	 */
	static Object measured(Object publisher, ReturnShape shape, LongSupplier nanoTime, CallCompletion completion) {
		if (shape == ReturnShape.MONO || (shape == ReturnShape.PUBLISHER && publisher instanceof Mono)) {
			Mono<?> mono = (Mono<?>) publisher;
			return Mono.defer(() -> {
				Subscription subscription = new Subscription(nanoTime.getAsLong(), completion);
				return mono.doOnSuccess(subscription::succeeded)
					.doOnError(subscription::failed)
					.doOnCancel(subscription::cancelled);
			});
		}
		Flux<?> flux = Flux.from((Publisher<?>) publisher);
		return Flux.defer(() -> {
			Subscription subscription = new Subscription(nanoTime.getAsLong(), completion);
			return flux.doOnComplete(subscription::completed)
				.doOnError(subscription::failed)
				.doOnCancel(subscription::cancelled);
		});
	}

	/**
	 * One subscription's end, reported once: a downstream may still cancel after a
	 * terminal signal, and a cancellation may race one.
	 */
	@SuppressWarnings("serial")
	private static final class Subscription extends AtomicBoolean {

		private final long startNanos;

		private final CallCompletion completion;

		Subscription(long startNanos, CallCompletion completion) {
			this.startNanos = startNanos;
			this.completion = completion;
		}

		void succeeded(Object value) {
			end(null);
		}

		void completed() {
			end(null);
		}

		void failed(Throwable failure) {
			end(FailureType.of(failure));
		}

		void cancelled() {
			end(CancellationException.class);
		}

		private void end(Class<? extends Throwable> failureType) {
			if (compareAndSet(false, true)) {
				this.completion.completed(this.startNanos, failureType);
			}
		}

	}

}
