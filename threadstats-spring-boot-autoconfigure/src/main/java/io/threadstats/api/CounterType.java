package io.threadstats.api;

/** How counters are emitted. */
public enum CounterType {

	/**
	 * {@code sum / R} as Datadog type {@code rate} with {@code interval = R}: the
	 * original's and DogStatsD's way.
	 */
	RATE,

	/** {@code sum} as Datadog type {@code count} with {@code interval = R}. */
	COUNT

}
