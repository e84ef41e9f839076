package io.threadstats.submission;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How one flush's submission ended, from best to worst; a flush takes the worst that
 * applies. The last three are not ends of delivery: they are what a record says when
 * delivery could not be followed to its end, and it then holds only the flush's contents.
 */
public enum FlushOutcome {

	/** The flush had nothing to send. */
	EMPTY("empty"),

	/** Dry-run mode (no API key): payloads were encoded and counted, not sent. */
	DRY_RUN("dry-run"),

	/** Every payload was accepted by the intake. */
	DELIVERED("delivered"),

	/** Some payloads are parked in the retry buffer; nothing was dropped. */
	RETRYING("retrying"),

	/** Some items were dropped (see the record's {@code dropped}). */
	DROPPED("dropped"),

	/** Delivery had not finished when the record was asked for. */
	IN_PROGRESS("in progress"),

	/**
	 * Handed to a submitter whose delivery cannot be followed (not the one observed), or
	 * to one already closed.
	 */
	SUBMITTED("submitted"),

	/** threadstats is disabled: nothing was submitted. */
	DISABLED("disabled");

	private final String label;

	FlushOutcome(String label) {
		this.label = label;
	}

	/** How the endpoint shows it. */
	@JsonValue
	public String label() {
		return this.label;
	}

}
