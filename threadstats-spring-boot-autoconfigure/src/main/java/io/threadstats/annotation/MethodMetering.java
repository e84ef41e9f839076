package io.threadstats.annotation;

import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interceptor both advisors share: calls the method once, records its outcome when
 * the call is over (at return, or when the returned future or publisher finishes), and
 * hands back exactly what the method returned or threw.
 *
 * <p>
 * Whatever goes wrong in metering (a handle that throws, an argument whose
 * {@code toString} fails) is caught, counted in {@link #unrecordedCalls()} and logged (in
 * full the first time per method, then at debug level); it never reaches the caller and
 * never stops the method from running.
 */
final class MethodMetering implements MethodInterceptor {

	private static final Logger logger = LoggerFactory.getLogger(MethodMetering.class);

	private final MeteredMethodResolver<?> resolver;

	private final LongSupplier nanoTime;

	private final LongAdder unrecordedCalls = new LongAdder();

	/**
	 * @param resolver finds a call's metered method
	 * @param nanoTime the time source, {@link System#nanoTime()} outside tests
	 */
	MethodMetering(MeteredMethodResolver<?> resolver, LongSupplier nanoTime) {
		this.resolver = resolver;
		this.nanoTime = nanoTime;
	}

	/**
	 * Runs the call and records it; returns or throws what the method returned or threw.
	 */
	@Override
	public Object invoke(MethodInvocation call) throws Throwable {
		MeteredMethod method = meteredMethodOf(call);
		OutcomeHandles handles = (method != null) ? handlesFor(method, call) : null;
		if (handles == null) {
			return call.proceed();
		}
		long startNanos = method.measuresTime() ? this.nanoTime.getAsLong() : 0;
		Object result;
		try {
			result = call.proceed();
		}
		catch (Throwable failure) {
			record(method, handles, startNanos, FailureType.of(failure));
			throw failure;
		}
		ReturnShape shape = method.returnShape();
		if (result == null || !shape.isAsynchronous()) {
			record(method, handles, startNanos, null);
			return result;
		}
		return measuredAsynchronously(method, handles, startNanos, shape, result);
	}

	private Object measuredAsynchronously(MeteredMethod method, OutcomeHandles handles, long startNanos,
			ReturnShape shape, Object result) {
		try {
			if (shape == ReturnShape.COMPLETION_STAGE) {
				// the caller keeps the very stage returned, so cancelling it reaches the
				// method's work
				((CompletionStage<?>) result)
					.whenComplete((value, failure) -> record(method, handles, startNanos, FailureType.of(failure)));
				return result;
			}
			return ReactorReturns.measured(result, shape, this.nanoTime,
					(start, failureType) -> record(method, handles, start, failureType));
		}
		catch (RuntimeException | LinkageError ex) {
			unrecorded(method, ex);
			return result;
		}
	}

	private MeteredMethod meteredMethodOf(MethodInvocation call) {
		Method method = call.getMethod();
		try {
			Object target = call.getThis();
			return this.resolver.resolve(method, (target != null) ? target.getClass() : method.getDeclaringClass());
		}
		catch (RuntimeException | LinkageError ex) {
			this.unrecordedCalls.increment();
			logger.debug("Could not meter a call of {}", method, ex);
			return null;
		}
	}

	private OutcomeHandles handlesFor(MeteredMethod method, MethodInvocation call) {
		try {
			// the proxy's own array, not a copy
			return method.handlesFor(call.getArguments());
		}
		catch (RuntimeException | LinkageError ex) {
			unrecorded(method, ex);
			return null;
		}
	}

	/** Records one finished call; never throws. */
	private void record(MeteredMethod method, OutcomeHandles handles, long startNanos,
			Class<? extends Throwable> failureType) {
		try {
			long endNanos = method.measuresTime() ? this.nanoTime.getAsLong() : 0;
			handles.record(failureType, method.valueOf(startNanos, endNanos));
		}
		catch (RuntimeException | LinkageError ex) {
			unrecorded(method, ex);
		}
	}

	private void unrecorded(MeteredMethod method, Throwable ex) {
		this.unrecordedCalls.increment();
		if (method.firstFailure()) {
			logger.warn(
					"Could not record a call of {} into '{}'; the call itself was not affected, and later "
							+ "failures for this method are logged at debug level",
					method.description(), method.metricName(), ex);
		}
		else {
			logger.debug("Could not record a call of {}", method.description(), ex);
		}
	}

	/** Calls that ran but could not be recorded because metering itself failed. */
	long unrecordedCalls() {
		return this.unrecordedCalls.sum();
	}

}
