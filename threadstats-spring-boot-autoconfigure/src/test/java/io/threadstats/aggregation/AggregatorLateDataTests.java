package io.threadstats.aggregation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.threadstats.MutableClock;
import io.threadstats.api.AggregatorSettings;
import io.threadstats.api.CounterType;
import io.threadstats.api.HistogramAggregate;
import io.threadstats.api.MetricKind;
import io.threadstats.api.RejectReason;
import io.threadstats.snapshot.FlushSnapshot;
import org.junit.jupiter.api.Test;

import static io.threadstats.aggregation.Aggregators.epoch;
import static io.threadstats.aggregation.Aggregators.onlyPoint;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Late points into buckets already emitted: sent merged with what the bucket held, so
 * that Datadog, which keeps the last point per series and timestamp, ends up holding what
 * one flush of every point would have sent.
 */
class AggregatorLateDataTests {

	private static final long T = epoch("2026-01-01T10:00:03Z");

	private final MutableClock clock = MutableClock.at("2026-01-01T10:00:25Z");

	private final List<FlushSnapshot> sent = new ArrayList<>();

	@Test
	void aCounterIncrementedAfterItsBucketWentOutIsSentAsTheTotal() {
		Aggregator aggregator = aggregator(AggregatorSettings.DEFAULT_LATE_DATA_MAX_BYTES);
		aggregator.record(MetricKind.COUNTER, "replay.orders", null, 5, T);
		flush(aggregator);
		aggregator.record(MetricKind.COUNTER, "replay.orders", null, 3, T);
		flush(aggregator);

		assertThat(intake().points("replay.orders")).containsExactly(Map.entry(epoch("2026-01-01T10:00:00Z"), 8.0));
		assertThat(aggregator.statistics(0).lateUnmerged()).isZero();
	}

	@Test
	void aHistogramIsSentWithEveryAggregateOverAllItsValues() {
		Aggregator aggregator = aggregator(AggregatorSettings.DEFAULT_LATE_DATA_MAX_BYTES);
		Random random = new Random(3);
		double[] values = new double[900];
		for (int i = 0; i < values.length; i++) {
			values[i] = Math.exp(random.nextGaussian());
		}
		for (int i = 0; i < 600; i++) {
			aggregator.record(MetricKind.HISTOGRAM, "replay.latency", null, values[i], T);
		}
		flush(aggregator);
		for (int i = 600; i < values.length; i++) {
			aggregator.record(MetricKind.HISTOGRAM, "replay.latency", null, values[i], T + 5);
		}
		flush(aggregator);

		double[] sorted = values.clone();
		Arrays.sort(sorted);
		LastWriteWins intake = intake();
		assertThat(intake.sum("replay.latency.min")).isEqualTo(sorted[0]);
		assertThat(intake.sum("replay.latency.max")).isEqualTo(sorted[sorted.length - 1]);
		assertThat(intake.sum("replay.latency.count")).isEqualTo(900.0);
		assertThat(intake.sum("replay.latency.avg")).isCloseTo(Arrays.stream(values).sum() / 900,
				org.assertj.core.api.Assertions.within(1e-12));
		for (double p : List.of(0.5, 0.75, 0.99)) {
			assertThat(intake.sum("replay.latency." + Aggregator.percentileSuffix(p)))
				.isEqualTo(sorted[(int) HistogramValues.percentileIndex(p, 900)]);
		}
	}

	@Test
	void aSetIsSentAsTheDistinctCountOfTheUnion() {
		Aggregator aggregator = aggregator(AggregatorSettings.DEFAULT_LATE_DATA_MAX_BYTES);
		for (String member : List.of("ada", "bob", "cy")) {
			aggregator.recordSetMember("replay.users", null, member, T);
		}
		flush(aggregator);
		for (String member : List.of("bob", "dee")) {
			aggregator.recordSetMember("replay.users", null, member, T);
		}
		flush(aggregator);

		assertThat(intake().sum("replay.users")).isEqualTo(4.0);
	}

