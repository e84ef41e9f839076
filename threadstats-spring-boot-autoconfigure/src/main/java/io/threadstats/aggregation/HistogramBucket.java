package io.threadstats.aggregation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;

import io.threadstats.api.CounterType;
import io.threadstats.api.HistogramAggregate;
import io.threadstats.api.OpenBucket;
import io.threadstats.snapshot.MetricType;

/**
 * A histogram's bucket. The first {@value #EXACT_VALUES} values are kept as they are, so
 * up to that many values per series per bucket every aggregate and percentile is exact
 * and equal to the original's: percentile {@code p} is {@code sorted[rint(p * n - 1)]}
 * (round half even; clamped to the first value where the original would wrap around to
 * the last), avg is {@code sum / count} summed left to right in recording order. Beyond
 * that, values go into a {@link RelativeErrorSketch}: percentiles are then within
 * {@value RelativeErrorSketch#RELATIVE_ACCURACY} relative error of the exact ones, while
 * min, max, count and avg stay exact (the overflow's sum is added after the first
 * values'). A value kept by sampling counts its weight ({@code 1 / sample rate}) times in
 * the totals, {@code .count} and {@code .sum}; the other aggregates describe the values
 * kept.
 *
 * <p>
 * Memory: at most about 16 KiB of samples, plus 2 x 16 KiB of sketch counts once more
 * than {@value #EXACT_VALUES} values arrive (per sign present), plus about 100 bytes once
 * a sampled value arrives.
 */
final class HistogramBucket extends ClaimedBucket {

	/** Up to this many values per bucket, percentiles are exact. */
	static final int EXACT_VALUES = 1000;

	private static final VarHandle OVERFLOW;

