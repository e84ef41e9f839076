package io.threadstats.demo.intake;

import java.util.List;

/**
 * One series of a request as sent, before Datadog's name rules and time window are
 * applied.
 *
 * @param metric the metric name as sent, or {@code null}
 * @param tags the tags as sent (a v1 {@code device} included as {@code device:<name>})
 * @param host the host as sent, or {@code null}
 * @param type the type
 * @param interval the interval in seconds, or {@code null}
 * @param unit the unit, or {@code null}
 * @param points the well-formed points
 * @param malformedPoints how many points were not well-formed
 */
record IncomingSeries(String metric, List<String> tags, String host, SeriesType type, Long interval, String unit,
		List<StoredPoint> points, int malformedPoints) {
}
