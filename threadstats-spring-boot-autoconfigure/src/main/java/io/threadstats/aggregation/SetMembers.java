package io.threadstats.aggregation;

import java.util.HashSet;
import java.util.Set;

import io.threadstats.snapshot.MetricType;

/**
 * A set's members in one bucket, emitted as their distinct count: exact while there are
 * at most {@code exactBudget} of them, then a {@link DistinctCounter} (within
 * {@link DistinctCounter#RELATIVE_STANDARD_ERROR}). No member is ever dropped.
 */
abstract sealed class SetMembers extends Aggregate permits SetMembers.Stripe {

	private final int exactBudget;

	private Set<String> members = new HashSet<>();

	private DistinctCounter counter;

	SetMembers(int exactBudget) {
		this.exactBudget = exactBudget;
	}

	@Override
	void add(double value, double weight) {
		addMember(memberOf(value));
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
	void addMember(String member) {
		if (this.counter != null) {
			this.counter.add(member);
		}
		else if (this.members.add(member) && this.members.size() > this.exactBudget) {
			toCounter();
		}
	}

	@Override
	void merge(Aggregate other) {
		SetMembers more = (SetMembers) other;
		if (this.counter == null && more.counter == null) {
			this.members.addAll(more.members);
			if (this.members.size() > this.exactBudget) {
				toCounter();
			}
			return;
		}
		DistinctCounter into = toCounter();
		if (more.counter != null) {
			into.merge(more.counter);
		}
		else {
			more.members.forEach(into::add);
		}
	}

	private DistinctCounter toCounter() {
		if (this.counter == null) {
			this.counter = new DistinctCounter();
			this.members.forEach(this.counter::add);
			this.members = null;
		}
		return this.counter;
	}

	@Override
	boolean isEmpty() {
		return this.counter == null && this.members.isEmpty();
	}

	/**
	 * The distinct count: exact, or estimated past the budget (racy outside a stripe).
	 */
	long distinct() {
		DistinctCounter estimated = this.counter;
		if (estimated != null) {
			return estimated.estimate();
		}
		Set<String> exact = this.members;
		return (exact != null) ? exact.size() : 0;
	}

	@Override
	boolean emit(Series series, long start, FlushOutput out) {
		return out.point(series, series.emittedNames[0], MetricType.GAUGE, start, distinct());
	}

	@Override
	long retainedBytes() {
		// a HashSet entry is about 48 bytes plus the member string, which is counted at
		// 40
		long held = (this.counter != null) ? 48 + this.counter.retainedBytes() : 64 + 88L * this.members.size();
		return StripePadding.BYTES + held;
	}

	/** The only form: padded after its fields (see {@link StripePadding}). */
	static final class Stripe extends SetMembers {

		long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15, q16;

		Stripe(int exactBudget) {
			super(exactBudget);
		}

	}

}
