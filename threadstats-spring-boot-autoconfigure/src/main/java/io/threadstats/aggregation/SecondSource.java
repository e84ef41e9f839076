package io.threadstats.aggregation;

import java.time.Clock;

/**
 * Where the engine gets "now", in epoch seconds: the only time the engine needs (a bucket
 * start is {@code ts - ts mod R}, and timestamps are whole seconds). Everything in one
 * engine that decides "now" (the bucket of an untimestamped point, the acceptance window
 * of a timestamped one, the cutoff of a flush) reads the same source, so they always
 * agree.
 *
 * <p>
 * On the system clock a read of the wall clock costs tens of nanoseconds on some machines
 * (virtual ones especially), more than the rest of a recording call; there the source is
 * the JVM-wide {@link TickingSecond}, which costs a volatile read. Any other clock (a
 * test's fake clock, an application's own {@link Clock} bean) is read on every call,
 * because only it knows what its time is.
 */
interface SecondSource {

	/** Now, in epoch seconds (floored). */
	long nowSecond();

	/**
	 * The source for an engine on {@code clock}: the shared ticking second for a system
	 * clock, else the clock itself.
	 */
	static SecondSource forClock(Clock clock) {
		if (isSystemClock(clock)) {
			TickingSecond shared = TickingSecond.shared();
			if (shared != null) {
				return shared;
			}
		}
		return new ClockSecond(clock);
	}

	/**
	 * Whether {@code clock} is one of {@code Clock.system(zone)} (such as
	 * {@code Clock.systemUTC()}).
	 */
	static boolean isSystemClock(Clock clock) {
		try {
			return clock.equals(Clock.system(clock.getZone()));
		}
		catch (RuntimeException ex) {
			// a custom clock that cannot say its zone is not the system clock
			return false;
		}
	}

	/** Reads the clock on every call. */
	record ClockSecond(Clock clock) implements SecondSource {

		@Override
		public long nowSecond() {
			return Math.floorDiv(this.clock.millis(), 1000);
		}

	}

}
