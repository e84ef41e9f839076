package io.threadstats.api;

/**
 * How a metric's values are aggregated in a roll-up bucket. One metric name has one kind:
 * the first kind a name is recorded with wins while series of the name are held, and a
 * call with another kind is rejected and counted; once its last series is evicted, the
 * name is free again.
 */
public enum MetricKind {

	/** Last recorded value wins. */
	GAUGE,

	/** Values are summed; emitted as a rate (sum / roll-up interval) or a count. */
	COUNTER,

	/**
	 * min, max, count, avg and percentiles; {@code histogram} and {@code timing} both
	 * record here.
	 */
	HISTOGRAM,

	/** Every raw value is kept and sent to the distribution endpoint. */
	DISTRIBUTION,

	/** Number of distinct values. */
	SET

}
