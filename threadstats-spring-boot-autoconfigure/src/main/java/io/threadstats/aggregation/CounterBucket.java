package io.threadstats.aggregation;

import io.threadstats.snapshot.MetricType;

/** A counter's bucket: the sum of its values, emitted as {@code sum / R} ({@code rate}) or {@code sum} ({@code count}). */
final class CounterBucket extends CellBucket {

	CounterBucket(long start) {
		super(start);
	}

	@Override
	double combine(long currentBits, double value) {
		return (currentBits == EMPTY) ? value : Double.longBitsToDouble(currentBits) + value;
	}

	@Override
	boolean emit(Series series, FlushOutput out) {
		if (!hasValue()) {
			return false;
		}
		double sum = closedValue();
		if (out.counterType() == CounterType.COUNT) {
			return out.point(series, series.emittedNames[0], MetricType.COUNT, this.start, sum);
		}
		return out.point(series, series.emittedNames[0], MetricType.RATE, this.start, sum / out.rollUpSeconds());
	}

}
