package io.threadstats.snapshot;

/** A service check's status, with the numeric code Datadog's check_run API expects. */
public enum CheckStatus {

	OK(0), WARNING(1), CRITICAL(2), UNKNOWN(3);

	private final int code;

	CheckStatus(int code) {
		this.code = code;
	}

	/** The numeric status code the check_run API expects. */
	public int code() {
		return this.code;
	}

}
