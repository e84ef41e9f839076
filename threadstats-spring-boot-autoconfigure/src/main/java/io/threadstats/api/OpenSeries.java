package io.threadstats.api;

import java.util.List;

/**
 * One active series and its open buckets, read by {@code ThreadStats.openSeries(String)}
 * for diagnostics (such as checking that an annotated method records).
 *
 * @param metric the metric name as emitted (namespace applied; histograms add their
 * aggregate suffixes)
 * @param kind how its values are aggregated
 * @param host its host, or {@code null} for none
 * @param tags its tags as emitted: its own, normalised and sorted, then the constant tags
 * @param openBuckets its open buckets, oldest first; empty when everything recorded was
 * flushed
 */
public record OpenSeries(String metric, MetricKind kind, String host, List<String> tags, List<OpenBucket> openBuckets) {

	public OpenSeries {
		tags = List.copyOf(tags);
		openBuckets = List.copyOf(openBuckets);
	}

}
