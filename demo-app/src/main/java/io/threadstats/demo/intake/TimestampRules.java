package io.threadstats.demo.intake;

import java.time.Clock;
import java.time.Duration;

/**
 * Datadog's time limits, in one place: points are kept from 1 hour in the past to 10
 * minutes in the future, service checks at most 10 minutes old, events at most 18 hours
 * old.
 */
public final class TimestampRules {

	static final Duration POINT_MAX_AGE = Duration.ofHours(1);

	static final Duration POINT_MAX_AHEAD = Duration.ofMinutes(10);

	static final Duration CHECK_MAX_AGE = Duration.ofMinutes(10);

	static final Duration EVENT_MAX_AGE = Duration.ofHours(18);

	private final Clock clock;

	/** Rules judged against the given clock. */
	public TimestampRules(Clock clock) {
		this.clock = clock;
	}

	/** Now, in epoch seconds. */
	long nowSeconds() {
		return this.clock.instant().getEpochSecond();
	}

	/** Whether Datadog would keep a point with this timestamp (epoch seconds). */
	boolean pointInWindow(long timestamp) {
		long now = nowSeconds();
		return timestamp >= now - POINT_MAX_AGE.toSeconds() && timestamp <= now + POINT_MAX_AHEAD.toSeconds();
	}

	/** Whether a service check with this timestamp is too old to be kept. */
	boolean checkTooOld(long timestamp) {
		return timestamp < nowSeconds() - CHECK_MAX_AGE.toSeconds();
	}

	/** Whether an event that happened at this time is refused as too far in the past. */
	boolean eventTooOld(long dateHappened) {
		return dateHappened < nowSeconds() - EVENT_MAX_AGE.toSeconds();
	}

}
