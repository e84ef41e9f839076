package io.threadstats.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import io.threadstats.MutableClock;
import io.threadstats.api.CounterType;
import io.threadstats.api.HistogramAggregate;
import io.threadstats.api.MetricKind;
import io.threadstats.api.RecordingStatistics;
import io.threadstats.api.RejectReason;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.MetricType;
import io.threadstats.snapshot.SeriesPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.threadstats.aggregation.Aggregators.epoch;
import static io.threadstats.aggregation.Aggregators.onlyPoint;
import static io.threadstats.aggregation.Aggregators.points;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The semantics document's worked examples and the roll-up and flush rules, point for
 * point.
 */
class AggregatorTests {

	private static final long NOW = Aggregator.NOW;

	private final MutableClock clock = MutableClock.at("2026-01-01T10:00:09Z");

	@Test
	void workedExampleCounterWithRollUpOfFiveSeconds() {
		Aggregator aggregator = Aggregators.withRollUp(5, this.clock);
		aggregator.record(MetricKind.COUNTER, "page.views", null, 1, epoch("2026-01-01T09:30:15Z"));
		aggregator.record(MetricKind.COUNTER, "page.views", null, 2, epoch("2026-01-01T10:00:00Z"));
		aggregator.record(MetricKind.COUNTER, "page.views", null, 1, epoch("2026-01-01T10:00:04Z"));
		aggregator.record(MetricKind.COUNTER, "page.views", null, 1, epoch("2026-01-01T10:00:05Z"));
		aggregator.record(MetricKind.COUNTER, "page.views", null, 1, epoch("2026-01-01T10:00:09Z"));
		this.clock.set("2026-01-01T10:00:10Z");

		FlushSnapshot snapshot = aggregator.flush(epoch("2026-01-01T10:00:10Z"));

		assertThat(snapshot.series())
			.extracting(SeriesPoint::timestamp, SeriesPoint::value, SeriesPoint::type, SeriesPoint::interval)
			.containsExactlyInAnyOrder(tuple(epoch("2026-01-01T09:30:15Z"), 0.2, MetricType.RATE, 5L),
					tuple(epoch("2026-01-01T10:00:00Z"), 0.6, MetricType.RATE, 5L),
					tuple(epoch("2026-01-01T10:00:05Z"), 0.4, MetricType.RATE, 5L));
		assertThat(snapshot.series()).allSatisfy((point) -> assertThat(point.metric()).isEqualTo("page.views"));
	}

	@Test
	void workedExampleFlushedOneSecondEarlierKeepsTheBucketInProgress() {
		Aggregator aggregator = Aggregators.withRollUp(5, this.clock);
		aggregator.record(MetricKind.COUNTER, "page.views", null, 1, epoch("2026-01-01T09:30:15Z"));
		aggregator.record(MetricKind.COUNTER, "page.views", null, 2, epoch("2026-01-01T10:00:00Z"));
		aggregator.record(MetricKind.COUNTER, "page.views", null, 1, epoch("2026-01-01T10:00:04Z"));
		aggregator.record(MetricKind.COUNTER, "page.views", null, 1, epoch("2026-01-01T10:00:05Z"));
		aggregator.record(MetricKind.COUNTER, "page.views", null, 1, epoch("2026-01-01T10:00:09Z"));

		FlushSnapshot first = aggregator.flush(epoch("2026-01-01T10:00:09Z"));
		FlushSnapshot second = aggregator.flush(epoch("2026-01-01T10:00:10Z"));

		assertThat(first.series()).extracting(SeriesPoint::timestamp, SeriesPoint::value)
			.containsExactlyInAnyOrder(tuple(epoch("2026-01-01T09:30:15Z"), 0.2),
					tuple(epoch("2026-01-01T10:00:00Z"), 0.6));
		assertThat(second.series()).extracting(SeriesPoint::timestamp, SeriesPoint::value)
			.containsExactly(tuple(epoch("2026-01-01T10:00:05Z"), 0.4));
	}

	@Test
	void histogramExampleEmitsEightSeriesInTheOriginalsOrder() {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);
		for (double value : new double[] { 10, 1, 9, 2, 8, 3, 7, 4, 6, 5 }) {
			aggregator.record(MetricKind.HISTOGRAM, "latency", null, value, NOW);
		}

		FlushSnapshot snapshot = aggregator.flushAll();

