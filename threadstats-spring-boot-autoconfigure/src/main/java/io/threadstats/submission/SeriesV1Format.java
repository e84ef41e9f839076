package io.threadstats.submission;

import java.util.Locale;

import io.threadstats.snapshot.SeriesPoint;
import tools.jackson.core.JsonGenerator;

/**
 * Series for {@code POST /api/v1/series}: type names, points as {@code [ts, value]}
 * pairs.
 */
final class SeriesV1Format extends SeriesEnvelopeFormat<SeriesPoint> {

	static final SeriesV1Format INSTANCE = new SeriesV1Format();

	private SeriesV1Format() {
		super(IntakeEndpoint.SERIES_V1);
	}

	@Override
	public void write(JsonGenerator generator, SeriesPoint point) {
		generator.writeStartObject();
		generator.writeStringProperty("metric", point.metric());
		generator.writeName("points");
		generator.writeStartArray();
		generator.writeStartArray();
		generator.writeNumber(point.timestamp());
		PayloadFormat.writeValue(generator, point.value());
		generator.writeEndArray();
		generator.writeEndArray();
		generator.writeStringProperty("type", point.type().name().toLowerCase(Locale.ROOT));
		// gauges too, as the original sends it
		generator.writeNumberProperty("interval", point.interval());
		PayloadFormat.writeOptional(generator, "host", point.host());
		PayloadFormat.writeOptional(generator, "device", point.device());
		PayloadFormat.writeTags(generator, point.tags());
		generator.writeEndObject();
	}

	@Override
	public long timestamp(SeriesPoint point) {
		return point.timestamp();
	}

}