	@Test
	void aGaugeIsTheLastCallAndADistributionOnlyItsNewValues() {
		Aggregator aggregator = aggregator(AggregatorSettings.DEFAULT_LATE_DATA_MAX_BYTES);
		aggregator.record(MetricKind.GAUGE, "replay.level", null, 7, T);
		aggregator.record(MetricKind.DISTRIBUTION, "replay.size", null, 1, T);
		flush(aggregator);
		aggregator.record(MetricKind.GAUGE, "replay.level", null, 2, T);
		aggregator.record(MetricKind.DISTRIBUTION, "replay.size", null, 10, T);
		flush(aggregator);

		assertThat(intake().sum("replay.level")).isEqualTo(2.0);
		assertThat(this.sent.get(1).distributions()).singleElement()
			.satisfies((point) -> assertThat(point.values()).containsExactly(10.0));
		assertThat(intake().distributionValues("replay.size")).containsExactlyInAnyOrder(1.0, 10.0);
		assertThat(aggregator.statistics(0).lateUnmerged()).isZero();
	}

	@Test
	void pastTheByteBudgetTheOldestAreDroppedAndALatePointIntoOneIsSentAloneAndCounted() {
		// room for what one flush keeps of a counter (its entry), not two
		Aggregator aggregator = aggregator(
				2 * (FlushedAggregates.GENERATION_BYTES + FlushedAggregates.ENTRY_BYTES) - 1);
		aggregator.record(MetricKind.COUNTER, "replay.orders", null, 5, T);
		flush(aggregator);
		aggregator.record(MetricKind.COUNTER, "replay.orders", null, 1, T + 10);
		flush(aggregator);
		aggregator.record(MetricKind.COUNTER, "replay.orders", null, 3, T);
		aggregator.record(MetricKind.COUNTER, "replay.orders", null, 2, T + 10);
		flush(aggregator);

		assertThat(onlyPointAt(this.sent.get(2), epoch("2026-01-01T10:00:00Z"))).as("sent alone").isEqualTo(3.0);
		assertThat(onlyPointAt(this.sent.get(2), epoch("2026-01-01T10:00:10Z"))).as("merged").isEqualTo(3.0);
		assertThat(aggregator.statistics(0).lateUnmerged()).isEqualTo(1);
	}

	/**
	 * Past the budget the oldest flush's aggregates go first, leaving markers: a late
	 * point into a bucket whose set members went is sent alone and counted.
	 */
	@Test
	void pastTheByteBudgetASetWhoseMembersWentLeavesAMarkerAndALatePointIntoItIsSentAloneAndCounted() {
		Aggregator probe = aggregator(AggregatorSettings.DEFAULT_LATE_DATA_MAX_BYTES);
		probe.recordSetMember("replay.users", null, "ada", T);
		probe.flush();
		long oneFlush = probe.flushedBytes();
		// room for what one flush keeps, and what a second keeps less its members
		Aggregator aggregator = aggregator(2 * oneFlush - 1);
		aggregator.recordSetMember("replay.users", null, "ada", T);
		flush(aggregator);
		aggregator.recordSetMember("replay.users", null, "bob", T + 10);
		flush(aggregator);
		long withMarker = aggregator.flushedBytes();
		aggregator.recordSetMember("replay.users", null, "cy", T);
		aggregator.recordSetMember("replay.users", null, "dee", T + 10);
		flush(aggregator);

		assertThat(withMarker).as("one set's members went, not its entry").isGreaterThan(oneFlush);
		assertThat(intake().points("replay.users")).containsOnly(Map.entry(epoch("2026-01-01T10:00:00Z"), 1.0),
				Map.entry(epoch("2026-01-01T10:00:10Z"), 2.0));
		assertThat(aggregator.statistics(0).lateUnmerged()).isEqualTo(1);
	}

