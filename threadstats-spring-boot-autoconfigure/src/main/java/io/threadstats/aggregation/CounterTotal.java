package io.threadstats.aggregation;

import io.threadstats.api.CounterType;
import io.threadstats.snapshot.MetricType;

/**
 * A counter bucket's sum, emitted as {@code sum / R} ({@code rate}) or {@code sum}
 * ({@code count}); a late point's sum adds to it.
 */
final class CounterTotal extends Aggregate {

	private double sum;

	CounterTotal(double sum) {
		this.sum = sum;
	}

	@Override
	void add(double value, double weight) {
		this.sum += value * weight;
	}

	@Override
	void merge(Aggregate other) {
		this.sum += ((CounterTotal) other).sum;
	}

	@Override
	boolean isEmpty() {
		return false;
	}

	@Override
	boolean emit(Series series, long start, FlushOutput out) {
		return emit(series, start, this.sum, out);
	}

	/** Emits a counter's sum for a bucket, as a rate or a count. */
	static boolean emit(Series series, long start, double sum, FlushOutput out) {
		if (out.counterType() == CounterType.COUNT) {
			return out.point(series, series.emittedNames[0], MetricType.COUNT, start, sum);
		}
		return out.point(series, series.emittedNames[0], MetricType.RATE, start, sum / out.rollUpSeconds());
	}

	@Override
	long retainedBytes() {
		return 24;
	}

}
