package io.threadstats.annotation;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleConsumer;

/**
 * The handles of one metered method for one combination of argument tag values: one for
 * calls that succeeded and one per failure type, each resolved on first use and then
 * reused.
 */
final class OutcomeHandles {

	private final MeteredMethod method;

	/** The fixed and argument tags, without the outcome's. */
	private final String[] tags;

	/**
	 * Whether handles are kept; if not, every call records through the unresolved path.
	 */
	private final boolean cached;

	private volatile DoubleConsumer success;

	private final ConcurrentHashMap<Class<? extends Throwable>, DoubleConsumer> failures;

	OutcomeHandles(MeteredMethod method, String[] tags, boolean cached) {
		this.method = method;
		this.tags = tags;
		this.cached = cached;
		this.failures = cached ? new ConcurrentHashMap<>() : null;
	}

	/**
	 * Records one call's outcome.
	 * @param failureType what the call failed with, {@code null} for success
	 * @param value the value to record
	 */
	void record(Class<? extends Throwable> failureType, double value) {
		if (failureType == null && !this.method.recordsSuccess()) {
			return;
		}
		if (!this.cached) {
			this.method.recordUnresolved(value, this.method.outcomeTags(this.tags, failureType));
			return;
		}
		if (failureType == null) {
			successHandle().accept(value);
			return;
		}
		DoubleConsumer failure = this.failures.get(failureType);
		if (failure != null) {
			failure.accept(value);
		}
		else if (this.failures.size() < MeteredMethod.MAX_CACHED_FAILURE_TYPES) {
			this.failures
				.computeIfAbsent(failureType, (type) -> this.method.resolve(this.method.outcomeTags(this.tags, type)))
				.accept(value);
		}
		else {
			this.method.recordUnresolved(value, this.method.outcomeTags(this.tags, failureType));
		}
	}

	private DoubleConsumer successHandle() {
		DoubleConsumer handle = this.success;
		if (handle == null) {
			// two racing first calls resolve twice: both handles record into the same
			// series
			handle = this.method.resolve(this.method.outcomeTags(this.tags, null));
			this.success = handle;
		}
		return handle;
	}

}
