package io.threadstats.aggregation;

import io.threadstats.api.OpenBucket;

/** A histogram's bucket: its values in per-thread {@link HistogramValues} stripes. */
final class HistogramBucket extends StripedBucket {

	HistogramBucket(long start) {
		super(start);
	}

	@Override
	Aggregate newStripe() {
		return new HistogramValues.Stripe();
	}

	/** Count, min, max and avg so far, read from the stripes without taking them. */
	@Override
	OpenBucket peek() {
		long[] count = { 0 };
		double[] sumMinMax = { 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY };
		forEachStripe((stripe) -> {
			HistogramValues values = (HistogramValues) stripe;
			long n = values.count();
			if (n > 0) {
				count[0] += n;
				sumMinMax[0] += values.sum();
				sumMinMax[1] = Math.min(sumMinMax[1], values.min());
				sumMinMax[2] = Math.max(sumMinMax[2], values.max());
			}
		});
		if (count[0] == 0 || isClosed()) {
			return null;
		}
		return OpenBucket.ofSummary(this.start, count[0], sumMinMax[1], sumMinMax[2], sumMinMax[0] / count[0]);
	}

}
