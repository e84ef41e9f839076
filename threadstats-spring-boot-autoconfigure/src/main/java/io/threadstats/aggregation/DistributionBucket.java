package io.threadstats.aggregation;

import java.util.ArrayList;
import java.util.List;

import io.threadstats.api.Limits;
import io.threadstats.api.OpenBucket;

/**
 * A distribution's bucket: every raw value, in recording order, up to
 * {@link Limits#MAX_VALUES_PER_BUCKET} (1 MiB of values, up to 2 MiB with the last
 * chunk's headroom); values beyond are dropped and counted as
 * {@link RejectReason#BUCKET_VALUES_LIMIT}.
 */
final class DistributionBucket extends ClaimedBucket {

	private final DoubleLog values = new DoubleLog(Limits.MAX_VALUES_PER_BUCKET);

	DistributionBucket(long start) {
		super(start);
	}

	@Override
	int add(double value) {
		long ticket = claim();
		if (ticket < 0) {
			return CLOSED;
		}
		try {
			if (ticket >= this.values.capacity()) {
				return FULL;
			}
			this.values.set((int) ticket, value);
			return ADDED;
		}
		finally {
			complete();
		}
	}

	@Override
	OpenBucket peek() {
		long count = Math.min(claimedSoFar(), this.values.capacity());
		return (count > 0) ? OpenBucket.ofCount(this.start, count) : null;
	}

	@Override
	boolean emit(Series series, FlushOutput out) {
		int count = (int) Math.min(writes(), this.values.capacity());
		if (count == 0) {
			return false;
		}
		List<Double> raw = new ArrayList<>(count);
		for (double value : this.values.toArray(count)) {
			raw.add(value);
		}
		out.distribution(series, this.start, raw);
		return true;
	}

}
