package io.threadstats.submission;

import java.time.Duration;

/**
 * What one request got: an HTTP status with (the start of) its body, a transport error,
 * or nothing because the submitter stopped waiting at shutdown. What delivery does with
 * each answer is {@link AnswerPolicy}'s.
 *
 * @param status the HTTP status, or {@code 0} when no response arrived
 * @param body the start of the response body as text (any content type), never
 * {@code null}
 * @param retryAfter the delay the intake asked for ({@code Retry-After} or
 * {@code X-RateLimit-Reset}), or {@code null}
 * @param transportError what went wrong when no response arrived, or {@code null}
 * @param abandoned whether the wait ended because the submitter is stopping: no answer of
 * the intake, so it says nothing about the intake
 * @param timedOut whether no answer came within the timeout: the request may have reached
 * the intake and been accepted all the same
 */
record IntakeResponse(int status, String body, Duration retryAfter, String transportError, boolean abandoned,
		boolean timedOut) {

	/** No response, and the request never reached the intake (a connection error). */
	static IntakeResponse transportFailure(String error) {
		return new IntakeResponse(0, "", null, error, false, false);
	}

	/** No response within the timeout: the request may have been accepted. */
	static IntakeResponse timeout(String error) {
		return new IntakeResponse(0, "", null, error, false, true);
	}

	/** An HTTP answer. */
	static IntakeResponse answer(int status, String body, Duration retryAfter) {
		return new IntakeResponse(status, body, retryAfter, null, false, false);
	}

	/**
	 * The request to {@code path} was cancelled, or not sent, because the submitter is
	 * stopping.
	 */
	static IntakeResponse abandoned(String path) {
		return new IntakeResponse(0, "", null, "abandoned at shutdown: " + path, true, false);
	}

	/**
	 * Whether the submitter stopped waiting (shutdown): not an answer, nor a failure, of
	 * the intake.
	 */
	boolean isAbandoned() {
		return this.abandoned;
	}

	boolean isTransportError() {
		return this.status == 0;
	}

	boolean isSuccess() {
		return this.status >= 200 && this.status < 300;
	}

	/** A short description for logs and statistics. */
	String describe() {
		if (isTransportError()) {
			return this.transportError;
		}
		return (this.body.isEmpty()) ? "HTTP " + this.status : "HTTP " + this.status + ": " + this.body;
	}

}
