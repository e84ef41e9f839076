package io.threadstats.actuate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import io.threadstats.api.Durations;

/**
 * How the endpoint and the health details write values, the same everywhere: times to the
 * second ({@code 2026-03-02T10:15:40Z}), durations in their largest whole unit as
 * properties are written ({@code 10s}, {@code 5m}, {@code 1h}, {@code 250ms}), enum
 * values in lower case with hyphens ({@code out-of-window}, {@code counter}).
 */
final class ReportValues {

	private ReportValues() {
	}

	/** The instant to the second, or {@code null}. */
	static Instant instant(Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.SECONDS) : null;
	}

	/** {@code 1h}, {@code 90s} or {@code 250ms}, or {@code null}. */
	static String duration(Duration duration) {
		return Durations.shown(duration);
	}

	/** {@code OUT_OF_WINDOW} as {@code out-of-window}, or {@code null}. */
	static String key(Enum<?> value) {
		return (value != null) ? value.name().toLowerCase(Locale.ROOT).replace('_', '-') : null;
	}

}
