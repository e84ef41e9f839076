package io.threadstats.demo.intake;

import java.util.List;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * Accepts the series of a request into the {@link IntakeStore} the way Datadog does: the
 * whole request is validated first (a {@code 400} keeps nothing), then names and tags are
 * normalised, points outside the time window and malformed points are dropped and
 * counted, and the rest kept.
 */
final class SeriesIntake {

	private final IntakeStore store;

	private final DatadogNames names;

	private final TimestampRules timestamps;

	SeriesIntake(IntakeStore store, DatadogNames names, TimestampRules timestamps) {
		this.store = store;
		this.names = names;
		this.timestamps = timestamps;
	}

	/** Accepts a {@code /api/v2/series} body. */
	void acceptV2(JsonNode root) {
		accept(root, SeriesPayloads::v2);
	}

	/** Accepts a {@code /api/v1/series} body. */
	void acceptV1(JsonNode root) {
		accept(root, SeriesPayloads::v1);
	}

	/** Accepts a {@code /api/v1/distribution_points} body. */
	void acceptDistributions(JsonNode root) {
		accept(root, SeriesPayloads::distributions);
	}

	private void accept(JsonNode root, Function<JsonNode, List<IncomingSeries>> format) {
		IntakeStatistics statistics = this.store.statistics();
		JsonNode seriesArray = SeriesPayloads.seriesArray(root);
		if (seriesArray == null) {
			statistics.dropped(DropReason.PAYLOAD_WITHOUT_SERIES, 1);
			return;
		}
		for (IncomingSeries series : format.apply(seriesArray)) {
			statistics.dropped(DropReason.POINT_MALFORMED, series.malformedPoints());
			String metric = this.names.metric(series.metric());
			if (metric == null) {
				statistics.dropped(DropReason.SERIES_WITHOUT_METRIC, 1);
				continue;
			}
			SeriesKey key = new SeriesKey(metric, this.names.tags(series.tags()), series.host());
			for (StoredPoint point : series.points()) {
				if (this.timestamps.pointInWindow(point.timestamp())) {
					this.store.addPoint(key, series.type(), series.interval(), series.unit(), point);
				}
				else {
					statistics.dropped(DropReason.POINT_OUT_OF_WINDOW, 1);
				}
			}
		}
	}

}
