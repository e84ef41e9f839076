package io.threadstats.submission;

import java.time.Instant;

/**
 * What Datadog answered when asked whether the API key is valid
 * ({@code GET /api/v1/validate}). Never holds the key.
 *
 * @param result the verdict
 * @param checkedAt when the answer (or the failure to get one) arrived
 * @param detail what the intake answered, or why no answer came, without secrets
 */
public record ApiKeyValidation(Result result, Instant checkedAt, String detail) {

	/** The verdict of one validation. */
	public enum Result {

		/** Datadog accepted the key. */
		VALID,

		/**
		 * Datadog rejected the key (401 or 403): nothing will be delivered until it is
		 * fixed.
		 */
		REJECTED,

		/**
		 * No verdict: no key is configured, the intake could not be reached, or it
		 * answered otherwise.
		 */
		NOT_CHECKED

	}

}
