package io.threadstats.submission;

import io.threadstats.snapshot.MetricType;
import io.threadstats.snapshot.SeriesPoint;
import tools.jackson.core.JsonGenerator;

/**
 * Series for {@code POST /api/v2/series}: numeric types, points as objects, host and
 * device as resources.
 */
final class SeriesV2Format extends SeriesEnvelopeFormat<SeriesPoint> {

	static final SeriesV2Format INSTANCE = new SeriesV2Format();

	private SeriesV2Format() {
		super(IntakeEndpoint.SERIES_V2);
	}

	@Override
	public void write(JsonGenerator generator, SeriesPoint point) {
		generator.writeStartObject();
		generator.writeStringProperty("metric", point.metric());
		generator.writeNumberProperty("type", typeCode(point.type()));
		// gauges too, as the original sends it
		generator.writeNumberProperty("interval", point.interval());
		generator.writeName("points");
		generator.writeStartArray();
		generator.writeStartObject();
		generator.writeNumberProperty("timestamp", point.timestamp());
		generator.writeName("value");
		PayloadFormat.writeValue(generator, point.value());
		generator.writeEndObject();
		generator.writeEndArray();
		if (point.host() != null || point.device() != null) {
			generator.writeName("resources");
			generator.writeStartArray();
			writeResource(generator, point.host(), "host");
			writeResource(generator, point.device(), "device");
			generator.writeEndArray();
		}
		PayloadFormat.writeTags(generator, point.tags());
		generator.writeEndObject();
	}

	@Override
	public long timestamp(SeriesPoint point) {
		return point.timestamp();
	}

	private static void writeResource(JsonGenerator generator, String name, String type) {
		if (name != null) {
			generator.writeStartObject();
			generator.writeStringProperty("name", name);
			generator.writeStringProperty("type", type);
			generator.writeEndObject();
		}
	}

	private static int typeCode(MetricType type) {
		return switch (type) {
			case COUNT -> 1;
			case RATE -> 2;
			case GAUGE -> 3;
		};
	}

}