	@Test
	void pastTheByteBudgetWhatTheOldestFlushKeptGoesFirstForEverySeries() {
		// room for what two flushes keep of three counter series, less one byte
		long twoFlushes = 2 * FlushedAggregates.GENERATION_BYTES + 6 * FlushedAggregates.ENTRY_BYTES;
		Aggregator aggregator = aggregator(twoFlushes - 1);
		for (String region : List.of("eu", "us", "ap")) {
			aggregator.record(MetricKind.COUNTER, "replay.orders", null, 5, T, "region:" + region);
		}
		flush(aggregator);
		for (String region : List.of("eu", "us", "ap")) {
			aggregator.record(MetricKind.COUNTER, "replay.orders", null, 5, T + 10, "region:" + region);
		}
		flush(aggregator);
		for (String region : List.of("eu", "us", "ap")) {
			aggregator.record(MetricKind.COUNTER, "replay.orders", null, 1, T, "region:" + region);
			aggregator.record(MetricKind.COUNTER, "replay.orders", null, 1, T + 10, "region:" + region);
		}
		flush(aggregator);

		assertThat(this.sent.get(2).series()).hasSize(6)
			.allSatisfy((point) -> assertThat(point.value()).as(point.tags() + " at " + point.timestamp())
				.isEqualTo((point.timestamp() == epoch("2026-01-01T10:00:00Z")) ? 1.0 : 6.0));
		assertThat(aggregator.statistics(0).lateUnmerged()).isEqualTo(3);
	}

	@Test
	void aBackfillWrittenNewestFirstMergesLatePointsIntoEveryBucketItSent() {
		Aggregator aggregator = aggregator(AggregatorSettings.DEFAULT_LATE_DATA_MAX_BYTES);
		for (int bucket = 0; bucket < 20; bucket++) {
			aggregator.record(MetricKind.COUNTER, "backfill.orders", null, 1, T - 10 * bucket);
			flush(aggregator);
		}
		for (int bucket = 19; bucket >= 0; bucket -= 3) {
			aggregator.record(MetricKind.COUNTER, "backfill.orders", null, 2, T - 10 * bucket);
		}
		flush(aggregator);

		Map<Long, Double> stored = intake().points("backfill.orders");
		assertThat(stored).hasSize(20);
		for (int bucket = 0; bucket < 20; bucket++) {
			assertThat(stored.get(epoch("2026-01-01T10:00:00Z") - 10 * bucket)).as("bucket %d", bucket)
				.isEqualTo(((19 - bucket) % 3 == 0) ? 3.0 : 1.0);
		}
		assertThat(aggregator.statistics(0).lateUnmerged()).isZero();
	}

	@Test
	void pastTheByteBudgetABackfillWrittenNewestFirstKeepsTheBucketsOfItsLastFlushes() {
		backfillPastTheBudget(true);
	}

	@Test
	void pastTheByteBudgetABackfillWrittenOldestFirstKeepsTheBucketsOfItsLastFlushes() {
		backfillPastTheBudget(false);
	}

	/**
	 * 20 buckets, one per flush, then a late point into each: the buckets of the last
	 * five flushes are merged, the others sent alone and counted; an hour later nothing
	 * is held.
	 */
	private void backfillPastTheBudget(boolean newestFirst) {
		Aggregator aggregator = aggregator(5 * (FlushedAggregates.GENERATION_BYTES + FlushedAggregates.ENTRY_BYTES));
		for (int flush = 0; flush < 20; flush++) {
			int bucket = newestFirst ? flush : 19 - flush;
			aggregator.record(MetricKind.COUNTER, "backfill.orders", null, 1, T - 10 * bucket);
			flush(aggregator);
		}
		for (int bucket = 0; bucket < 20; bucket++) {
			aggregator.record(MetricKind.COUNTER, "backfill.orders", null, 2, T - 10 * bucket);
		}
		flush(aggregator);

		Map<Long, Double> stored = intake().points("backfill.orders");
		for (int flush = 0; flush < 20; flush++) {
			int bucket = newestFirst ? flush : 19 - flush;
			assertThat(stored.get(epoch("2026-01-01T10:00:00Z") - 10 * bucket)).as("bucket of flush %d", flush)
				.isEqualTo((flush >= 15) ? 3.0 : 2.0);
		}
		assertThat(aggregator.statistics(0).lateUnmerged()).isEqualTo(15);
		assertNothingHeldAnHourLater(aggregator);
	}

