package io.threadstats.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import io.threadstats.MutableClock;
import io.threadstats.api.MetricKind;
import io.threadstats.snapshot.FlushSnapshot;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Threads record every kind into shared series, late points mixed in, while flushes race
 * them: what Datadog ends up holding (the last point per series and timestamp,
 * distribution values added) equals what one flush after all the points would have sent.
 */
class AggregatorStressTests {

	private static final int THREADS = 4;

	private static final int POINTS_PER_THREAD = 40_000;

	/** Buckets the points fall into: the current one and late ones, 10 s apart. */
	private static final int BUCKETS = 6;

	private final MutableClock clock = MutableClock.at("2026-01-01T10:00:05Z");

	@Test
	void whatDatadogHoldsEqualsOneFlushOfEveryPoint() throws Exception {
		List<List<Point>> plans = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			plans.add(plan(t));
		}

		Aggregator racing = aggregator();
		List<FlushSnapshot> sent = new ArrayList<>();
		List<Runnable> writers = new ArrayList<>();
		for (List<Point> plan : plans) {
			writers.add(() -> plan.forEach((point) -> point.recordInto(racing)));
		}
		Race.run(writers, () -> sent.add(racing.flush()));
		sent.add(racing.flushAll());

		Aggregator alone = aggregator();
		plans.forEach((plan) -> plan.forEach((point) -> point.recordInto(alone)));
		LastWriteWins once = LastWriteWins.of(List.of(alone.flushAll()));
		LastWriteWins raced = LastWriteWins.of(sent);

		Map<String, Object> expected = new TreeMap<>(once.contents());
		Map<String, Object> actual = new TreeMap<>(raced.contents());
		assertThat(actual.keySet()).isEqualTo(expected.keySet());
		expected.forEach((key, value) -> {
			if (key.startsWith("shared.level")) {
				// several threads set it at once: no single last call, but it is the last
				// value one of them set
				assertThat((Double) actual.get(key)).as(key).isIn(lastLevels(plans, key));
			}
			else if (key.contains(".avg|")) {
				// the same values summed in another order
				assertThat((Double) actual.get(key)).as(key).isCloseTo((Double) value, within(1e-9));
			}
			else {
				assertThat(actual.get(key)).as(key).isEqualTo(value);
			}
		});
		assertThat(racing.statistics(0).totalRejected()).isZero();
		assertThat(racing.statistics(0).lateUnmerged()).isZero();
	}

	private Aggregator aggregator() {
		// sets exact, room for every late bucket: the run is compared value for value
		return new Aggregator(Aggregators.budgets(this.clock, 512, 1 << 20, 64L << 20));
	}

	/**
	 * A thread's points: counters, histograms (at most 1000 values per bucket, so exact),
	 * sets, distributions and gauges, shared by every thread, now or late.
	 */
	private List<Point> plan(int thread) {
		Random random = new Random(thread);
		long now = this.clock.instant().getEpochSecond();
		List<Point> points = new ArrayList<>();
		for (int i = 0; i < POINTS_PER_THREAD; i++) {
			int bucket = random.nextInt(BUCKETS);
			long timestamp = (bucket == 0) ? Aggregator.NOW : now - 10L * bucket;
			String tag = "b:" + (i % 3);
			switch (i % 6) {
				case 0 ->
					points.add(new Point(MetricKind.COUNTER, "shared.orders", tag, random.nextInt(100), timestamp));
				case 1 -> {
					if (i % 60 == 1) {
						points.add(new Point(MetricKind.HISTOGRAM, "shared.latency", tag, random.nextInt(10_000),
								timestamp));
					}
				}
				case 2 -> points.add(new Point(MetricKind.SET, "shared.users", tag, random.nextInt(5000), timestamp));
				case 3 ->
					points.add(new Point(MetricKind.DISTRIBUTION, "shared.size", tag, random.nextInt(1000), timestamp));
				case 4 -> points.add(new Point(MetricKind.GAUGE, "own.level", "t:" + thread, i, timestamp));
				default ->
					points.add(new Point(MetricKind.GAUGE, "shared.level", tag, thread * 1_000_000 + i, timestamp));
			}
		}
		return points;
	}

	/** For a shared gauge's key, the last value each thread set into that bucket. */
	private Set<Double> lastLevels(List<List<Point>> plans, String key) {
		Set<Double> last = new java.util.HashSet<>();
		long now = this.clock.instant().getEpochSecond();
		for (List<Point> plan : plans) {
			Double threadLast = null;
			for (Point point : plan) {
				long start = ((point.timestamp == Aggregator.NOW) ? now : point.timestamp) / 10 * 10;
				if (point.kind == MetricKind.GAUGE && key.startsWith(point.metric + "|")
						&& key.contains("[" + point.tag + "]") && key.endsWith("|" + start)) {
					threadLast = point.value;
				}
			}
			if (threadLast != null) {
				last.add(threadLast);
			}
		}
		return last;
	}

	private record Point(MetricKind kind, String metric, String tag, double value, long timestamp) {

		void recordInto(Aggregator aggregator) {
			if (this.kind == MetricKind.SET) {
				aggregator.recordSetMember(this.metric, null, Long.toString((long) this.value), this.timestamp,
						this.tag);
			}
			else {
				aggregator.record(this.kind, this.metric, null, this.value, this.timestamp, this.tag);
			}
		}

	}

}
