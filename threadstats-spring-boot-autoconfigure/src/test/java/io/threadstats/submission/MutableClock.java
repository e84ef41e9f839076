package io.threadstats.submission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that only moves when a test moves it, and can fail one reading to stand for a
 * bug.
 */
final class MutableClock extends Clock {

	private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

	private volatile Instant now;

	private volatile Class<?> failNextReadingBy;

	MutableClock(Instant now) {
		this.now = now;
	}

	void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	/**
	 * Makes the next reading taken by code of {@code caller} throw: an unexpected failure
	 * inside that code, which no input could provoke.
	 */
	void failNextReadingBy(Class<?> caller) {
		this.failNextReadingBy = caller;
	}

	@Override
	public Instant instant() {
		Class<?> failing = this.failNextReadingBy;
		if (failing != null && STACK.getCallerClass() == failing) {
			this.failNextReadingBy = null;
			throw new IllegalStateException("simulated failure in " + failing.getSimpleName());
		}
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
