package io.threadstats.aggregation;

import java.util.Arrays;
import java.util.List;

import io.threadstats.api.CounterType;
import io.threadstats.api.HistogramAggregate;
import io.threadstats.snapshot.MetricType;

/**
 * A histogram's values in one bucket: exact count, sum, min and max, the values
 * themselves while there are at most {@value #EXACT_VALUES}, and a {@link QuantileSketch}
 * beyond. So up to that many values per series per bucket every aggregate and percentile
 * is exact and equal to the original's: percentile {@code p} is
 * {@code sorted[rint(p * n - 1)]} (round half even; clamped to the first value where the
 * original would wrap around to the last). Beyond, percentiles are within the sketch's
 * relative accuracy. A value kept by sampling counts its weight ({@code 1 / rate}) times
 * in {@code .count} and {@code .sum}; the other aggregates describe the values kept.
 *
 * <p>
 * Memory: 8 bytes per exact value (at most about 8 KiB), or, once there are more, the
 * sketch's counts instead.
 */
abstract sealed class HistogramValues extends Aggregate permits HistogramValues.Stripe {

	/** Up to this many values per bucket, percentiles are exact. */
	static final int EXACT_VALUES = 1000;

	private static final double[] NONE = new double[0];

	private long count;

	private double sum;

	private double min = Double.POSITIVE_INFINITY;

	private double max = Double.NEGATIVE_INFINITY;

	/**
	 * What sampled values add to {@code .count} and {@code .sum} beyond counting once.
	 */
	private double extraCount;

	private double extraSum;

	/** The first values, until the sketch takes over; then {@code null}. */
	private double[] exact = NONE;

	private int exactCount;

	private QuantileSketch sketch;

	@Override
	void add(double value, double weight) {
		this.count++;
		this.sum += value;
		if (value < this.min) {
			this.min = value;
		}
		if (value > this.max) {
			this.max = value;
		}
		if (weight != 1.0) {
			this.extraCount += weight - 1;
			this.extraSum += value * (weight - 1);
		}
		if (this.sketch != null) {
			this.sketch.add(value);
		}
		else if (this.exactCount < EXACT_VALUES) {
			if (this.exactCount == this.exact.length) {
				this.exact = Arrays.copyOf(this.exact, Math.min(EXACT_VALUES, Math.max(16, this.exactCount * 2)));
			}
			this.exact[this.exactCount++] = value;
		}
		else {
			toSketch().add(value);
		}
	}

	@Override
	void merge(Aggregate other) {
		HistogramValues more = (HistogramValues) other;
		this.count += more.count;
		this.sum += more.sum;
		this.min = Math.min(this.min, more.min);
		this.max = Math.max(this.max, more.max);
		this.extraCount += more.extraCount;
		this.extraSum += more.extraSum;
		if (this.sketch == null && more.sketch == null && this.exactCount + more.exactCount <= EXACT_VALUES) {
			if (this.exact.length < this.exactCount + more.exactCount) {
				this.exact = Arrays.copyOf(this.exact, this.exactCount + more.exactCount);
			}
			System.arraycopy(more.exact, 0, this.exact, this.exactCount, more.exactCount);
			this.exactCount += more.exactCount;
			return;
		}
		QuantileSketch into = toSketch();
		if (more.sketch != null) {
			into.merge(more.sketch);
		}
		for (int i = 0; i < more.exactCount; i++) {
			into.add(more.exact[i]);
		}
	}

	/** Moves the exact values into a sketch, from now on the only place values go. */
	private QuantileSketch toSketch() {
		if (this.sketch == null) {
			this.sketch = new QuantileSketch();
			for (int i = 0; i < this.exactCount; i++) {
				this.sketch.add(this.exact[i]);
			}
			this.exact = null;
			this.exactCount = 0;
		}
		return this.sketch;
	}

	@Override
	boolean isEmpty() {
		return this.count == 0;
	}

	/** Values recorded (each once, whatever its weight): racy outside a held stripe. */
	long count() {
		return this.count;
	}

	double sum() {
		return this.sum;
	}

	double min() {
		return this.min;
	}

	double max() {
		return this.max;
	}

	@Override
	boolean emit(Series series, long start, FlushOutput out) {
		double[] sorted = null;
		if (this.sketch == null) {
			// in place: nothing reads the exact values in their recorded order
			Arrays.sort(this.exact, 0, this.exactCount);
			sorted = this.exact;
		}
		String[] names = series.emittedNames;
		int name = 0;
		for (HistogramAggregate aggregate : out.histogramAggregates()) {
			out.point(series, names[name++], typeOf(aggregate, out), start, aggregate(aggregate, out, sorted));
		}
		List<Double> percentiles = out.histogramPercentiles();
		for (int i = 0; i < percentiles.size(); i++) {
			out.point(series, names[name++], MetricType.GAUGE, start, percentile(percentiles.get(i), sorted));
		}
		return true;
	}

	private double aggregate(HistogramAggregate aggregate, FlushOutput out, double[] sorted) {
		return switch (aggregate) {
			case MIN -> this.min;
			case MAX -> this.max;
			case COUNT -> {
				double total = this.count + this.extraCount;
				yield (out.counterType() == CounterType.COUNT) ? total : total / out.rollUpSeconds();
			}
			case AVG -> this.sum / this.count;
			case SUM -> this.sum + this.extraSum;
			case MEDIAN -> percentile(0.5, sorted);
		};
	}

	private double percentile(double p, double[] sorted) {
		long index = percentileIndex(p, this.count);
		if (sorted != null) {
			return sorted[(int) index];
		}
		return Math.max(this.min, Math.min(this.max, this.sketch.valueAtRank(index)));
	}

	private static MetricType typeOf(HistogramAggregate aggregate, FlushOutput out) {
		if (aggregate != HistogramAggregate.COUNT) {
			return MetricType.GAUGE;
		}
		return (out.counterType() == CounterType.COUNT) ? MetricType.COUNT : MetricType.RATE;
	}

	/**
	 * The index of percentile {@code p} among {@code count} sorted values: the original's
	 * rule.
	 */
	static long percentileIndex(double p, long count) {
		long index = (long) Math.rint(p * count - 1);
		return Math.max(0, Math.min(count - 1, index));
	}

	@Override
	long retainedBytes() {
		long bytes = 80 + StripePadding.BYTES;
		if (this.exact != null) {
			bytes += 16 + 8L * this.exact.length;
		}
		if (this.sketch != null) {
			bytes += this.sketch.retainedBytes();
		}
		return bytes;
	}

	/** The only form: padded after its fields (see {@link StripePadding}). */
	static final class Stripe extends HistogramValues {

		long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15, q16;

	}

}
