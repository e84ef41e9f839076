package io.threadstats;

import java.time.Instant;

import io.threadstats.api.MetricKind;

/**
 * Every way to record a metric point: the methods of Datadog's Python threadstats, with
 * their short form {@code (metric, value, tags...)} and their timestamped form
 * {@code (metric, value, timestamp,
 * tags...)}. A {@code null} timestamp means "now".
 *
 * <p>
 * The original's {@code host} and {@code sample_rate} parameters are reached through
 * views: {@code stats.withHost("web-2").gauge(...)},
 * {@code stats.withSampleRate(0.1).increment(...)}. Views are cheap, immutable and may be
 * kept.
 *
 * <p>
 * Recording never blocks and never throws into the caller, unless the instance was built
 * {@code strict}: invalid input is normalised or rejected, logged once per problem and
 * counted.
 */
public interface MetricRecorder {

	/** Marks "no timestamp given: use the clock's now" in {@link #record}. */
	long NOW = Long.MIN_VALUE;

	// gauge: last call in the bucket wins

	default void gauge(String metric, double value, String... tags) {
		record(MetricKind.GAUGE, metric, value, NOW, tags);
	}

	default void gauge(String metric, double value, Instant timestamp, String... tags) {
		record(MetricKind.GAUGE, metric, value, epochSecond(timestamp), tags);
	}

	// counters: summed in the bucket

	default void increment(String metric, String... tags) {
		record(MetricKind.COUNTER, metric, 1, NOW, tags);
	}

	default void increment(String metric, double value, String... tags) {
		record(MetricKind.COUNTER, metric, value, NOW, tags);
	}

	default void increment(String metric, double value, Instant timestamp, String... tags) {
		record(MetricKind.COUNTER, metric, value, epochSecond(timestamp), tags);
	}

	default void decrement(String metric, String... tags) {
		record(MetricKind.COUNTER, metric, -1, NOW, tags);
	}

	default void decrement(String metric, double value, String... tags) {
		record(MetricKind.COUNTER, metric, -value, NOW, tags);
	}

	default void decrement(String metric, double value, Instant timestamp, String... tags) {
		record(MetricKind.COUNTER, metric, -value, epochSecond(timestamp), tags);
	}

	// histograms and timings: min, max, count, avg, percentiles

	default void histogram(String metric, double value, String... tags) {
		record(MetricKind.HISTOGRAM, metric, value, NOW, tags);
	}

	default void histogram(String metric, double value, Instant timestamp, String... tags) {
		record(MetricKind.HISTOGRAM, metric, value, epochSecond(timestamp), tags);
	}

	/**
	 * Records a duration in milliseconds into a histogram (the DogStatsD {@code timing}
	 * convention).
	 */
	default void timing(String metric, double millis, String... tags) {
		record(MetricKind.HISTOGRAM, metric, millis, NOW, tags);
	}

	/** Records a duration in milliseconds into a histogram at the given time. */
	default void timing(String metric, double millis, Instant timestamp, String... tags) {
		record(MetricKind.HISTOGRAM, metric, millis, epochSecond(timestamp), tags);
	}

	// distributions: every raw value sent as is

	default void distribution(String metric, double value, String... tags) {
		record(MetricKind.DISTRIBUTION, metric, value, NOW, tags);
	}

	default void distribution(String metric, double value, Instant timestamp, String... tags) {
		record(MetricKind.DISTRIBUTION, metric, value, epochSecond(timestamp), tags);
	}

	// sets: number of distinct values in the bucket

	default void set(String metric, String value, String... tags) {
		recordSetMember(metric, value, NOW, tags);
	}

	default void set(String metric, String value, Instant timestamp, String... tags) {
		recordSetMember(metric, value, epochSecond(timestamp), tags);
	}

	/** Records a set member; {@code 5} and {@code "5"} are the same member. */
	default void set(String metric, long value, String... tags) {
		recordSetMember(metric, Long.toString(value), NOW, tags);
	}

	default void set(String metric, long value, Instant timestamp, String... tags) {
		recordSetMember(metric, Long.toString(value), epochSecond(timestamp), tags);
	}

	// pre-resolved handles: no lookup and no allocation per call

	/** A counter handle for this name and tags, resolved once. */
	Counter counter(String metric, String... tags);

	/** A gauge handle for this name and tags, resolved once. */
	ValueRecorder gaugeRecorder(String metric, String... tags);

	/** A histogram handle for this name and tags, resolved once. */
	ValueRecorder histogramRecorder(String metric, String... tags);

	/** A distribution handle for this name and tags, resolved once. */
	ValueRecorder distributionRecorder(String metric, String... tags);

	// timers: milliseconds, measured with System.nanoTime()

	/**
	 * Starts a timer that records its elapsed milliseconds into {@code timing(metric)}
	 * when closed.
	 */
	Timer startTimer(String metric, String... tags);

	/** Runs the body and records its elapsed milliseconds, also when it throws. */
	default void time(String metric, Runnable body, String... tags) {
		Timer timer = startTimer(metric, tags);
		try {
			body.run();
		}
		finally {
			timer.close();
		}
	}

	/**
	 * Runs the body, records its elapsed milliseconds (also when it throws) and returns
	 * its result.
	 */
	default <T> T time(String metric, java.util.function.Supplier<T> body, String... tags) {
		Timer timer = startTimer(metric, tags);
		try {
			return body.get();
		}
		finally {
			timer.close();
		}
	}

	// views for the original's host and sample_rate parameters

	/** A view whose points carry this host name ({@code null}: send no host). */
	MetricRecorder withHost(String host);

	/**
	 * A view that keeps each call with probability {@code rate} (0 &lt; rate &lt;= 1),
	 * the DogStatsD way: a kept call stands for {@code 1/rate} calls. What is scaled:
	 * counter values (by {@code 1/rate}) and a histogram's or timing's totals,
	 * {@code .count} and {@code .sum} (each kept value counts {@code 1/rate} times). What
	 * is not: a histogram's {@code .min}, {@code .max}, {@code .avg}, {@code .median} and
	 * percentiles (they describe the values kept), gauges, sets, and distributions, whose
	 * kept values are sent as they are (Datadog's distribution API has no weight, so
	 * there a sampled distribution counts only the values kept).
	 */
	MetricRecorder withSampleRate(double rate);

	// the two primitives every method above reduces to

	/**
	 * Records one value.
	 * @param kind how the metric is aggregated
	 * @param metric the metric name
	 * @param value the value
	 * @param epochSecond the point's time in epoch seconds, or {@link #NOW}
	 * @param tags the tags, in any order
	 */
	void record(MetricKind kind, String metric, double value, long epochSecond, String... tags);

	/**
	 * Records one set member.
	 * @param metric the metric name
	 * @param member the member
	 * @param epochSecond the point's time in epoch seconds, or {@link #NOW}
	 * @param tags the tags, in any order
	 */
	void recordSetMember(String metric, String member, long epochSecond, String... tags);

	/**
	 * Epoch seconds of a timestamp (fractions floored), or {@link #NOW} for {@code null}.
	 */
	static long epochSecond(Instant timestamp) {
		return (timestamp != null) ? timestamp.getEpochSecond() : NOW;
	}

}