	/**
	 * A replay ahead of the flush sends several buckets of a series at each flush, which
	 * the series emits in any order.
	 */
	@Test
	void pastTheByteBudgetAReplaySendingSeveralBucketsPerFlushKeepsThoseOfItsLastFlushes() {
		long flushKeeps = FlushedAggregates.GENERATION_BYTES + 3 * FlushedAggregates.ENTRY_BYTES;
		Aggregator aggregator = aggregator(5 * flushKeeps);
		for (int flush = 0; flush < 20; flush++) {
			for (int bucket = 3 * flush; bucket < 3 * flush + 3; bucket++) {
				aggregator.record(MetricKind.COUNTER, "replay.orders", null, 1, T - 600 + 10 * bucket);
			}
			flush(aggregator);
		}
		for (int bucket = 0; bucket < 60; bucket++) {
			aggregator.record(MetricKind.COUNTER, "replay.orders", null, 2, T - 600 + 10 * bucket);
		}
		flush(aggregator);

		Map<Long, Double> stored = intake().points("replay.orders");
		for (int bucket = 0; bucket < 60; bucket++) {
			assertThat(stored.get(epoch("2026-01-01T10:00:00Z") - 600 + 10 * bucket)).as("bucket %d", bucket)
				.isEqualTo((bucket >= 45) ? 3.0 : 2.0);
		}
		assertThat(aggregator.statistics(0).lateUnmerged()).isEqualTo(45);
		assertNothingHeldAnHourLater(aggregator);
	}

	private void assertNothingHeldAnHourLater(Aggregator aggregator) {
		this.clock.set("2026-01-01T11:01:00Z");
		flush(aggregator);
		assertThat(aggregator.flushedBytes()).isZero();
	}

	/**
	 * A replay running for hours, one bucket per flush five minutes behind, within a
	 * budget it never reaches: what it keeps stays about an hour of buckets, not all it
	 * sent.
	 */
	@Test
	void aReplayRunningForHoursKeepsAboutAnHourOfBuckets() {
		Aggregator aggregator = aggregator(AggregatorSettings.DEFAULT_LATE_DATA_MAX_BYTES);
		long anHourOfBuckets = (3600 / 10 + 1) * (FlushedAggregates.GENERATION_BYTES + FlushedAggregates.ENTRY_BYTES);
		long most = 0;
		for (int flush = 0; flush < 3 * 360; flush++) {
			this.clock.advance(java.time.Duration.ofSeconds(10));
			aggregator.record(MetricKind.COUNTER, "replay.orders", null, 1,
					this.clock.instant().getEpochSecond() - 300);
			aggregator.flush();
			most = Math.max(most, aggregator.flushedBytes());
		}

		assertThat(most).isBetween(anHourOfBuckets * 9 / 10, anHourOfBuckets * 11 / 10);
	}

