package io.threadstats.submission;

import java.nio.charset.StandardCharsets;

import io.threadstats.snapshot.ServiceCheck;
import tools.jackson.core.JsonGenerator;

/**
 * Service checks for {@code POST /api/v1/check_run}: the body is a JSON array of checks.
 */
final class ServiceCheckFormat implements PayloadFormat<ServiceCheck> {

	static final ServiceCheckFormat INSTANCE = new ServiceCheckFormat();

	private static final byte[] PREFIX = "[".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SUFFIX = "]".getBytes(StandardCharsets.US_ASCII);

	@Override
	public IntakeEndpoint endpoint() {
		return IntakeEndpoint.CHECK_RUN;
	}

	@Override
	public byte[] prefix() {
		return PREFIX;
	}

	@Override
	public byte[] suffix() {
		return SUFFIX;
	}

	@Override
	public void write(JsonGenerator generator, ServiceCheck check) {
		generator.writeStartObject();
		generator.writeStringProperty("check", check.check());
		// required by the API reference's schema: an empty string stands for no host
		generator.writeStringProperty("host_name", (check.host() != null) ? check.host() : "");
		generator.writeNumberProperty("status", check.status().code());
		generator.writeName("tags");
		generator.writeStartArray();
		for (String tag : check.tags()) {
			generator.writeString(tag);
		}
		generator.writeEndArray();
		if (check.timestamp() != null) {
			generator.writeNumberProperty("timestamp", check.timestamp().getEpochSecond());
		}
		PayloadFormat.writeOptional(generator, "message", check.message());
		generator.writeEndObject();
	}

	@Override
	public long timestamp(ServiceCheck check) {
		return (check.timestamp() != null) ? check.timestamp().getEpochSecond() : NO_TIMESTAMP;
	}

}
