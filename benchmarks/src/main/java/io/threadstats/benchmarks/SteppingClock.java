package io.threadstats.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until told to move, so a benchmark can fill exactly one roll-up bucket per
 * invocation and flush it, however long the recording took.
 */
final class SteppingClock extends Clock {

	private volatile Instant now;

	SteppingClock(Instant start) {
		this.now = start;
	}

	/** Moves the clock forward. Called from one thread at a time (JMH setup). */
	void advance(Duration step) {
		this.now = this.now.plus(step);
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("A stepping clock is always UTC");
	}

}