	private static final VarHandle WEIGHTS;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			OVERFLOW = lookup.findVarHandle(HistogramBucket.class, "overflow", Overflow.class);
			WEIGHTS = lookup.findVarHandle(HistogramBucket.class, "weights", Weights.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final DoubleLog samples = new DoubleLog(EXACT_VALUES);

	private volatile Overflow overflow;

	/**
	 * What sampled values add to the totals beyond counting once; {@code null} until one
	 * arrives.
	 */
	private volatile Weights weights;

	HistogramBucket(long start) {
		super(start);
	}

	@Override
	int add(double value) {
		return add(value, 1.0);
	}

	/**
	 * A sampled value: percentiles, min, max and avg describe the values kept, while the
	 * totals ({@code .count}, {@code .sum}) count it {@code weight} times, as the Agent
	 * counts a sampled DogStatsD histogram.
	 */
	@Override
	int add(double value, double weight) {
		long ticket = claim();
		if (ticket < 0) {
			return CLOSED;
		}
		try {
			if (ticket < EXACT_VALUES) {
				this.samples.set((int) ticket, value);
			}
			else {
				overflow().add(value);
			}
			if (weight != 1.0) {
				Weights extra = weights();
				extra.count.add(weight - 1);
				extra.sum.add(value * (weight - 1));
			}
		}
		finally {
			complete();
		}
		return ADDED;
	}

	private Weights weights() {
		Weights current = this.weights;
		if (current == null) {
			WEIGHTS.compareAndSet(this, null, new Weights());
			current = this.weights;
		}
		return current;
	}

	private Overflow overflow() {
		Overflow current = this.overflow;
		if (current == null) {
			OVERFLOW.compareAndSet(this, null, new Overflow());
			current = this.overflow;
		}
		return current;
	}

	@Override
	OpenBucket peek() {
		long count = claimedSoFar();
		return (count > 0) ? OpenBucket.ofCount(this.start, count) : null;
	}

	@Override
	boolean emit(Series series, FlushOutput out) {
		long count = writes();
		if (count == 0) {
			return false;
		}
		double[] values = this.samples.toArray((int) Math.min(count, EXACT_VALUES));
		double sum = 0;
		for (double value : values) {
			sum += value;
		}
		Arrays.sort(values);
		double min = values[0];
		double max = values[values.length - 1];
		Overflow extra = this.overflow;
		if (extra != null) {
			sum += extra.sum();
			min = Math.min(min, extra.min());
			max = Math.max(max, extra.max());
			for (double value : values) {
				extra.sketch.add(value);
			}
		}
		Weights weighted = this.weights;
		double totalCount = (weighted != null) ? count + weighted.count.sum() : count;
		double totalSum = (weighted != null) ? sum + weighted.sum.sum() : sum;
		Summary summary = new Summary(count, sum, totalCount, totalSum, min, max, values,
				(extra != null) ? extra.sketch : null);
		String[] names = series.emittedNames;
		int name = 0;
		for (HistogramAggregate aggregate : out.histogramAggregates()) {
			out.point(series, names[name++], typeOf(aggregate, out), this.start, summary.aggregate(aggregate, out));
		}
		List<Double> percentiles = out.histogramPercentiles();
		for (int i = 0; i < percentiles.size(); i++) {
			out.point(series, names[name++], MetricType.GAUGE, this.start, summary.percentile(percentiles.get(i)));
		}
		return true;
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

	/**
	 * A closed bucket's numbers: {@code count} and {@code sum} of the values held,
	 * {@code totalCount} and {@code totalSum} with sampled values counted by their
	 * weight.
	 */
	private record Summary(long count, double sum, double totalCount, double totalSum, double min, double max,
			double[] sorted, RelativeErrorSketch sketch) {

		double aggregate(HistogramAggregate aggregate, FlushOutput out) {
			return switch (aggregate) {
				case MIN -> this.min;
				case MAX -> this.max;
				case COUNT ->
					(out.counterType() == CounterType.COUNT) ? this.totalCount : this.totalCount / out.rollUpSeconds();
				case AVG -> this.sum / this.count;
				case SUM -> this.totalSum;
				case MEDIAN -> percentile(0.5);
			};
		}

		double percentile(double p) {
			long index = percentileIndex(p, this.count);
			if (this.sketch == null) {
				return this.sorted[(int) index];
			}
			return Math.max(this.min, Math.min(this.max, this.sketch.valueAtRank(index)));
		}

	}

	/**
	 * The extra count and sum of sampled values (weight - 1 each, and value times that).
	 */
	private static final class Weights {

		final DoubleAdder count = new DoubleAdder();

		final DoubleAdder sum = new DoubleAdder();

	}

	/**
	 * Values beyond the exact ones: exact sum, min and max, and a sketch for percentiles.
	 */
	private static final class Overflow {

		private static final VarHandle SUM;

		private static final VarHandle MIN;

		private static final VarHandle MAX;

		static {
			try {
				MethodHandles.Lookup lookup = MethodHandles.lookup();
				SUM = lookup.findVarHandle(Overflow.class, "sumBits", long.class);
				MIN = lookup.findVarHandle(Overflow.class, "minBits", long.class);
				MAX = lookup.findVarHandle(Overflow.class, "maxBits", long.class);
			}
			catch (ReflectiveOperationException ex) {
				throw new ExceptionInInitializerError(ex);
			}
		}

		final RelativeErrorSketch sketch = new RelativeErrorSketch();

		@SuppressWarnings("unused") // accessed through SUM
		private volatile long sumBits = Double.doubleToRawLongBits(0);

		@SuppressWarnings("unused") // accessed through MIN
		private volatile long minBits = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);

		@SuppressWarnings("unused") // accessed through MAX
		private volatile long maxBits = Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY);

		void add(double value) {
			this.sketch.add(value);
			long sum = (long) SUM.getVolatile(this);
			for (;;) {
				long witness = (long) SUM.compareAndExchange(this, sum,
						Double.doubleToRawLongBits(Double.longBitsToDouble(sum) + value));
				if (witness == sum) {
					break;
				}
				sum = witness;
			}
			long min = (long) MIN.getVolatile(this);
			while (value < Double.longBitsToDouble(min)) {
				long witness = (long) MIN.compareAndExchange(this, min, Double.doubleToRawLongBits(value));
				if (witness == min) {
					break;
				}
				min = witness;
			}
			long max = (long) MAX.getVolatile(this);
			while (value > Double.longBitsToDouble(max)) {
				long witness = (long) MAX.compareAndExchange(this, max, Double.doubleToRawLongBits(value));
				if (witness == max) {
					break;
				}
				max = witness;
			}
		}

		double sum() {
			return Double.longBitsToDouble(this.sumBits);
		}

		double min() {
			return Double.longBitsToDouble(this.minBits);
		}

		double max() {
			return Double.longBitsToDouble(this.maxBits);
		}

	}

}