	/**
	 * Series replaying at different lags share the budget: what passed the hour in one
	 * must leave the count at once, or the budget drops the oldest buckets of another,
	 * which can still get late points.
	 */
	@Test
	void whatPassedTheHourInOneReplayLeavesTheBudgetToAnother() {
		// what the replays below keep at most, and a little more
		Aggregator aggregator = aggregator(52_000);
		for (int flush = 0; flush < 3 * 360; flush++) {
			this.clock.advance(java.time.Duration.ofSeconds(10));
			long now = this.clock.instant().getEpochSecond();
			for (int slow = 0; slow < 5; slow++) {
				aggregator.record(MetricKind.COUNTER, "replay.slow", null, 1, now - 50 * 60, "n:" + slow);
			}
			aggregator.record(MetricKind.COUNTER, "replay.fast", null, 1, now - 5);
			aggregator.flush();
		}
		long now = this.clock.instant().getEpochSecond();
		for (int bucket = 30; bucket <= 350; bucket++) {
			aggregator.record(MetricKind.COUNTER, "replay.fast", null, 2, now - 5 - 10 * bucket);
		}
		flush(aggregator);

		assertThat(aggregator.statistics(0).lateUnmerged()).isZero();
		assertThat(intake().points("replay.fast").values()).hasSize(321).containsOnly(3.0);
	}

	/**
	 * A series recorded "now" keeps the bucket a flush sent before it ended; recorded on
	 * in later buckets, it lets it go after Datadog's hour.
	 */
	@Test
	void theCurrentBucketKeptByAnEarlyFlushGoesAfterTheHourWhileTheSeriesGoesOn() {
		Aggregator aggregator = aggregator(AggregatorSettings.DEFAULT_LATE_DATA_MAX_BYTES);
		aggregator.record(MetricKind.COUNTER, "orders", null, 1, Aggregator.NOW);
		aggregator.flush(this.clock.instant().getEpochSecond() + 10);
		long kept = aggregator.flushedBytes();
		for (int flush = 0; flush < 370; flush++) {
			this.clock.advance(java.time.Duration.ofSeconds(10));
			aggregator.record(MetricKind.COUNTER, "orders", null, 1, Aggregator.NOW);
			aggregator.flush();
		}

		assertThat(kept).isPositive();
		assertThat(aggregator.flushedBytes()).isZero();
	}

	/**
	 * A counter's total is part of its entry: when the budget drops a flush's aggregates
	 * (here a set's members), the counter's total stays and a late point still merges.
	 */
	@Test
	void pastTheByteBudgetACounterKeptBesideASetKeepsItsTotal() {
		Aggregator probe = aggregator(AggregatorSettings.DEFAULT_LATE_DATA_MAX_BYTES);
		probe.record(MetricKind.COUNTER, "replay.orders", null, 5, T);
		probe.recordSetMember("replay.users", null, "ada", T);
		probe.flush();
		// room for one flush of both, and a second less the set's members
		Aggregator aggregator = aggregator(2 * probe.flushedBytes() - 1);
		for (long at : new long[] { T, T + 10 }) {
			aggregator.record(MetricKind.COUNTER, "replay.orders", null, 5, at);
			aggregator.recordSetMember("replay.users", null, "ada", at);
			flush(aggregator);
		}
		aggregator.record(MetricKind.COUNTER, "replay.orders", null, 3, T);
		flush(aggregator);

		assertThat(intake().points("replay.orders")).containsEntry(epoch("2026-01-01T10:00:00Z"), 8.0);
		assertThat(aggregator.statistics(0).lateUnmerged()).isZero();
	}

	/**
	 * A series that goes idle, is evicted and comes back leaves its range of sent buckets
	 * to its next self, which takes it back: the budget must get those bytes back too, or
	 * after enough such cycles nothing is kept for late points any more.
	 */
	@Test
	void aSeriesEvictedAndBackManyTimesLeavesTheBudgetToLatePoints() {
		Aggregator aggregator = aggregator(10 * EmittedRanges.RECORD_BYTES);
		for (int cycle = 0; cycle < 30; cycle++) {
			aggregator.record(MetricKind.COUNTER, "orders", null, 1, Aggregator.NOW);
			for (int flush = 0; flush <= Aggregator.EVICT_AFTER_IDLE_FLUSHES; flush++) {
				this.clock.advance(java.time.Duration.ofSeconds(10));
				aggregator.flush();
			}
		}
		long at = this.clock.instant().getEpochSecond() - 300;
		aggregator.record(MetricKind.COUNTER, "replay.orders", null, 5, at);
		flush(aggregator);
		aggregator.record(MetricKind.COUNTER, "replay.orders", null, 3, at);
		flush(aggregator);

		assertThat(intake().points("replay.orders")).containsExactly(Map.entry(at - at % 10, 8.0));
		assertThat(aggregator.statistics(0).lateUnmerged()).isZero();
	}

