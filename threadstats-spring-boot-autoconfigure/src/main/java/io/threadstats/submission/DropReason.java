package io.threadstats.submission;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why delivery dropped items. An item is one series point, one distribution point, one
 * event or one service check.
 */
public enum DropReason {

	/**
	 * Outside the window Datadog keeps (series and distributions: more than 1 hour old or
	 * 10 minutes ahead; service checks: more than 10 minutes either way), found before
	 * sending or before a retry. Datadog would have accepted such points and discarded
	 * them silently.
	 */
	OUT_OF_WINDOW,

	/** Evicted, oldest first, because the retry buffer was full. */
	RETRY_BUFFER_FULL,

	/**
	 * Answered 400 or 422: the intake refused the payload itself (its body is logged).
	 */
	BAD_REQUEST,

	/**
	 * Answered another status that retrying cannot fix (404, 405, a redirect, another
	 * 4xx): the request did not reach an intake that takes it, usually a wrong
	 * {@code api-url} or a proxy in the way. Delivery shows as failing until a payload is
	 * accepted.
	 */
	REJECTED_BY_INTAKE,

	/** Answered 401 or 403: the API key was rejected. */
	API_KEY_REJECTED,

	/** Bigger than an empty payload may be, or a single item still answered 413. */
	TOO_BIG,

	/**
	 * Still buffered or not yet sent when the submitter closed and its drain timeout ran
	 * out.
	 */
	SHUTDOWN,

	/**
	 * Left behind by an unexpected failure inside delivery (logged as an error; a bug
	 * worth reporting).
	 */
	DELIVERY_ERROR;

	/**
	 * How the statistics' JSON and the endpoint name it: {@code out-of-window},
	 * {@code too-big}.
	 */
	@JsonValue
	public String key() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
