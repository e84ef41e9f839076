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

	private static CounterBucket counterBucket(long start) {
		CounterBucket bucket = new CounterBucket(start);
		bucket.add(1);
		bucket.close();
		return bucket;
	}

}
