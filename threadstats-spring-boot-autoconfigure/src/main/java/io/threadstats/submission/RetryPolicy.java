package io.threadstats.submission;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Jittered exponential backoff, as the Agent's forwarder does it: the n-th consecutive
 * failure waits a random time in {@code [d/2, d]} with
 * {@code d = min(base * 2^(n-1), max)}.
 *
 * <p>
 * A delay the intake asks for ({@code Retry-After}, {@code X-RateLimit-Reset}) can make
 * the wait longer, never shorter: an intake answering {@code Retry-After: 0} to every
 * request would otherwise be retried in a busy loop. It is honoured up to
 * {@link #maxRequested}, beyond which waiting would only let parked points age out of
 * Datadog's window.
 *
 * @param base the first delay, positive
 * @param max the cap of the computed delay
 * @param maxRequested the most a delay asked for by the intake is honoured
 */
record RetryPolicy(Duration base, Duration max, Duration maxRequested) {

	/**
	 * 2 s doubling to 64 s, as the Agent; an intake-requested delay honoured up to 5
	 * minutes.
	 */
	static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(64),
			Duration.ofMinutes(5));

	RetryPolicy {
		if (base.toMillis() < 1 || max.compareTo(base) < 0 || maxRequested.isNegative()) {
			throw new IllegalArgumentException("retry policy needs 1 ms <= base <= max and maxRequested >= 0, was "
					+ base + ", " + max + ", " + maxRequested);
		}
	}

	/**
	 * @param consecutiveFailures failures in a row, at least 1
	 * @param requested the delay the intake asked for, or {@code null}
	 */
	Duration delay(int consecutiveFailures, Duration requested) {
		Duration backoff = backoff(consecutiveFailures);
		if (requested == null) {
			return backoff;
		}
		Duration honoured = (requested.compareTo(this.maxRequested) > 0) ? this.maxRequested : requested;
		return (honoured.compareTo(backoff) > 0) ? honoured : backoff;
	}

	private Duration backoff(int consecutiveFailures) {
		long baseMillis = this.base.toMillis();
		int doublings = Math.min(Math.max(consecutiveFailures - 1, 0), 30);
		long capped = Math.min(baseMillis << doublings, this.max.toMillis());
		if (capped <= 1) {
			return Duration.ofMillis(capped);
		}
		return Duration.ofMillis(ThreadLocalRandom.current().nextLong(capped / 2, capped + 1));
	}

}
