package io.threadstats.aggregation;

import java.util.ArrayList;
import java.util.List;

import io.threadstats.Allocations;
import io.threadstats.MutableClock;
import io.threadstats.api.MetricKind;
import io.threadstats.snapshot.FlushSnapshot;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No lost update: writers on the same and on different series, of every kind, while
 * another thread flushes every bucket (the current one included) as fast as it can, so
 * closes race writes and idle series are evicted under the writers' feet. Every value
 * must come out exactly once.
 */
class AggregatorConcurrencyTests {

	private static final int THREADS = 4;

	private static final int CALLS = 100_000;

	private static final long ROLL_UP = 10;

	private final MutableClock clock = MutableClock.at("2026-01-01T10:00:05Z");

	@Test
	void whatDatadogHoldsEqualsEveryCallWhileFlushesRaceAndLatePointsMerge() throws Exception {
		// sets counted exactly, so that their totals can be compared
		Aggregator aggregator = new Aggregator(Aggregators.budgets(this.clock, 10_000, 1 << 20, 64 << 20));
		long late = this.clock.instant().getEpochSecond() - 60;
		List<FlushSnapshot> snapshots = new ArrayList<>();
		List<Runnable> writers = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			int thread = t;
			writers.add(() -> {
				SeriesHandle shared = aggregator.handle(MetricKind.COUNTER, "shared.handle", null);
				for (int i = 0; i < CALLS; i++) {
					long timestamp = (i % 7 == 0) ? late : Aggregator.NOW;
					shared.record(1, timestamp);
					aggregator.record(MetricKind.COUNTER, "shared.by.name", null, 1, timestamp, "env:test");
					aggregator.record(MetricKind.COUNTER, "own", null, 1, Aggregator.NOW, "thread:" + thread);
					aggregator.record(MetricKind.HISTOGRAM, "latency", null, i % 100, timestamp);
					if (i % 4 == 0) {
						aggregator.record(MetricKind.DISTRIBUTION, "sizes", null, i, Aggregator.NOW);
						aggregator.recordSetMember("members", null, thread + "-" + i, timestamp);
					}
				}
			});
		}
		// the flushes emit the late bucket again and again (merged), the current one at
		// the end
		Race.run(writers, () -> snapshots.add(aggregator.flush()));
		snapshots.add(aggregator.flushAll());

		LastWriteWins intake = LastWriteWins.of(snapshots);
		long expected = (long) THREADS * CALLS;
		assertThat(counterTotal(intake, "shared.handle")).isEqualTo(expected);
		assertThat(counterTotal(intake, "shared.by.name")).isEqualTo(expected);
		for (int t = 0; t < THREADS; t++) {
			String tag = "thread:" + t;
			assertThat(counterTotal(intake, "own", tag)).as(tag).isEqualTo(CALLS);
		}
		assertThat(counterTotal(intake, "latency.count")).isEqualTo(expected);
		assertThat(Math.round(intake.sum("members"))).isEqualTo(expected / 4);
		assertThat(intake.distributionValues("sizes")).hasSize((int) expected / 4);
		assertThat(intake.distributionValues("sizes").stream().mapToDouble(Double::doubleValue).sum())
			.isEqualTo(THREADS * sumOfMultiplesOfFourBelow(CALLS));
		assertThat(aggregator.statistics(0).totalRejected()).isZero();
		assertThat(aggregator.statistics(0).lateUnmerged()).isZero();
	}

	@Test
	void preResolvedRecordAllocatesNothing() {
		Aggregator aggregator = Aggregators.withRollUp(ROLL_UP, this.clock);
		SeriesHandle counter = aggregator.handle(MetricKind.COUNTER, "hits", "web-1", "env:prod", "region:eu");
		String[] tags = { "env:prod", "region:eu" };
		long timestamp = this.clock.instant().getEpochSecond();
		Runnable calls = () -> {
			for (int i = 0; i < 200_000; i++) {
				counter.record(1, Aggregator.NOW);
				counter.record(1, timestamp);
				aggregator.record(MetricKind.COUNTER, "hits", "web-1", 1, Aggregator.NOW, tags);
				aggregator.record(MetricKind.GAUGE, "level", "web-1", i, Aggregator.NOW, tags);
			}
		};

		// 800,000 calls a round: one allocation per call would be megabytes
		int measuredRounds = 10;
		assertThat(Allocations.fewestBytesAllocated(calls, measuredRounds)).isLessThan(1024);
		// the warm-up round and the measured ones: 600,000 "hits" a round
		double hits = (1 + measuredRounds) * 600_000;
		assertThat(Aggregators.onlyPoint(aggregator.flushAll(), "hits").value()).isEqualTo(hits / ROLL_UP);
	}

	private static double sumOfMultiplesOfFourBelow(int limit) {
		double sum = 0;
		for (int i = 0; i < limit; i += 4) {
			sum += i;
		}
		return sum;
	}

	private static long counterTotal(LastWriteWins intake, String metric, String... tags) {
		return Math.round(intake.sum(metric, tags) * ROLL_UP);
	}

}
