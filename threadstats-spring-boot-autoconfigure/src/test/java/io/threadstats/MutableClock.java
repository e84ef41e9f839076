package io.threadstats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock tests move by hand, so bucket boundaries and backoffs need no sleeping;
 * it can also run something inside its next read, to interleave exactly with the code
 * that reads it, or fail one reading to stand for a bug.
 */
public final class MutableClock extends Clock {

	private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

	private final AtomicLong millis;

	private final AtomicReference<Runnable> onNextRead = new AtomicReference<>();

	private volatile Class<?> failNextReadingBy;

	public MutableClock(Instant start) {
		this.millis = new AtomicLong(start.toEpochMilli());
	}

	/** A clock at the given UTC time, e.g. {@code "2026-01-01T10:00:10Z"}. */
	public static MutableClock at(String instant) {
		return new MutableClock(Instant.parse(instant));
	}

	public void set(Instant instant) {
		this.millis.set(instant.toEpochMilli());
	}

	public void set(String instant) {
		set(Instant.parse(instant));
	}

	public void advance(Duration duration) {
		this.millis.addAndGet(duration.toMillis());
	}

	/**
	 * Runs the action inside the next read (of any thread); that read still returns the
	 * time from before it.
	 */
	public void onNextRead(Runnable action) {
		this.onNextRead.set(action);
	}

	/**
	 * Makes the next {@link #instant()} taken by code of {@code caller} throw: an
	 * unexpected failure inside that code, which no input could provoke.
	 */
	public void failNextReadingBy(Class<?> caller) {
		this.failNextReadingBy = caller;
	}

	@Override
	public long millis() {
		long now = this.millis.get();
		Runnable action = this.onNextRead.getAndSet(null);
		if (action != null) {
			action.run();
		}
		return now;
	}

	@Override
	public Instant instant() {
		if (this.failNextReadingBy != null) {
			failIfReadBy(STACK.getCallerClass());
		}
		return Instant.ofEpochMilli(millis());
	}

	private void failIfReadBy(Class<?> caller) {
		Class<?> failing = this.failNextReadingBy;
		if (caller == failing) {
			this.failNextReadingBy = null;
			throw new IllegalStateException("simulated failure in " + failing.getSimpleName());
		}
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException();
	}

}
