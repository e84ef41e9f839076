package io.threadstats.actuate;

import java.util.List;

import io.threadstats.api.OpenBucket;
import io.threadstats.api.OpenSeries;

/**
 * One active series as {@code GET /actuator/threadstats/{metric}} shows it.
 *
 * @param metric the metric name as emitted (namespace applied)
 * @param kind how its values are aggregated, in lower case ({@code counter},
 * {@code histogram}, ...)
 * @param host its host, or {@code null} for none
 * @param tags its tags as emitted
 * @param openBuckets its open buckets, oldest first
 */
public record SeriesView(String metric, String kind, String host, List<String> tags, List<OpenBucket> openBuckets) {

	static SeriesView of(OpenSeries series) {
		return new SeriesView(series.metric(), ReportValues.key(series.kind()), series.host(), series.tags(),
				series.openBuckets());
	}

}
