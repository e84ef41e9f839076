package io.threadstats.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * One emitted series with its single point: the value of one roll-up bucket.
 *
 * @param metric the final metric name (namespace and histogram suffix already applied)
 * @param type the Datadog metric type
 * @param timestamp the bucket start, epoch seconds
 * @param value the emitted value (finite)
 * @param interval the roll-up interval in seconds (never the flush interval)
 * @param host the host name to send, or {@code null} for none
 * @param device the device to send, or {@code null} for none
 * @param tags the series' tags (sorted, distinct) followed by the constant tags
 */
public record SeriesPoint(String metric, MetricType type, long timestamp, double value, long interval, String host,
		String device, List<String> tags) {

	public SeriesPoint {
		Objects.requireNonNull(metric, "metric");
		Objects.requireNonNull(type, "type");
		tags = List.copyOf(tags);
	}

}
