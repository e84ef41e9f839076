package io.threadstats.submission;

/**
 * How one flush's submission ended, from best to worst; a flush takes the worst that
 * applies.
 */
public enum FlushOutcome {

	/** The flush had nothing to send. */
	EMPTY,

	/** Dry-run mode (no API key): payloads were encoded and counted, not sent. */
	DRY_RUN,

	/** Every payload was accepted by the intake. */
	DELIVERED,

	/** Some payloads are parked in the retry buffer; nothing was dropped. */
	RETRYING,

	/** Some items were dropped (see the record's {@code dropped}). */
	DROPPED

}
