package io.threadstats.snapshot;

/** The Datadog metric type of an emitted series point. */
public enum MetricType {

	/** A value at a point in time (gauges, sets, histogram aggregates). */
	GAUGE,

	/**
	 * A per-second rate over the point's interval (counters by default, histogram
	 * {@code .count}).
	 */
	RATE,

	/** A count over the point's interval (counters when configured so). */
	COUNT

}
