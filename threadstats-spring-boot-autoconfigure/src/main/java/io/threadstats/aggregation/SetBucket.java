package io.threadstats.aggregation;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.threadstats.api.Limits;
import io.threadstats.api.OpenBucket;
import io.threadstats.snapshot.MetricType;

/**
 * A set's bucket: its distinct members, emitted as their count. At most
 * {@link Limits#MAX_VALUES_PER_BUCKET} members are held (about 100 bytes each plus the
 * member string); a new member beyond that is dropped and counted as
 * {@link RejectReason#BUCKET_VALUES_LIMIT}.
 */
final class SetBucket extends ClaimedBucket {

	private final Set<String> members = ConcurrentHashMap.newKeySet();

	private final AtomicInteger size = new AtomicInteger();

	SetBucket(long start) {
		super(start);
	}

	@Override
	int add(double value) {
		return addMember(memberOf(value));
	}

	/**
	 * A numeric member as text: {@code 5.0} and {@code 5} are both {@code "5"}, like
	 * {@code set(name, 5L)}.
	 */
	static String memberOf(double value) {
		long whole = (long) value;
		return (whole == value) ? Long.toString(whole) : Double.toString(value);
	}

	@Override
	int addMember(String member) {
		long ticket = claim();
		if (ticket < 0) {
			return CLOSED;
		}
		try {
			if (this.size.get() >= Limits.MAX_VALUES_PER_BUCKET && !this.members.contains(member)) {
				return FULL;
			}
			if (this.members.add(member)) {
				this.size.incrementAndGet();
			}
			return ADDED;
		}
		finally {
			complete();
		}
	}

	@Override
	OpenBucket peek() {
		int distinct = this.members.size();
		return (distinct > 0 && !isClosed()) ? OpenBucket.ofCount(this.start, distinct) : null;
	}

	@Override
	boolean emit(Series series, FlushOutput out) {
		int distinct = this.members.size();
		return distinct > 0 && out.point(series, series.emittedNames[0], MetricType.GAUGE, this.start, distinct);
	}

}