		assertThat(snapshot.series()).extracting(SeriesPoint::metric, SeriesPoint::value, SeriesPoint::type)
			.containsExactly(tuple("latency.min", 1.0, MetricType.GAUGE), tuple("latency.max", 10.0, MetricType.GAUGE),
					tuple("latency.count", 1.0, MetricType.RATE), tuple("latency.avg", 5.5, MetricType.GAUGE),
					tuple("latency.75percentile", 7.0, MetricType.GAUGE),
					tuple("latency.85percentile", 9.0, MetricType.GAUGE),
					tuple("latency.95percentile", 9.0, MetricType.GAUGE),
					tuple("latency.99percentile", 10.0, MetricType.GAUGE));
		assertThat(snapshot.series()).allSatisfy((point) -> {
			assertThat(point.timestamp()).isEqualTo(epoch("2026-01-01T10:00:00Z"));
			assertThat(point.interval()).isEqualTo(10);
		});
	}

	@Test
	void histogramAggregatesAndPercentilesAreConfigurable() {
		Aggregator aggregator = new Aggregator(Aggregators.histogramSettings(10, this.clock, CounterType.COUNT,
				Set.of(HistogramAggregate.MEDIAN, HistogramAggregate.SUM, HistogramAggregate.COUNT),
				List.of(0.5, 0.999)));
		for (int value = 1; value <= 4; value++) {
			aggregator.record(MetricKind.HISTOGRAM, "size", null, value, NOW);
		}

		FlushSnapshot snapshot = aggregator.flushAll();

		// median index rint(0.5 * 4 - 1) = rint(1.0) = 1; p99.9 index rint(2.996) = 3
		assertThat(snapshot.series()).extracting(SeriesPoint::metric, SeriesPoint::value, SeriesPoint::type)
			.containsExactly(tuple("size.count", 4.0, MetricType.COUNT), tuple("size.sum", 10.0, MetricType.GAUGE),
					tuple("size.median", 2.0, MetricType.GAUGE), tuple("size.50percentile", 2.0, MetricType.GAUGE),
					tuple("size.99_9percentile", 4.0, MetricType.GAUGE));
	}

	@Test
	void aSampledValueCountsItsWeightInCounterSumsAndHistogramTotalsOnly() {
		Aggregator aggregator = new Aggregator(Aggregators.histogramSettings(10, this.clock, CounterType.COUNT,
				Set.of(HistogramAggregate.values()), List.of(0.5)));
		SeriesHandle latency = aggregator.handle(MetricKind.HISTOGRAM, "latency", null);
		for (int value = 1; value <= 3; value++) {
			latency.record(value, 4, NOW); // kept at rate 0.25: each stands for 4 calls
		}
		latency.record(10, NOW);
		aggregator.handle(MetricKind.COUNTER, "hits", null).record(2, 4, NOW);
		aggregator.handle(MetricKind.GAUGE, "level", null).record(5, 4, NOW);
		aggregator.handle(MetricKind.DISTRIBUTION, "size", null).record(5, 4, NOW);

		FlushSnapshot snapshot = aggregator.flushAll();

		// totals count weights; min, max, avg, median and percentiles describe the four
		// values kept
		assertThat(snapshot.series()).extracting(SeriesPoint::metric, SeriesPoint::value)
			.contains(tuple("latency.count", 13.0), tuple("latency.sum", 34.0), tuple("latency.min", 1.0),
					tuple("latency.max", 10.0), tuple("latency.avg", 4.0), tuple("latency.median", 2.0),
					tuple("latency.50percentile", 2.0), tuple("hits", 8.0), tuple("level", 5.0));
		assertThat(snapshot.distributions()).singleElement()
			.satisfies((point) -> assertThat(point.values()).containsExactly(5.0));
	}

	@Test
	void percentileIndexRoundsHalfToEven() {
		// n = 10: p75 -> rint(6.5) = 6 (Math.round would give 7); p85 -> rint(7.5) = 8
		assertThat(HistogramValues.percentileIndex(0.75, 10)).isEqualTo(6);
		assertThat(HistogramValues.percentileIndex(0.85, 10)).isEqualTo(8);
		// where the original would index -1 (the last value), we take the first
		assertThat(HistogramValues.percentileIndex(0.01, 10)).isEqualTo(0);
	}

	@Test
	void counterAsCountEmitsTheSum() {
		Aggregator aggregator = new Aggregator(
				Aggregators.histogramSettings(10, this.clock, CounterType.COUNT, Set.of(), List.of()));
		aggregator.record(MetricKind.COUNTER, "jobs", null, 3, NOW);
		aggregator.record(MetricKind.COUNTER, "jobs", null, -1, NOW);

		SeriesPoint point = onlyPoint(aggregator.flushAll(), "jobs");

		assertThat(point.type()).isEqualTo(MetricType.COUNT);
		assertThat(point.value()).isEqualTo(2.0);
		assertThat(point.interval()).isEqualTo(10);
	}

	@Test
	void gaugeKeepsTheLastCallNotTheLatestTimestamp() {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);
		aggregator.record(MetricKind.GAUGE, "queue.size", null, 5, epoch("2026-01-01T10:00:08Z"));
		aggregator.record(MetricKind.GAUGE, "queue.size", null, 7, epoch("2026-01-01T10:00:01Z"));

		SeriesPoint point = onlyPoint(aggregator.flushAll(), "queue.size");

		assertThat(point.value()).isEqualTo(7.0);
		assertThat(point.type()).isEqualTo(MetricType.GAUGE);
		assertThat(point.timestamp()).isEqualTo(epoch("2026-01-01T10:00:00Z"));
	}

	@Test
	void setCountsDistinctMembersWithNumbersAndTextAsOne() {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);
		aggregator.recordSetMember("users", null, "alice", NOW);
		aggregator.recordSetMember("users", null, "alice", NOW);
		aggregator.recordSetMember("users", null, "5", NOW);
		aggregator.record(MetricKind.SET, "users", null, 5, NOW);
		aggregator.recordSetMember("users", null, "bob", NOW);

		SeriesPoint point = onlyPoint(aggregator.flushAll(), "users");

		assertThat(point.value()).isEqualTo(3.0);
		assertThat(point.type()).isEqualTo(MetricType.GAUGE);
	}

	@Test
	void distributionSendsEveryRawValueInRecordingOrder() {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);
		aggregator.record(MetricKind.DISTRIBUTION, "payload", null, 12, NOW, "env:prod");
		aggregator.record(MetricKind.DISTRIBUTION, "payload", null, 7.5, NOW, "env:prod");
		aggregator.record(MetricKind.DISTRIBUTION, "payload", null, 3, NOW, "env:prod");

		FlushSnapshot snapshot = aggregator.flushAll();

		assertThat(snapshot.series()).isEmpty();
		assertThat(snapshot.distributions()).singleElement().satisfies((point) -> {
			assertThat(point.metric()).isEqualTo("payload");
			assertThat(point.values()).containsExactly(12.0, 7.5, 3.0);
			assertThat(point.timestamp()).isEqualTo(epoch("2026-01-01T10:00:00Z"));
			assertThat(point.tags()).containsExactly("env:prod");
		});
	}

	@Test
	void aHotDistributionGoesOutInPointsOfTheBudgetNoneDropped() {
		Aggregator aggregator = new Aggregator(Aggregators.budgets(this.clock, 100, 10, 1024));
		for (int i = 0; i < 1005; i++) {
			aggregator.record(MetricKind.DISTRIBUTION, "payload", null, i, NOW);
		}

		FlushSnapshot early = aggregator.handOffFullChunks();
		FlushSnapshot flushed = aggregator.flushAll();

		assertThat(early.distributions()).hasSize(10).allSatisfy((point) -> {
			assertThat(point.values()).hasSize(100);
			assertThat(point.timestamp()).isEqualTo(epoch("2026-01-01T10:00:00Z"));
		});
		assertThat(flushed.distributions()).singleElement()
			.satisfies((point) -> assertThat(point.values()).containsExactly(1000.0, 1001.0, 1002.0, 1003.0, 1004.0));
		assertThat(early.distributions().get(3).values().get(7)).isEqualTo(307.0);
		assertThat(aggregator.statistics(0).totalRejected()).isZero();
	}

	/**
	 * A writer queues a full chunk and runs the signal only after it let go of its
	 * stripe: a signal that flushes at once on the writer's own thread (a same-thread
	 * executor) gets every value out. Holding the stripe there, the flush would wait for
	 * it forever.
	 */
	@Test
	@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void aFlushRunByTheFullChunkSignalOnTheWritersOwnThreadTakesEveryValue() {
		Aggregator aggregator = new Aggregator(Aggregators.budgets(this.clock, 10, 10, 1024));
		List<FlushSnapshot> sent = new ArrayList<>();
		aggregator.onFullChunks(() -> sent.add(aggregator.flushAll()));
		for (int i = 0; i < 25; i++) {
			aggregator.record(MetricKind.DISTRIBUTION, "payload", null, i, NOW);
		}
		sent.add(aggregator.flushAll());

		assertThat(sent).hasSizeGreaterThan(2);
		assertThat(LastWriteWins.of(sent).distributionValues("payload"))
			.containsExactlyInAnyOrderElementsOf(IntStream.range(0, 25).mapToObj((i) -> (double) i).toList());
		assertThat(aggregator.statistics(0).totalRejected()).isZero();
	}

	@Test
	void latePointsGoToTheirEarlierBucketAndALatePointIntoAFlushedBucketGoesOutMergedWithIt() {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);
		this.clock.set("2026-01-01T10:00:25Z");
		aggregator.record(MetricKind.COUNTER, "hits", null, 1, epoch("2026-01-01T10:00:03Z"));
		aggregator.record(MetricKind.COUNTER, "hits", null, 1, NOW);
		FlushSnapshot first = aggregator.flush(epoch("2026-01-01T10:00:25Z"));
		aggregator.record(MetricKind.COUNTER, "hits", null, 4, epoch("2026-01-01T10:00:05Z"));

		FlushSnapshot second = aggregator.flush(epoch("2026-01-01T10:00:25Z"));

		assertThat(first.series()).extracting(SeriesPoint::timestamp, SeriesPoint::value)
			.containsExactly(tuple(epoch("2026-01-01T10:00:00Z"), 0.1));
		assertThat(second.series()).extracting(SeriesPoint::timestamp, SeriesPoint::value)
			.containsExactly(tuple(epoch("2026-01-01T10:00:00Z"), 0.5));
		assertThat(onlyPoint(aggregator.flushAll(), "hits").timestamp()).isEqualTo(epoch("2026-01-01T10:00:20Z"));
	}

	@Test
	void futureDatedBucketsWaitUntilTheyAreClosed() {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);
		aggregator.record(MetricKind.COUNTER, "scheduled", null, 1, epoch("2026-01-01T10:05:00Z"));

		FlushSnapshot beforeItsEnd = aggregator.flush(epoch("2026-01-01T10:05:09Z"));
		FlushSnapshot atItsEnd = aggregator.flush(epoch("2026-01-01T10:05:10Z"));

		assertThat(beforeItsEnd.series()).isEmpty();
		assertThat(atItsEnd.series()).extracting(SeriesPoint::timestamp).containsExactly(epoch("2026-01-01T10:05:00Z"));
	}

	@Test
	void flushExactlyOnABoundaryEmitsTheBucketThatEndsThere() {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);
		aggregator.record(MetricKind.GAUGE, "g", null, 1, epoch("2026-01-01T10:00:00Z"));
		aggregator.record(MetricKind.GAUGE, "g", null, 2, epoch("2026-01-01T10:00:10Z"));

		FlushSnapshot snapshot = aggregator.flush(epoch("2026-01-01T10:00:10Z"));

		assertThat(snapshot.series()).extracting(SeriesPoint::timestamp, SeriesPoint::value)
			.containsExactly(tuple(epoch("2026-01-01T10:00:00Z"), 1.0));
	}

	@Test
	void emptyFlushEmitsNothing() {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);

		FlushSnapshot snapshot = aggregator.flush(epoch("2026-01-01T10:00:10Z"));

		assertThat(snapshot.isEmpty()).isTrue();
		assertThat(snapshot.flushedAt()).isEqualTo(this.clock.instant());
	}

	@Test
	void closeFlushesTheCurrentBucketAndRejectsLaterCalls() {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);
		aggregator.record(MetricKind.COUNTER, "hits", null, 5, NOW);

		FlushSnapshot snapshot = aggregator.close();
		aggregator.record(MetricKind.COUNTER, "hits", null, 5, NOW);

		assertThat(onlyPoint(snapshot, "hits").value()).isEqualTo(0.5);
		assertThat(aggregator.flushAll().series()).isEmpty();
		assertThat(aggregator.statistics(0).rejected(RejectReason.CLOSED)).isEqualTo(1);
	}

	@Test
	void namespaceAndConstantTagsAreApplied() {
		Aggregator aggregator = new Aggregator(
				Aggregators.settings(10, this.clock, 1000, false, "app", List.of("team:core", "region:eu")));
		aggregator.record(MetricKind.COUNTER, "hits", "web-1", 1, NOW, "env:prod");
		aggregator.record(MetricKind.HISTOGRAM, "latency", null, 3, NOW);

		FlushSnapshot snapshot = aggregator.flushAll();

		SeriesPoint hits = onlyPoint(snapshot, "app.hits");
		assertThat(hits.tags()).containsExactly("env:prod", "team:core", "region:eu");
		assertThat(hits.host()).isEqualTo("web-1");
		assertThat(points(snapshot, "app.latency.max")).singleElement()
			.satisfies((point) -> assertThat(point.tags()).containsExactly("team:core", "region:eu"));
	}

	@Test
	void aTagEqualToAConstantTagIsSentOnce() {
		Aggregator aggregator = new Aggregator(
				Aggregators.settings(10, this.clock, 1000, false, null, List.of("env:prod", "team:core")));
		aggregator.record(MetricKind.COUNTER, "dup", null, 1, NOW, "env:prod");
		aggregator.record(MetricKind.COUNTER, "dup", null, 1, NOW, "Team:Core", "zone:a");

		assertThat(points(aggregator.flushAll(), "dup")).extracting(SeriesPoint::tags)
			.containsExactlyInAnyOrder(List.of("env:prod", "team:core"), List.of("zone:a", "env:prod", "team:core"));
	}

	@Test
	void aCallRepeatingAConstantTagAddsToTheSeriesWithoutItInsteadOfSendingASecondPointForIt() {
		Aggregator aggregator = new Aggregator(
				Aggregators.settings(10, this.clock, 1000, false, null, List.of("env:prod")));
		aggregator.record(MetricKind.COUNTER, "jobs", null, 5, NOW);
		aggregator.record(MetricKind.COUNTER, "jobs", null, 3, NOW, "env:prod");

		// two points with the same name, tags and time would be one overwriting the other
		// at Datadog
		SeriesPoint point = onlyPoint(aggregator.flushAll(), "jobs");
		assertThat(point.tags()).containsExactly("env:prod");
		assertThat(point.value()).isEqualTo(0.8);
	}

	@Test
	void tagOrderAndDuplicatesDoNotSplitASeriesAndTagsAreSentSorted() {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);
		aggregator.record(MetricKind.COUNTER, "hits", null, 1, NOW, "b:2", "a:1");
		aggregator.record(MetricKind.COUNTER, "hits", null, 1, NOW, "a:1", "b:2", "a:1");
		aggregator.record(MetricKind.COUNTER, "hits", null, 1, NOW, "A:1", "b:2");

		SeriesPoint point = onlyPoint(aggregator.flushAll(), "hits");

		assertThat(point.tags()).containsExactly("a:1", "b:2");
		assertThat(point.value()).isEqualTo(0.3);
	}

	@Test
	void hostSeparatesSeries() {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);
		aggregator.record(MetricKind.COUNTER, "hits", "web-1", 1, NOW);
		aggregator.record(MetricKind.COUNTER, "hits", "web-2", 1, NOW);
		aggregator.record(MetricKind.COUNTER, "hits", null, 1, NOW);

		assertThat(points(aggregator.flushAll(), "hits")).extracting(SeriesPoint::host)
			.containsExactlyInAnyOrder("web-1", "web-2", null);
	}

	@Test
	void aNameKeepsTheKindItWasFirstRecordedWith() {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);
		aggregator.record(MetricKind.COUNTER, "jobs", null, 1, NOW);
		aggregator.record(MetricKind.GAUGE, "jobs", null, 9, NOW);
		aggregator.record(MetricKind.GAUGE, "jobs", null, 9, NOW, "other:tags");

		SeriesPoint point = onlyPoint(aggregator.flushAll(), "jobs");

		assertThat(point.type()).isEqualTo(MetricType.RATE);
		assertThat(aggregator.statistics(0).rejected(RejectReason.KIND_CONFLICT)).isEqualTo(2);
	}

	@Test
	void statisticsCountEmittedPointsAndActiveSeries() {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);
		aggregator.record(MetricKind.COUNTER, "a", null, 1, NOW);
		aggregator.record(MetricKind.COUNTER, "b", null, 1, NOW);
		aggregator.record(MetricKind.HISTOGRAM, "h", null, 1, NOW);

		aggregator.flushAll();
		RecordingStatistics statistics = aggregator.statistics(3);

		assertThat(statistics.recorded(MetricKind.COUNTER)).isEqualTo(2);
		assertThat(statistics.recorded(MetricKind.HISTOGRAM)).isEqualTo(1);
		assertThat(statistics.activeSeries()).isEqualTo(3);
		assertThat(statistics.skippedFlushes()).isEqualTo(3);
	}

}
