package io.threadstats.aggregation;

import io.threadstats.api.MetricKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arrays a series keeps its emitted buckets in: a replay's steady state (one bucket
 * kept and one dropped per flush) keeps them in order, in arrays sized by what they hold
 * now rather than by the most they ever held.
 */
class KeptBucketsTests {

	@Test
	void aSeriesThatNowKeepsFewBucketsHoldsSmallArraysAgain() {
		KeptBuckets kept = new KeptBuckets(MetricKind.COUNTER);
		long start = 0;
		for (; start < 100; start++) {
			kept.add(kept.indexOf(start), start, start, counterBucket(start));
		}
		int mostHeld = kept.capacity();
		for (; start < 1000; start++) {
			kept.add(kept.indexOf(start), start, start, counterBucket(start));
			kept.removeFirst(kept.size() - 4);
		}

		assertThat(mostHeld).isGreaterThanOrEqualTo(100);
		assertThat(kept.capacity()).isLessThanOrEqualTo(16);
		assertThat(kept.size()).isEqualTo(4);
		for (int index = 0; index < 4; index++) {
			assertThat(kept.startAt(index)).isEqualTo(996 + index);
			assertThat(kept.generationAt(index)).isEqualTo(996 + index);
			assertThat(kept.holdsAggregate(index)).isTrue();
		}
	}

	@Test
	void aBucketKeptBeforeTheOthersGoesInItsPlace() {
		KeptBuckets kept = new KeptBuckets(MetricKind.COUNTER);
		for (long start : new long[] { 30, 10, 20 }) {
			kept.add(kept.indexOf(start), start, 1, counterBucket(start));
		}

		assertThat(kept.indexOf(10)).isZero();
		assertThat(kept.indexOf(20)).isOne();
		assertThat(kept.indexOf(30)).isEqualTo(2);
		assertThat(kept.indexOf(40)).isEqualTo(-4);
	}

	/**
	 * A set's members are objects: whatever the moves (dropped from the front, a bucket
	 * kept before the others, a compacting pass, arrays moved to make room), the arrays
	 * reference only the aggregates of the buckets still kept.
	 */
	@Test
	void aSetSeriesHoldsNoMembersOfBucketsItNoLongerKeeps() {
		KeptBuckets kept = new KeptBuckets(MetricKind.SET);
		for (long start = 10; start < 50; start++) {
			kept.add(kept.indexOf(start), start, 1, setBucket(start));
		}
		kept.removeFirst(30);
		kept.add(kept.indexOf(5), 5, 2, setBucket(5));
		int left = 0;
		for (int index = 0; index < kept.size(); index++) {
			if (index % 2 == 0) {
				kept.move(index, left++);
			}
		}
		kept.truncate(left);
		int heldAfterCompacting = kept.aggregateObjectsHeld();
		for (long start = 50; start < 120; start++) {
			kept.add(kept.indexOf(start), start, 3, setBucket(start));
			kept.removeFirst(kept.size() - 4);
		}

		assertThat(heldAfterCompacting).isEqualTo(left);
		assertThat(kept.size()).isEqualTo(4);
		assertThat(kept.aggregateObjectsHeld()).isEqualTo(4);
		for (int index = 0; index < 4; index++) {
			assertThat(kept.startAt(index)).isEqualTo(116 + index);
			assertThat(kept.holdsAggregate(index)).isTrue();
		}
	}

	private static SetBucket setBucket(long start) {
		SetBucket bucket = new SetBucket(start, 100);
		bucket.addMember("member-" + start);
		bucket.close();
		return bucket;
	}

	private static CounterBucket counterBucket(long start) {
		CounterBucket bucket = new CounterBucket(start);
		bucket.add(1);
		bucket.close();
		return bucket;
	}

}
