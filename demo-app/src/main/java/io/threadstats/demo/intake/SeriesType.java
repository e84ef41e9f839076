package io.threadstats.demo.intake;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** The type a series was submitted with. */
public enum SeriesType {

	/** v2 type {@code 0}, or v1 with no type. */
	UNSPECIFIED,

	/** v2 type {@code 1}, v1 {@code "count"}. */
	COUNT,

	/** v2 type {@code 2}, v1 {@code "rate"}. */
	RATE,

	/** v2 type {@code 3}, v1 {@code "gauge"}. */
	GAUGE,

	/** A series sent to {@code /api/v1/distribution_points}. */
	DISTRIBUTION;

	/** The name shown in the read endpoints: the lower-case constant name. */
	@JsonValue
	public String displayName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
