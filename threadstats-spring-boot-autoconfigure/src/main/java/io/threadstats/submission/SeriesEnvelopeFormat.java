package io.threadstats.submission;

import java.nio.charset.StandardCharsets;

/**
 * A format whose items go in a {@code {"series":[...]}} envelope: the series and
 * distribution endpoints.
 *
 * @param <T> the item type
 */
abstract class SeriesEnvelopeFormat<T> implements PayloadFormat<T> {

	private static final byte[] PREFIX = "{\"series\":[".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SUFFIX = "]}".getBytes(StandardCharsets.US_ASCII);

	private final IntakeEndpoint endpoint;

	SeriesEnvelopeFormat(IntakeEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	@Override
	public final IntakeEndpoint endpoint() {
		return this.endpoint;
	}

	@Override
	public final byte[] prefix() {
		return PREFIX;
	}

	@Override
	public final byte[] suffix() {
		return SUFFIX;
	}

}
