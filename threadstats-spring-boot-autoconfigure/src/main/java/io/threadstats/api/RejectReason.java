package io.threadstats.api;

/**
 * Why a recording call was dropped before aggregation. Each has a rule a person can read.
 */
public enum RejectReason {

	INVALID_VALUE("values must be finite numbers (not NaN or infinite)"),
	INVALID_NAME("metric names must be non-blank and start with an ASCII letter"),
	INVALID_TAG("tags must be non-null and start with a letter"),
	TIMESTAMP_TOO_OLD("timestamps must be at most 1 hour in the past (Datadog drops older points)"),
	TIMESTAMP_IN_FUTURE("timestamps must be at most 10 minutes in the future (Datadog drops them)"),
	KIND_CONFLICT("a metric name keeps the kind it was first recorded with"),
	INVALID_SAMPLE_RATE("sample rates must be greater than 0 and at most 1"),
	SERIES_LIMIT("the number of active series is capped (max-series)"),
	DELIVERY_BEHIND("a distribution series holds at most " + Limits.MAX_WAITING_POINTS
			+ " full points waiting for delivery; values of further ones are dropped while delivery is behind"),
	INVALID_EVENT("events need a non-blank title and a text"),
	INVALID_SERVICE_CHECK("service checks need a non-blank check name and a status"),
	QUEUE_FULL("at most " + Limits.MAX_QUEUED_NOTICES + " events and " + Limits.MAX_QUEUED_NOTICES
			+ " service checks wait for the next flush"),
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
