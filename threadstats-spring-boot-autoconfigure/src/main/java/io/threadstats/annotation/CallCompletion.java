package io.threadstats.annotation;

/**
 * Receives the end of one asynchronous call, or of one subscription to a returned
 * publisher.
 */
@FunctionalInterface
interface CallCompletion {

	/**
	 * Records the call. Never throws.
	 * @param startNanos when the call or subscription started, in
	 * {@link System#nanoTime()} units
	 * @param failureType what it failed with ({@code null}: success), see
	 * {@link FailureType#of}
	 */
	void completed(long startNanos, Class<? extends Throwable> failureType);

}
