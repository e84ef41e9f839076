package io.threadstats.submission;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The one deadline of {@link DatadogSubmitter#close(Duration)}: draining may use all of
 * it but a short share at the end, which is kept to stop the delivery thread and count
 * what it still holds.
 */
final class ShutdownDeadline {

	/** The most kept for stopping, whatever the timeout. */
	private static final long MAX_STOP_NANOS = TimeUnit.SECONDS.toNanos(1);

	/** Stands for "as long as it takes", and keeps the arithmetic from overflowing. */
	private static final Duration LONGEST = Duration.ofDays(1);

	private final long drainUntil;

	private final long stopBy;

	private ShutdownDeadline(long drainUntil, long stopBy) {
		this.drainUntil = drainUntil;
		this.stopBy = stopBy;
	}

	/**
	 * A deadline {@code timeout} from now, a fifth of it (at most a second) kept for
	 * stopping.
	 */
	static ShutdownDeadline after(Duration timeout) {
		long total = timeout.isNegative() ? 0 : ((timeout.compareTo(LONGEST) > 0) ? LONGEST : timeout).toNanos();
		long stopShare = Math.min(total / 5, MAX_STOP_NANOS);
		long now = System.nanoTime();
		return new ShutdownDeadline(now + total - stopShare, now + total);
	}

	/** Nanoseconds left for draining, zero once that part is over. */
	long nanosLeftToDrain() {
		return Math.max(0, this.drainUntil - System.nanoTime());
	}

	/** Nanoseconds left until the deadline, zero once it passed. */
	long nanosLeft() {
		return Math.max(0, this.stopBy - System.nanoTime());
	}

}
