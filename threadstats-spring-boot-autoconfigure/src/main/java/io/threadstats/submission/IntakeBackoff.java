package io.threadstats.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * When each intake endpoint may be tried again. An endpoint that answers 408, 429 or 5xx
 * backs off alone: the others may be fine. A transport error (no answer at all:
 * connection refused or reset, timeout) backs off every endpoint, since they share one
 * host, and each request to an unreachable host would wait out the same timeout. Used by
 * the delivery thread only.
 */
final class IntakeBackoff {

	private final RetryPolicy policy;

	private final Map<IntakeEndpoint, Wait> endpoints = new EnumMap<>(IntakeEndpoint.class);

	private final Wait host = new Wait();

	IntakeBackoff(RetryPolicy policy) {
		this.policy = policy;
		for (IntakeEndpoint endpoint : IntakeEndpoint.values()) {
			this.endpoints.put(endpoint, new Wait());
		}
	}

	/** Whether requests to {@code endpoint} must wait at {@code now}. */
	boolean isBlocked(IntakeEndpoint endpoint, Instant now) {
		return opensAt(endpoint).isAfter(now);
	}

	/**
	 * When {@code endpoint} may be tried again (in the past when it may be tried now).
	 */
	private Instant opensAt(IntakeEndpoint endpoint) {
		Instant own = this.endpoints.get(endpoint).until;
		return own.isAfter(this.host.until) ? own : this.host.until;
	}

	/**
	 * When the first of {@code endpoints} may be tried again, or {@code null} when there
	 * are none.
	 */
	Instant earliestOpening(Set<IntakeEndpoint> endpoints) {
		Instant earliest = null;
		for (IntakeEndpoint endpoint : endpoints) {
			Instant opensAt = opensAt(endpoint);
			earliest = (earliest == null || opensAt.isBefore(earliest)) ? opensAt : earliest;
		}
		return earliest;
	}

	/**
	 * Backs off after a retryable failure.
	 * @return how long {@code endpoint} now waits
	 */
	Duration failed(IntakeEndpoint endpoint, IntakeResponse response, Instant now) {
		Wait own = this.endpoints.get(endpoint);
		own.failures++;
		if (response.isTransportError()) {
			this.host.failures++;
			Duration delay = this.policy.delay(this.host.failures, null);
			this.host.until = now.plus(delay);
			return delay;
		}
		// an answer came, so the host is reachable
		this.host.reset();
		Duration delay = this.policy.delay(own.failures, response.retryAfter());
		own.until = now.plus(delay);
		return delay;
	}

	/** Failed attempts on {@code endpoint} since it last succeeded. */
	int failuresInARow(IntakeEndpoint endpoint) {
		return this.endpoints.get(endpoint).failures;
	}

	/** Clears the backoff of {@code endpoint}, and of the host since it answered. */
	void succeeded(IntakeEndpoint endpoint) {
		this.endpoints.get(endpoint).reset();
		this.host.reset();
	}

	/**
	 * Lets every endpoint be tried now (failures in a row are kept, so the next backoff
	 * still grows).
	 */
	void openAll() {
		this.endpoints.values().forEach((wait) -> wait.until = Instant.EPOCH);
		this.host.until = Instant.EPOCH;
	}

	private static final class Wait {

		int failures;

		Instant until = Instant.EPOCH;

		void reset() {
			this.failures = 0;
			this.until = Instant.EPOCH;
		}

	}

}