	@Test
	void keptForTheHourDatadogAcceptsPointsForTheBucketAndNotLonger() {
		Aggregator aggregator = aggregator(AggregatorSettings.DEFAULT_LATE_DATA_MAX_BYTES);
		aggregator.record(MetricKind.COUNTER, "replay.orders", null, 5, T);
		flush(aggregator);
		this.clock.set("2026-01-01T11:00:05Z");
		aggregator.record(MetricKind.COUNTER, "replay.orders", null, 3, epoch("2026-01-01T10:00:09Z"));
		flush(aggregator);
		this.clock.set("2026-01-01T11:00:15Z");
		flush(aggregator);
		aggregator.record(MetricKind.COUNTER, "replay.orders", null, 1, epoch("2026-01-01T10:00:09Z"));

		assertThat(aggregator.flushedBytes()).isZero();
		assertThat(intake().points("replay.orders")).containsExactly(Map.entry(epoch("2026-01-01T10:00:00Z"), 8.0));
		assertThat(aggregator.statistics(0).rejected(RejectReason.TIMESTAMP_TOO_OLD)).isEqualTo(1);
	}

	@Test
	void aBackfillIntoTimeTheSeriesNeverSentIsNotLate() {
		Aggregator aggregator = aggregator(AggregatorSettings.DEFAULT_LATE_DATA_MAX_BYTES);
		aggregator.record(MetricKind.COUNTER, "replay.orders", null, 5, T + 10);
		flush(aggregator);
		aggregator.record(MetricKind.COUNTER, "replay.orders", null, 3, T);
		flush(aggregator);

		assertThat(intake().points("replay.orders")).containsOnly(Map.entry(epoch("2026-01-01T10:00:00Z"), 3.0),
				Map.entry(epoch("2026-01-01T10:00:10Z"), 5.0));
		assertThat(aggregator.statistics(0).lateUnmerged()).isZero();
	}

	/**
	 * A series recorded without timestamps keeps nothing of what it sent, so a
	 * timestamped point into any bucket it sent goes out alone and overwrites what
	 * Datadog holds: counted, whichever bucket it is.
	 */
	@Test
	void aTimestampedPointIntoAnyBucketAnUntimestampedSeriesSentIsCountedAsUnmerged() {
		Aggregator aggregator = aggregator(AggregatorSettings.DEFAULT_LATE_DATA_MAX_BYTES);
		for (String second : List.of("35", "45", "55")) {
			aggregator.record(MetricKind.COUNTER, "orders", null, 1, Aggregator.NOW);
			this.clock.set("2026-01-01T10:00:" + second + "Z");
			flush(aggregator);
		}
		aggregator.record(MetricKind.COUNTER, "orders", null, 5, epoch("2026-01-01T10:00:21Z"));
		flush(aggregator);
		aggregator.record(MetricKind.COUNTER, "orders", null, 2, epoch("2026-01-01T10:00:45Z"));
		flush(aggregator);

		assertThat(intake().points("orders")).containsExactly(Map.entry(epoch("2026-01-01T10:00:20Z"), 5.0),
				Map.entry(epoch("2026-01-01T10:00:30Z"), 1.0), Map.entry(epoch("2026-01-01T10:00:40Z"), 2.0));
		assertThat(aggregator.statistics(0).lateUnmerged()).isEqualTo(2);
	}

