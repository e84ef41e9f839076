package io.threadstats.submission;

import io.threadstats.snapshot.DistributionPoint;
import tools.jackson.core.JsonGenerator;

/** Distributions for {@code POST /api/v1/distribution_points}: points as {@code [ts, [values...]]}. */
final class DistributionFormat implements PayloadFormat<DistributionPoint> {

	static final DistributionFormat INSTANCE = new DistributionFormat();

	@Override
	public IntakeEndpoint endpoint() {
		return IntakeEndpoint.DISTRIBUTION_POINTS;
	}

	@Override
	public byte[] prefix() {
		return SERIES_PREFIX;
	}

	@Override
	public byte[] suffix() {
		return SERIES_SUFFIX;
	}

	@Override
	public void write(JsonGenerator generator, DistributionPoint point) {
		generator.writeStartObject();
		generator.writeStringProperty("metric", point.metric());
		generator.writeName("points");
		generator.writeStartArray();
		generator.writeStartArray();
		generator.writeNumber(point.timestamp());
		generator.writeStartArray();
		for (Double value : point.values()) {
			generator.writeNumber(value.doubleValue());
		}
		generator.writeEndArray();
		generator.writeEndArray();
		generator.writeEndArray();
		generator.writeStringProperty("type", "distribution");
		PayloadFormat.writeOptional(generator, "host", point.host());
		PayloadFormat.writeTags(generator, point.tags());
		generator.writeEndObject();
	}

	@Override
	public long timestamp(DistributionPoint point) {
		return point.timestamp();
	}

}
