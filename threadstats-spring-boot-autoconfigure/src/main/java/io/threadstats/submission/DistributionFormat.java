package io.threadstats.submission;

import io.threadstats.snapshot.DistributionPoint;
import tools.jackson.core.JsonGenerator;

/**
 * Distributions for {@code POST /api/v1/distribution_points}: points as
 * {@code [ts, [values...]]}.
 */
final class DistributionFormat extends SeriesEnvelopeFormat<DistributionPoint> {

	static final DistributionFormat INSTANCE = new DistributionFormat();

	private DistributionFormat() {
		super(IntakeEndpoint.DISTRIBUTION_POINTS);
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
			PayloadFormat.writeValue(generator, value);
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

	/** A hot distribution's chunks go back to be filled again. */
	@Override
	public void release(DistributionPoint point) {
		point.releaseValues();
	}

}
