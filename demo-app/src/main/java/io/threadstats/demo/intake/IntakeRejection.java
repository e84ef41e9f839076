package io.threadstats.demo.intake;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * A request the local intake refuses, with the status and the {@code {"errors":[...]}}
 * message Datadog answers in the same case.
 */
public class IntakeRejection extends RuntimeException {

	private final HttpStatus status;

	private final MediaType contentType;

	/** A rejection answered as {@code application/json}. */
	public IntakeRejection(HttpStatus status, String message) {
		this(status, message, MediaType.APPLICATION_JSON, null);
	}

	/**
	 * A rejection answered with the given content type (Datadog answers some errors as
	 * {@code text/plain}).
	 */
	public IntakeRejection(HttpStatus status, String message, MediaType contentType, Throwable cause) {
		super(message, cause);
		this.status = status;
		this.contentType = contentType;
	}

	/** {@code 403}: no {@code DD-API-KEY} header. */
	static IntakeRejection apiKeyRequired() {
		return new IntakeRejection(HttpStatus.FORBIDDEN, "API key required");
	}

	/** {@code 413}: the body is over the endpoint's compressed or decompressed limit. */
	static IntakeRejection payloadTooLarge() {
		return new IntakeRejection(HttpStatus.CONTENT_TOO_LARGE, "Payload too large");
	}

	/** {@code 400}: the body is not what the endpoint expects. */
	static IntakeRejection badPayload(String message) {
		return new IntakeRejection(HttpStatus.BAD_REQUEST, message);
	}

	/** The status to answer. */
	public HttpStatus status() {
		return this.status;
	}

	/** The content type of the answer. */
	public MediaType contentType() {
		return this.contentType;
	}

}
