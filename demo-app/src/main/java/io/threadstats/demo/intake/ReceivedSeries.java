package io.threadstats.demo.intake;

import java.util.List;

/**
 * One series as {@code /intake/series} shows it.
 *
 * @param metric the metric name
 * @param tags the sorted tags
 * @param host the host, or {@code null}
 * @param type the type it was last sent with
 * @param interval the interval in seconds it was last sent with, or {@code null}
 * @param unit the unit it was last sent with, or {@code null}
 * @param points the points kept, in time order
 */
public record ReceivedSeries(String metric, List<String> tags, String host, SeriesType type, Long interval, String unit,
		List<StoredPoint> points) {
}
