package io.threadstats.aggregation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.threadstats.api.AggregatorSettings;
import io.threadstats.api.CounterType;
import io.threadstats.api.HistogramAggregate;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.SeriesPoint;

/** Test helpers: aggregators with chosen settings, and finding points in snapshots. */
final class Aggregators {

	private Aggregators() {
	}

	static Aggregator withRollUp(long rollUpSeconds, Clock clock) {
		return new Aggregator(AggregatorSettings.defaults(rollUpSeconds, clock));
	}

	static AggregatorSettings settings(long rollUpSeconds, Clock clock, int maxSeries, boolean strict, String namespace,
			List<String> constantTags) {
		AggregatorSettings defaults = AggregatorSettings.defaults(rollUpSeconds, clock);
		return new AggregatorSettings(rollUpSeconds, defaults.counterType(), defaults.histogramAggregates(),
				defaults.histogramPercentiles(), maxSeries, strict, clock, namespace, constantTags, null, null);
	}

	static AggregatorSettings histogramSettings(long rollUpSeconds, Clock clock, CounterType counterType,
			Set<HistogramAggregate> aggregates, List<Double> percentiles) {
		return new AggregatorSettings(rollUpSeconds, counterType, aggregates, percentiles, 100_000, false, clock, null,
				List.of(), null, null);
	}

	/** Default settings (roll-up 10 s) but these budgets. */
	static AggregatorSettings budgets(Clock clock, int distributionValuesPerPoint, int setExactMembers,
			long lateDataMaxBytes) {
		return budgets(10, clock, distributionValuesPerPoint, setExactMembers, lateDataMaxBytes);
	}

	/** Default settings but this roll-up and these budgets. */
	static AggregatorSettings budgets(long rollUpSeconds, Clock clock, int distributionValuesPerPoint,
			int setExactMembers, long lateDataMaxBytes) {
		AggregatorSettings defaults = AggregatorSettings.defaults(rollUpSeconds, clock);
		return new AggregatorSettings(rollUpSeconds, defaults.counterType(), defaults.histogramAggregates(),
				defaults.histogramPercentiles(), 100_000, false, clock, null, List.of(), null, null,
				distributionValuesPerPoint, setExactMembers, lateDataMaxBytes);
	}

	/**
	 * Flushes everything as many times as a series must end a flush idle to be evicted:
	 * the series that get no write meanwhile are gone afterwards.
	 */
	static void flushUntilIdleSeriesAreEvicted(Aggregator aggregator) {
		for (int i = 0; i < Aggregator.EVICT_AFTER_IDLE_FLUSHES; i++) {
			aggregator.flushAll();
		}
	}

	static long epoch(String instant) {
		return Instant.parse(instant).getEpochSecond();
	}

	static List<SeriesPoint> points(FlushSnapshot snapshot, String metric) {
		return snapshot.series().stream().filter((point) -> point.metric().equals(metric)).toList();
	}

	static SeriesPoint onlyPoint(FlushSnapshot snapshot, String metric) {
		List<SeriesPoint> points = points(snapshot, metric);
		if (points.size() != 1) {
			throw new AssertionError("expected one point for " + metric + " but got " + points + " in " + snapshot);
		}
		return points.get(0);
	}

}
