package io.threadstats.aggregation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.threadstats.api.MetricKind;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.SeriesPoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end on the real system clock (so "now" is the shared ticking second) with a 1 s
 * roll-up: writers record untimestamped points across several second boundaries while
 * another thread flushes the closed buckets over and over, racing every boundary. Every
 * point must be flushed exactly once: the totals match, and no series ever gets two
 * points with the same timestamp (Datadog would keep only the last).
 */
class AggregatorSystemClockTests {

	private static final int WRITERS = 2;

	private static final int BOUNDARIES = 3;

	@Test
	void everyPointIsFlushedOnceAcrossSecondBoundaries() throws Exception {
		// sets counted exactly: the members of a second are more than the default budget
		Aggregator aggregator = new Aggregator(Aggregators.budgets(1, Clock.systemUTC(), 10_000, 1 << 20, 1 << 20));
		List<FlushSnapshot> snapshots = new ArrayList<>();
		long[] recorded = new long[WRITERS];
		long[] members = new long[WRITERS];
		long endSecond = Math.floorDiv(System.currentTimeMillis(), 1000) + BOUNDARIES + 1;
		List<Runnable> writers = new ArrayList<>();
		for (int t = 0; t < WRITERS; t++) {
			int writer = t;
			writers.add(() -> {
				SeriesHandle counter = aggregator.handle(MetricKind.COUNTER, "hits", null);
				SeriesHandle sizes = aggregator.handle(MetricKind.HISTOGRAM, "sizes", null);
				long calls = 0;
				while (Math.floorDiv(System.currentTimeMillis(), 1000) < endSecond) {
					for (int i = 0; i < 100; i++) {
						counter.record(1, Aggregator.NOW);
						aggregator.record(MetricKind.COUNTER, "by.name", null, 1, Aggregator.NOW, "env:test");
						sizes.record(i, Aggregator.NOW);
						if (calls % 1024 == 0) {
							aggregator.recordSetMember("members", null, writer + "-" + calls, Aggregator.NOW);
							members[writer]++;
						}
						calls++;
					}
				}
				recorded[writer] = calls;
			});
		}
		Race.run(writers, () -> {
			FlushSnapshot snapshot = aggregator.flush();
			if (!snapshot.series().isEmpty()) {
				snapshots.add(snapshot);
			}
			Thread.yield();
		});
		snapshots.add(aggregator.flushAll());

		long total = 0;
		for (long calls : recorded) {
			total += calls;
		}
		long totalMembers = 0;
		for (long count : members) {
			totalMembers += count;
		}
		assertThat(sum(snapshots, "hits")).isEqualTo(total);
		assertThat(sum(snapshots, "by.name")).isEqualTo(total);
		assertThat(sum(snapshots, "sizes.count")).isEqualTo(total);
		assertThat(sum(snapshots, "members")).isEqualTo(totalMembers);
		for (String metric : List.of("hits", "by.name", "sizes.count", "members")) {
			assertThat(duplicateTimestamps(snapshots, metric)).as(metric + " timestamps sent twice").isEmpty();
		}
		assertThat(timestamps(snapshots, "hits")).as("buckets seen").hasSizeGreaterThan(BOUNDARIES);
		assertThat(aggregator.statistics(0).totalRejected()).isZero();
	}

	private static long sum(List<FlushSnapshot> snapshots, String metric) {
		double sum = 0;
		for (FlushSnapshot snapshot : snapshots) {
			for (SeriesPoint point : Aggregators.points(snapshot, metric)) {
				sum += point.value();
			}
		}
		return Math.round(sum);
	}

	private static Set<Long> timestamps(List<FlushSnapshot> snapshots, String metric) {
		Set<Long> seen = new HashSet<>();
		for (FlushSnapshot snapshot : snapshots) {
			for (SeriesPoint point : Aggregators.points(snapshot, metric)) {
				seen.add(point.timestamp());
			}
		}
		return seen;
	}

	private static Map<Long, Integer> duplicateTimestamps(List<FlushSnapshot> snapshots, String metric) {
		Map<Long, Integer> counts = new HashMap<>();
		for (FlushSnapshot snapshot : snapshots) {
			for (SeriesPoint point : Aggregators.points(snapshot, metric)) {
				counts.merge(point.timestamp(), 1, Integer::sum);
			}
		}
		counts.values().removeIf((count) -> count == 1);
		return counts;
	}

}
