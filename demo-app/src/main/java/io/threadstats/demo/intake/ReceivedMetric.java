package io.threadstats.demo.intake;

import java.util.List;

/**
 * One metric name as {@code /intake/metrics} lists it: a summary of its series.
 *
 * @param metric the metric name
 * @param types the types its series were last sent with
 * @param series how many series (tag and host combinations) it has
 * @param points how many points are kept over all its series
 * @param lastTimestamp the latest point's timestamp, epoch seconds
 * @param tags every tag seen on its series, sorted
 */
public record ReceivedMetric(String metric, List<SeriesType> types, int series, int points, long lastTimestamp,
		List<String> tags) {
}
