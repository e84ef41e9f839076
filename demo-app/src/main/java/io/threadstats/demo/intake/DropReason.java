package io.threadstats.demo.intake;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why the intake accepted a request ({@code 202}, as Datadog does) but kept less than it
 * held. Each reason names the unit it counts.
 */
public enum DropReason {

	/**
	 * A point more than 1 hour in the past or 10 minutes in the future: Datadog drops it
	 * silently.
	 */
	POINT_OUT_OF_WINDOW,

	/**
	 * A point that is not {@code {"timestamp":int,"value":number}} (v2) or
	 * {@code [ts, value]} (v1).
	 */
	POINT_MALFORMED,

	/**
	 * A point of a series the intake had no room for ({@code demo.intake.max-series}
	 * reached).
	 */
	POINT_OVER_SERIES_LIMIT,

	/**
	 * A series without a usable metric name (missing, blank, or no letter to start it).
	 */
	SERIES_WITHOUT_METRIC,

	/**
	 * A payload with no {@code series} array: Datadog answers {@code 202} and keeps
	 * nothing.
	 */
	PAYLOAD_WITHOUT_SERIES,

	/** A service check more than 10 minutes old. */
	CHECK_TOO_OLD,

	/**
	 * An event whose text was cut to Datadog's 4,000 characters (the event itself is
	 * kept).
	 */
	EVENT_TEXT_TRUNCATED;

	/** The name shown in {@code /intake/stats}: the lower-case constant name. */
	@JsonValue
	public String displayName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
