package io.threadstats.api;

/**
 * The non-percentile series a histogram emits, each as {@code <metric>.<suffix>}.
 * Percentiles are chosen separately.
 */
public enum HistogramAggregate {

	MIN("min"), MAX("max"), COUNT("count"), AVG("avg"), SUM("sum"), MEDIAN("median");

	private final String suffix;

	HistogramAggregate(String suffix) {
		this.suffix = suffix;
	}

	/** The metric name suffix, without the dot. */
	public String suffix() {
		return this.suffix;
	}

}
