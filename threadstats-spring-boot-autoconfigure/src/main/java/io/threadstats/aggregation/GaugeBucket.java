package io.threadstats.aggregation;

import io.threadstats.snapshot.MetricType;

/**
 * A gauge's bucket: the last call wins (the last successful CAS, not the latest
 * timestamp).
 */
final class GaugeBucket extends CellBucket {

	GaugeBucket(long start) {
		super(start);
	}

	@Override
	double combine(long currentBits, double value) {
		return value;
	}

	@Override
	boolean emit(Series series, FlushOutput out) {
		return hasValue() && out.point(series, series.emittedNames[0], MetricType.GAUGE, this.start, closedValue());
	}

}
