package io.threadstats.aggregation;

import io.threadstats.api.OpenBucket;

/**
 * A set's bucket: its members in per-thread {@link SetMembers} stripes, united at the
 * flush.
 */
final class SetBucket extends StripedBucket {

	private final int exactBudget;

	SetBucket(long start, int exactBudget) {
		super(start);
		this.exactBudget = exactBudget;
	}

	@Override
	Aggregate newStripe() {
		return new SetMembers.Stripe(this.exactBudget);
	}

	/**
	 * The members so far, summed over the stripes (a member two threads added counts
	 * twice here, not in the flush): racy, for diagnostics.
	 */
	@Override
	OpenBucket peek() {
		long[] members = { 0 };
		forEachStripe((stripe) -> members[0] += ((SetMembers) stripe).distinct());
		return (members[0] > 0 && !isClosed()) ? OpenBucket.ofCount(this.start, members[0]) : null;
	}

}
