package io.threadstats.aggregation;

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
	Aggregate aggregate() {
		return hasValue() ? new GaugeValue(closedValue()) : null;
	}

	@Override
	boolean emit(Series series, FlushOutput out) {
		return hasValue() && GaugeValue.emit(series, this.start, closedValue(), out);
	}

	/** A late call is the last call: it goes out alone. */
	@Override
	boolean mergesLate() {
		return false;
	}

}
