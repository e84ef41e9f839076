package io.threadstats.benchmarks;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The event time of the timestamped rows: an {@link Instant} "the caller already holds",
 * as code that records an event's own time does, taken a moment before the call. Reading
 * it costs the rows a field read, as holding it would; it is not taken per call, which
 * would measure {@code Instant.now()} instead.
 *
 * <p>
 * It must stay in the bucket the engine calls current, or the rows would measure
 * something else: an event time fixed for a whole iteration falls behind at a roll-up
 * boundary (about one 1 s iteration in ten with a 10 s roll-up) and, once the background
 * flush has closed that bucket, every later call of the iteration reopens a flushed
 * bucket: a late point. So a daemon thread publishes each coming second
 * {@value #LEAD_MILLIS} ms before it starts. The engine's "now" (a ticking second that
 * moves just after each boundary) and its flush cutoff therefore never pass the published
 * time, unless this thread is scheduled more than {@value #LEAD_MILLIS} ms late; it
 * counts those times in {@link #lateUpdates()} and the trial's end prints a warning. The
 * lead puts those {@value #LEAD_MILLIS} ms of every roll-up interval into the next bucket
 * (opened early, never a flushed one).
 *
 * <p>
 * A JMH state of its own, so only the timestamped rows have its thread.
 */
@State(Scope.Benchmark)
public class HeldEventTime {

	/** How long before a second starts it is published. */
	static final long LEAD_MILLIS = 100;

	/** Set by {@link #start()} before any row reads it. */
	private volatile Instant instant;

	/** Updating thread only (read at the end). */
	private volatile long lateUpdates;

	private volatile boolean stopped;

	private Thread updater;

	/** Starts the updating thread. */
	@Setup(Level.Trial)
	public void start() {
		update(System.currentTimeMillis());
		this.updater = new Thread(() -> {
			while (!this.stopped) {
				long nowMillis = System.currentTimeMillis();
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(update(nowMillis) - nowMillis));
			}
		}, "held-event-time");
		this.updater.setDaemon(true);
		this.updater.start();
	}

	/** Stops the updating thread; warns when it ever lagged the clock. */
	@TearDown(Level.Trial)
	public void stop() throws InterruptedException {
		this.stopped = true;
		LockSupport.unpark(this.updater);
		this.updater.join();
		if (this.lateUpdates > 0) {
			System.out.printf(
					"%nWARNING: the held event time lagged the clock %d times (its thread was scheduled"
							+ " more than %d ms late): the timestamped row may include late points%n",
					this.lateUpdates, LEAD_MILLIS);
		}
	}

	/** The event time, whole seconds. */
	public Instant instant() {
		return this.instant;
	}

	/** The event time in epoch seconds. */
	public long epochSecond() {
		return this.instant.getEpochSecond();
	}

	/**
	 * How often the updating thread found the clock already past the published second.
	 */
	long lateUpdates() {
		return this.lateUpdates;
	}

	/**
	 * Publishes what is due at {@code nowMillis}: the current second, or the coming one
	 * within {@value #LEAD_MILLIS} ms of its start.
	 * @return when the next second is due, in epoch milliseconds
	 */
	long update(long nowMillis) {
		long second = Math.floorDiv(nowMillis, 1000);
		long due = (Math.floorMod(nowMillis, 1000) >= 1000 - LEAD_MILLIS) ? second + 1 : second;
		Instant current = this.instant;
		if (current == null || current.getEpochSecond() < due) {
			if (current != null && current.getEpochSecond() < second) {
				this.lateUpdates++;
			}
			this.instant = Instant.ofEpochSecond(due);
		}
		return (due + 1) * 1000 - LEAD_MILLIS;
	}

}
