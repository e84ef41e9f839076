package io.threadstats.aggregation;

import java.util.List;

import io.threadstats.Allocations;
import io.threadstats.MutableClock;
import io.threadstats.api.MetricKind;
import io.threadstats.api.RecordingStatistics;
import io.threadstats.api.RejectReason;
import io.threadstats.snapshot.MetricType;
import io.threadstats.snapshot.SeriesPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.threadstats.aggregation.Aggregators.onlyPoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Series cap, idle eviction, and handles that outlive their series. */
@ExtendWith(OutputCaptureExtension.class)
class AggregatorSeriesLifecycleTests {

	private static final long NOW = Aggregator.NOW;

	private final MutableClock clock = MutableClock.at("2026-01-01T10:00:05Z");

	@Test
	void newSeriesBeyondTheCapAreDroppedCountedAndWarnedOnce(CapturedOutput output) {
		Aggregator aggregator = new Aggregator(Aggregators.settings(10, this.clock, 2, false, null, List.of()));
		aggregator.record(MetricKind.COUNTER, "a", null, 1, NOW);
		aggregator.record(MetricKind.COUNTER, "b", null, 1, NOW);

		aggregator.record(MetricKind.COUNTER, "c", null, 1, NOW);
		aggregator.record(MetricKind.COUNTER, "c", null, 1, NOW);
		aggregator.record(MetricKind.COUNTER, "d", null, 1, NOW);
		aggregator.record(MetricKind.COUNTER, "a", null, 1, NOW);

		RecordingStatistics statistics = aggregator.statistics(0);
		assertThat(statistics.rejected(RejectReason.SERIES_LIMIT)).isEqualTo(3);
		assertThat(statistics.activeSeries()).isEqualTo(2);
		assertThat(output.getOut().split("\n")).filteredOn((line) -> line.contains("SERIES_LIMIT")).hasSize(1);
		assertThat(aggregator.flushAll().series()).extracting((point) -> point.metric())
			.containsExactlyInAnyOrder("a", "b");
	}

	@Test
	void idleSeriesAreEvictedSoTheCapCountsOnlyActiveOnes() {
		Aggregator aggregator = new Aggregator(Aggregators.settings(10, this.clock, 2, false, null, List.of()));
		aggregator.record(MetricKind.COUNTER, "a", null, 1, NOW);
		aggregator.record(MetricKind.COUNTER, "b", null, 1, NOW);

		Aggregators.flushUntilIdleSeriesAreEvicted(aggregator);
		aggregator.record(MetricKind.COUNTER, "c", null, 1, NOW);

		assertThat(aggregator.statistics(0).rejected(RejectReason.SERIES_LIMIT)).isZero();
		assertThat(onlyPoint(aggregator.flushAll(), "c").value()).isEqualTo(0.1);
		assertThat(aggregator.statistics(0).activeSeries()).isEqualTo(1);
	}

	@Test
	void aSeriesWithAnOpenBucketIsNotEvicted() {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);
		aggregator.record(MetricKind.COUNTER, "a", null, 1, NOW);

		for (int i = 0; i < 5; i++) {
			aggregator.flush(this.clock.instant().getEpochSecond());
		}

