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

}
