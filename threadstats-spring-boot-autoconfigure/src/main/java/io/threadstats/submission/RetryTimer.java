package io.threadstats.submission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one pending retry on the delivery thread: runs the retry when it is due, or sooner
 * when asked for an earlier time. The backoff is measured on the delivery clock, which
 * may jump (NTP, a suspended machine), so the timer never sleeps longer than
 * {@link #MAX_SLEEP} before the retry looks at the clock again. Used by the delivery
 * thread only.
 */
final class RetryTimer {

	/** The longest the timer sleeps before the retry looks at the clock again. */
	static final Duration MAX_SLEEP = Duration.ofSeconds(1);

	private final ScheduledExecutorService worker;

	private final Clock clock;

	private final Runnable retry;

	private ScheduledFuture<?> pending;

	private Instant pendingFor;

	/**
	 * @param worker the delivery thread's executor
	 * @param clock the delivery clock
	 * @param retry what to run when a retry is due; it starts with {@link #fired()}
	 */
	RetryTimer(ScheduledExecutorService worker, Clock clock, Runnable retry) {
		this.worker = worker;
		this.clock = clock;
		this.retry = retry;
	}

	/**
	 * Runs the retry at {@code due}, unless one is already pending for that time or
	 * earlier.
	 */
	void wakeAt(Instant due) {
		if (this.pending != null && !this.pendingFor.isAfter(due)) {
			return;
		}
		cancel();
		long delayMillis = Math.min(Math.max(0, Duration.between(this.clock.instant(), due).toMillis()),
				MAX_SLEEP.toMillis());
		try {
			this.pending = this.worker.schedule(this.retry, delayMillis, TimeUnit.MILLISECONDS);
			this.pendingFor = due;
		}
		catch (RejectedExecutionException ex) {
			// shutting down: what is parked is counted by the submitter's last report
		}
	}

	/** Called by the retry when it runs: nothing is pending any more. */
	void fired() {
		this.pending = null;
		this.pendingFor = null;
	}

	void cancel() {
		if (this.pending != null) {
			this.pending.cancel(false);
			fired();
		}
	}

}
