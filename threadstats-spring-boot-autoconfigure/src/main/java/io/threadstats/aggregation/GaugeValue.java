package io.threadstats.aggregation;

import io.threadstats.snapshot.MetricType;

/**
 * A gauge bucket's last call. A late call is the last call: it is sent alone, nothing is
 * kept.
 */
final class GaugeValue extends Aggregate {

	private double value;

	GaugeValue(double value) {
		this.value = value;
	}

	@Override
	void add(double value, double weight) {
		this.value = value;
	}

	@Override
	void merge(Aggregate other) {
		this.value = ((GaugeValue) other).value;
	}

	@Override
	boolean isEmpty() {
		return false;
	}

	@Override
	boolean emit(Series series, long start, FlushOutput out) {
		return emit(series, start, this.value, out);
	}

	/** Emits a gauge's last value for a bucket. */
	static boolean emit(Series series, long start, double value, FlushOutput out) {
		return out.point(series, series.emittedNames[0], MetricType.GAUGE, start, value);
	}

	@Override
	long retainedBytes() {
		return 24;
	}

}
