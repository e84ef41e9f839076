package io.threadstats.annotation;

import io.threadstats.api.MetricKind;

/**
 * What one annotation asks for, independent of the method it is on.
 *
 * @param metricName the metric name, blank for the annotation's default
 * @param defaultMetricName the name used when {@code metricName} is blank
 * @param extraTags constant tags as key/value pairs
 * @param kind what the values are recorded into: {@link MetricKind#COUNTER} (one per
 * call), {@link MetricKind#HISTOGRAM} or {@link MetricKind#DISTRIBUTION} (milliseconds
 * per call)
 * @param recordsSuccess whether calls that did not fail are recorded
 * @param tagsResult whether points carry {@code result:success} or {@code result:failure}
 */
record MetricSpec(String metricName, String defaultMetricName, String[] extraTags, MetricKind kind,
		boolean recordsSuccess, boolean tagsResult) {

	/** The name to record under. */
	String effectiveMetricName() {
		return this.metricName.isBlank() ? this.defaultMetricName : this.metricName.trim();
	}

	/** Whether a call's value is its duration (else it is 1, a count). */
	boolean measuresTime() {
		return this.kind != MetricKind.COUNTER;
	}

}