	@Test
	void aTimestampedPointIntoABucketAnEvictedSeriesSentIsCountedAsUnmerged() {
		Aggregator aggregator = aggregator(AggregatorSettings.DEFAULT_LATE_DATA_MAX_BYTES);
		aggregator.record(MetricKind.COUNTER, "orders", null, 1, Aggregator.NOW);
		for (String second : List.of("35", "45", "55")) {
			this.clock.set("2026-01-01T10:00:" + second + "Z");
			flush(aggregator);
		}
		assertThat(aggregator.statistics(0).activeSeries()).as("evicted").isZero();

		aggregator.record(MetricKind.COUNTER, "orders", null, 5, epoch("2026-01-01T10:00:21Z"));
		aggregator.record(MetricKind.COUNTER, "orders", null, 3, epoch("2026-01-01T10:00:11Z"));
		flush(aggregator);

		assertThat(intake().points("orders")).containsOnly(Map.entry(epoch("2026-01-01T10:00:10Z"), 3.0),
				Map.entry(epoch("2026-01-01T10:00:20Z"), 5.0));
		assertThat(aggregator.statistics(0).lateUnmerged()).as("the bucket sent before, not the older one").isOne();
	}

	/**
	 * With no budget left to remember which series sent which bucket, every late point
	 * into a bucket up to the last one forgotten counts: an overwrite is never missed, at
	 * the price of counting some points that overwrite nothing.
	 */
	@Test
	void pastTheBudgetALatePointUpToTheLastForgottenBucketCountsForEverySeries() {
		Aggregator aggregator = aggregator(0);
		aggregator.record(MetricKind.COUNTER, "orders", null, 1, Aggregator.NOW);
		for (String second : List.of("35", "45", "55")) {
			this.clock.set("2026-01-01T10:00:" + second + "Z");
			flush(aggregator);
		}

		aggregator.record(MetricKind.COUNTER, "orders", null, 5, epoch("2026-01-01T10:00:21Z"));
		aggregator.record(MetricKind.COUNTER, "refunds", null, 1, epoch("2026-01-01T10:00:21Z"));
		aggregator.record(MetricKind.COUNTER, "refunds", null, 1, epoch("2026-01-01T10:00:31Z"));
		flush(aggregator);

		assertThat(aggregator.flushedBytes()).isZero();
		assertThat(aggregator.statistics(0).lateUnmerged()).isEqualTo(2);
	}

	@Test
	void aSeriesRecordedOnlyWithoutTimestampsKeepsNothing() {
		Aggregator aggregator = aggregator(AggregatorSettings.DEFAULT_LATE_DATA_MAX_BYTES);
		for (int i = 0; i < 100; i++) {
			aggregator.record(MetricKind.COUNTER, "requests", null, 1, Aggregator.NOW, "n:" + i);
		}
		this.clock.set("2026-01-01T10:00:35Z");
		flush(aggregator);

		assertThat(this.sent.get(0).series()).hasSize(100);
		assertThat(aggregator.flushedBytes()).isZero();
	}

	private Aggregator aggregator(long lateDataMaxBytes) {
		AggregatorSettings budgets = Aggregators.budgets(this.clock, 10_000, 10_000, lateDataMaxBytes);
		return new Aggregator(new AggregatorSettings(10, CounterType.COUNT,
				java.util.Set.of(HistogramAggregate.MIN, HistogramAggregate.MAX, HistogramAggregate.COUNT,
						HistogramAggregate.AVG),
				List.of(0.5, 0.75, 0.99), 100_000, false, this.clock, null, List.of(), null, null,
				budgets.distributionValuesPerPoint(), budgets.setExactMembers(), lateDataMaxBytes));
	}

	private void flush(Aggregator aggregator) {
		this.sent.add(aggregator.flush());
	}

	private LastWriteWins intake() {
		return LastWriteWins.of(this.sent);
	}

	private static double onlyPointAt(FlushSnapshot snapshot, long timestamp) {
		return onlyPoint(new FlushSnapshot(snapshot.flushedAt(),
				snapshot.series().stream().filter((point) -> point.timestamp() == timestamp).toList(), List.of(),
				List.of(), List.of()), "replay.orders")
			.value();
	}

}
