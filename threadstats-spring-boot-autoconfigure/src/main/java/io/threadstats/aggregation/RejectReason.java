package io.threadstats.aggregation;

/** Why a recording call was dropped before aggregation. Each has a rule a person can read. */
public enum RejectReason {

	INVALID_VALUE("values must be finite numbers (not NaN or infinite)"),
	INVALID_NAME("metric names must be non-blank and start with a letter"),
	INVALID_TAG("tags must start with a letter"),
	TIMESTAMP_TOO_OLD("timestamps must be at most 1 hour in the past (Datadog drops older points)"),
	TIMESTAMP_IN_FUTURE("timestamps must be at most 10 minutes in the future (Datadog drops them)"),
	KIND_CONFLICT("a metric name keeps the kind it was first recorded with"),
	INVALID_SAMPLE_RATE("sample rates must be greater than 0 and at most 1"),
	SERIES_LIMIT("the number of active series is capped (max-series)"),
	INVALID_EVENT("events need a title and a text of at most 4000 characters"),
	CLOSED("the instance was closed");

	private final String rule;

	RejectReason(String rule) {
		this.rule = rule;
	}

	/** The rule the dropped call broke, in words. */
	public String rule() {
		return this.rule;
	}

}
