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
		// never -0.0, which marks an empty cell
		return value + 0.0;
	}

	@Override
	boolean emit(Series series, FlushOutput out) {
		return hasValue() && out.point(series, series.emittedNames[0], MetricType.GAUGE, this.start, closedValue());
	}

	/** A late call is the last call: it goes out alone, nothing is kept. */
	@Override
	boolean mergesLate() {
		return false;
	}

}
