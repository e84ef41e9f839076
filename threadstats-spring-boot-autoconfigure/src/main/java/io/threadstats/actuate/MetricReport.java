package io.threadstats.actuate;

import java.util.List;

/**
 * What {@code GET /actuator/threadstats/{metric}} answers: the metric's active series
 * (host, tags and kind) and the values waiting in their open buckets for the next flush.
 *
 * @param metric the name asked for
 * @param activeSeries how many series of it are active
 * @param series the series, at most {@value ThreadStatsInspector#MAX_SERIES_SHOWN},
 * ordered by host and tags
 */
public record MetricReport(String metric, int activeSeries, List<SeriesView> series) {
}
