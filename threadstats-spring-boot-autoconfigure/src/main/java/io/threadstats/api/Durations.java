package io.threadstats.api;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * How durations are shown to people, everywhere: as properties are written, in their
 * largest whole unit ({@code 10s}, {@code 5m}, {@code 1h}, {@code 1500ms}), never as
 * ISO-8601 ({@code PT1.5S}).
 */
public final class Durations {

	private static final ChronoUnit[] WHOLE_UNITS = { ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES,
			ChronoUnit.SECONDS };

	private static final String[] SUFFIXES = { "d", "h", "m", "s" };

	private Durations() {
	}

	/**
	 * {@code 1h}, {@code 90s}, {@code 1500ms} or {@code 0s}; sub-millisecond parts are
	 * shown in nanoseconds.
	 * @param duration a duration, or {@code null}
	 * @return how it is written, or {@code null}
	 */
	public static String shown(Duration duration) {
		if (duration == null) {
			return null;
		}
		if (duration.toNanosPart() % 1_000_000 != 0) {
			return duration.toNanos() + "ns";
		}
		long millis = duration.toMillis();
		for (int i = 0; i < WHOLE_UNITS.length; i++) {
			long unitMillis = WHOLE_UNITS[i].getDuration().toMillis();
			if (millis != 0 && millis % unitMillis == 0) {
				return (millis / unitMillis) + SUFFIXES[i];
			}
		}
		return (millis != 0) ? millis + "ms" : "0s";
	}

}
