package io.threadstats.submission;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Jittered exponential backoff, as the Agent's forwarder does it: the n-th consecutive failure waits
 * a random time in {@code [d/2, d]} with {@code d = min(base * 2^(n-1), max)}. A delay the intake asks
 * for ({@code Retry-After}, {@code X-RateLimit-Reset}) is used instead, bounded by {@link #maxRequested}.
 *
 * @param base the first delay
 * @param max the cap of the computed delay
 * @param maxRequested the most a delay asked for by the intake is honoured
 */
record RetryPolicy(Duration base, Duration max, Duration maxRequested) {

	/** 2 s doubling to 64 s, as the Agent; an intake-requested delay honoured up to an hour. */
	static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(64),
			Duration.ofHours(1));

	/**
	 * @param consecutiveFailures failures in a row, at least 1
	 * @param requested the delay the intake asked for, or {@code null}
	 */
	Duration delay(int consecutiveFailures, Duration requested) {
		if (requested != null) {
			return (requested.compareTo(this.maxRequested) > 0) ? this.maxRequested : requested;
		}
		long baseMillis = this.base.toMillis();
		int doublings = Math.min(Math.max(consecutiveFailures - 1, 0), 30);
		long capped = Math.min(baseMillis << doublings, this.max.toMillis());
		if (capped <= 1) {
			return Duration.ofMillis(capped);
		}
		return Duration.ofMillis(ThreadLocalRandom.current().nextLong(capped / 2, capped + 1));
	}

}
