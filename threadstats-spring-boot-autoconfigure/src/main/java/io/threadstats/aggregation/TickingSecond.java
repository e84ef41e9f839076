package io.threadstats.aggregation;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current epoch second of the system clock, kept in a volatile field by one JVM-wide
 * daemon thread named {@value #THREAD_NAME}: reading it costs a volatile read instead of
 * a clock read. The thread is started on first use (the first engine on the system
 * clock), shared by every engine after that, and wakes once a second, just past each
 * second boundary.
 *
 * <p>
 * Each wake-up reads the clock again and sleeps until the next boundary measured from
 * that read, so nothing accumulates: a late wake-up, a clock step (forwards or back) or a
 * failed step is healed at the next wake-up. The thread catches and survives any
 * {@link Throwable} (the first one is logged) and ignores interrupts. Until a wake-up
 * happens the published second lags the clock by the thread's wake-up latency, typically
 * well under a millisecond (see {@link BucketClock} for why that is harmless).
 *
 * <p>
 * One thread per class loader that loads the engine, never one per engine; it does not
 * inherit the starting thread's inheritable thread locals or context class loader.
 */
final class TickingSecond implements SecondSource {

	/** The name of the ticking thread. */
	static final String THREAD_NAME = "threadstats-clock";

	/**
	 * How long to wait before trying again after a failed wake-up, so a persistent
	 * failure never spins.
	 */
	static final long RETRY_MILLIS = 1000;

	private static final Logger logger = LoggerFactory.getLogger(TickingSecond.class);

	private final Clock clock;

	private final Sleeper sleeper;

	private volatile long second;

	/** Ticking thread only. */
	private boolean failureLogged;

	/**
	 * Starts at the clock's current second; ticks only when something calls
	 * {@link #tick()}.
	 */
	TickingSecond(Clock clock, Sleeper sleeper) {
		this.clock = clock;
		this.sleeper = sleeper;
		this.second = Math.floorDiv(clock.millis(), 1000);
	}

	/**
	 * The JVM-wide instance on the system clock, its thread started on the first call;
	 * {@code null} when the thread could not be started (the caller then reads the clock
	 * itself).
	 */
	static TickingSecond shared() {
		return Shared.INSTANCE;
	}

	@Override
	public long nowSecond() {
		return this.second;
	}

	/**
	 * One wake-up: publishes the clock's current second, then sleeps until the next
	 * second boundary (or {@link #RETRY_MILLIS} after a failure). Never throws.
	 */
	void tick() {
		long pauseMillis;
		try {
			long millis = this.clock.millis();
			this.second = Math.floorDiv(millis, 1000);
			pauseMillis = 1000 - Math.floorMod(millis, 1000);
		}
		catch (Throwable ex) {
			failed(ex);
			pauseMillis = RETRY_MILLIS;
		}
		try {
			this.sleeper.sleep(pauseMillis);
		}
		catch (InterruptedException ex) {
			// nobody owns this thread but us: an interrupt is only an early wake-up,
			// which the next read heals
		}
		catch (Throwable ex) {
			failed(ex);
		}
	}

	private void failed(Throwable ex) {
		if (!this.failureLogged) {
			this.failureLogged = true;
			logger.warn(
					"threadstats' clock thread failed; it keeps running and reads the clock again at its next wake-up",
					ex);
		}
	}

	@Override
	public String toString() {
		return "TickingSecond[" + this.second + "]";
	}

	/** How the ticking thread waits (a seam for tests). */
	@FunctionalInterface
	interface Sleeper {

		void sleep(long millis) throws InterruptedException;

	}

	/**
	 * Holds the shared instance: the JVM starts it on first access, once, without a lock
	 * of ours.
	 */
	private static final class Shared {

		static final TickingSecond INSTANCE = start();

		private static TickingSecond start() {
			try {
				TickingSecond ticking = new TickingSecond(Clock.systemUTC(), Thread::sleep);
				Thread thread = new Thread(null, () -> {
					for (;;) {
						ticking.tick();
					}
				}, THREAD_NAME, 0, false);
				thread.setDaemon(true);
				thread.setContextClassLoader(null);
				thread.start();
				return ticking;
			}
			catch (Throwable ex) {
				logger.warn(
						"threadstats could not start its clock thread; it reads the system clock on every call instead",
						ex);
				return null;
			}
		}

	}

}