		assertThat(aggregator.statistics(0).activeSeries()).isEqualTo(1);
		assertThat(onlyPoint(aggregator.flushAll(), "a").value()).isEqualTo(0.1);
	}

	@Test
	void handleKeepsWorkingAfterItsSeriesWasEvicted() {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);
		SeriesHandle handle = aggregator.handle(MetricKind.COUNTER, "jobs", null, "queue:a");
		handle.record(1, NOW);
		Aggregators.flushUntilIdleSeriesAreEvicted(aggregator);
		assertThat(aggregator.statistics(0).activeSeries()).isZero();

		handle.record(3, NOW);

		assertThat(onlyPoint(aggregator.flushAll(), "jobs").value()).isEqualTo(0.3);
	}

	@Test
	void handleAndByNameCallsMeetInOneSeriesAfterEviction() {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);
		SeriesHandle handle = aggregator.handle(MetricKind.COUNTER, "jobs", null, "a:1", "b:2");
		handle.record(1, NOW);
		Aggregators.flushUntilIdleSeriesAreEvicted(aggregator);

		// the same series given differently: a new raw input, so it resolves and creates
		// the series afresh
		aggregator.record(MetricKind.COUNTER, "jobs", null, 2, NOW, "b:2", "a:1");
		handle.record(5, NOW);

		assertThat(onlyPoint(aggregator.flushAll(), "jobs").value()).isEqualTo(0.7);
		assertThat(aggregator.statistics(0).activeSeries()).isEqualTo(1);
	}

	@Test
	void namesKeepTheirKindOnlyWhileTheyHaveSeriesSoManyDistinctNamesStayWithinTheCap() {
		int cap = 10;
		Aggregator aggregator = new Aggregator(Aggregators.settings(10, this.clock, cap, false, null, List.of()));

		for (int round = 0; round < 20; round++) {
			for (int i = 0; i < 1000; i++) {
				aggregator.record(MetricKind.COUNTER, "name" + round + "x" + i, null, 1, NOW);
			}
			assertThat(aggregator.kinds.size()).isLessThanOrEqualTo(cap);
			Aggregators.flushUntilIdleSeriesAreEvicted(aggregator);
			assertThat(aggregator.kinds.size()).isZero();
		}
		assertThat(aggregator.statistics(0).rejected(RejectReason.SERIES_LIMIT)).isEqualTo(20 * (1000 - cap));
	}

	@Test
	void aNameIsFreeForAnotherKindOnceItsLastSeriesIsEvicted() {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);
		aggregator.record(MetricKind.COUNTER, "jobs", null, 1, NOW, "queue:a");
		aggregator.record(MetricKind.COUNTER, "jobs", null, 1, NOW, "queue:b");
		Aggregators.flushUntilIdleSeriesAreEvicted(aggregator);

		aggregator.record(MetricKind.GAUGE, "jobs", null, 7, NOW);

		assertThat(onlyPoint(aggregator.flushAll(), "jobs").value()).isEqualTo(7.0);
		assertThat(aggregator.statistics(0).totalRejected()).isZero();
	}

	@Test
	void aHandleOfTheOldKindCannotMixIntoTheNewKindsSeries(CapturedOutput output) {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);
		SeriesHandle counter = aggregator.handle(MetricKind.COUNTER, "jobs", null);
		counter.record(1, NOW);
		Aggregators.flushUntilIdleSeriesAreEvicted(aggregator);
		aggregator.record(MetricKind.GAUGE, "jobs", null, 7, NOW);
		aggregator.record(MetricKind.GAUGE, "jobs", null, 7, NOW, "other:series");

		counter.record(1, NOW);
		counter.record(1, NOW);

		assertThat(aggregator.flushAll().series()).extracting(SeriesPoint::type).containsOnly(MetricType.GAUGE);
		assertThat(aggregator.statistics(0).rejected()).containsOnly(entry(RejectReason.KIND_CONFLICT, 2L));
		assertThat(output.getOut().split("\n")).filteredOn((line) -> line.contains("KIND_CONFLICT"))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains("counter 'jobs'").contains("'jobs' is a gauge"));
	}

	@Test
	void aHandleMadeWhileAnotherKindHeldTheNameRecordsOnceTheNameIsFree() {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);
		aggregator.record(MetricKind.COUNTER, "jobs", null, 1, NOW);
		SeriesHandle gauge = aggregator.handle(MetricKind.GAUGE, "jobs", null);
		gauge.record(5, NOW);
		Aggregators.flushUntilIdleSeriesAreEvicted(aggregator);

		gauge.record(6, NOW);

		assertThat(onlyPoint(aggregator.flushAll(), "jobs").value()).isEqualTo(6.0);
		assertThat(aggregator.statistics(0).rejected()).containsOnly(entry(RejectReason.KIND_CONFLICT, 1L));
	}

	@Test
	void aNewCounterSeriesAllocatesUnderOneKibibyte() {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);
		int count = 20_000;
		String[] tags = new String[count];
		for (int i = 0; i < count; i++) {
			tags[i] = "user:" + i;
		}
		aggregator.record(MetricKind.COUNTER, "warm.up", null, 1, NOW, "user:warm");

		long before = Allocations.byCurrentThread();
		for (int i = 0; i < count; i++) {
			aggregator.record(MetricKind.COUNTER, "logins", null, 1, NOW, tags[i]);
		}
		long perSeries = (Allocations.byCurrentThread() - before) / count;

		// everything a first call allocates, garbage included: resolution, handle, key,
		// series, bucket
		assertThat(perSeries).isLessThan(1024);
		assertThat(aggregator.statistics(0).activeSeries()).isEqualTo(count + 1);
	}

}
