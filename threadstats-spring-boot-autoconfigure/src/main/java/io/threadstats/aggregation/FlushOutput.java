package io.threadstats.aggregation;

import java.util.ArrayList;
import java.util.List;

import io.threadstats.api.AggregatorSettings;
import io.threadstats.api.CounterType;
import io.threadstats.api.HistogramAggregate;
import io.threadstats.snapshot.DistributionPoint;
import io.threadstats.snapshot.MetricType;
import io.threadstats.snapshot.SeriesPoint;

/**
 * What one flush's closed buckets emit, and the settings that shape it. Flushing thread
 * only.
 */
final class FlushOutput {

	private final AggregatorSettings settings;

	private final List<HistogramAggregate> histogramAggregates;

	final List<SeriesPoint> series = new ArrayList<>();

	final List<DistributionPoint> distributions = new ArrayList<>();

	/**
	 * Points dropped because their value came out non-finite (a counter sum that
	 * overflowed).
	 */
	long nonFinite;

	FlushOutput(AggregatorSettings settings, List<HistogramAggregate> histogramAggregates) {
		this.settings = settings;
		this.histogramAggregates = histogramAggregates;
	}

	long rollUpSeconds() {
		return this.settings.rollUpSeconds();
	}

	CounterType counterType() {
		return this.settings.counterType();
	}

	/** The histogram aggregates to emit, in emission order. */
	List<HistogramAggregate> histogramAggregates() {
		return this.histogramAggregates;
	}

	List<Double> histogramPercentiles() {
		return this.settings.histogramPercentiles();
	}

	/**
	 * Emits one point; a non-finite value (which JSON cannot carry) is dropped and
	 * counted instead.
	 */
	boolean point(Series from, String metric, MetricType type, long timestamp, double value) {
		if (!Double.isFinite(value)) {
			this.nonFinite++;
			return false;
		}
		this.series.add(new SeriesPoint(metric, type, timestamp, value, this.settings.rollUpSeconds(), from.key.host(),
				this.settings.device(), from.emittedTags));
		return true;
	}

	void distribution(Series from, long timestamp, List<Double> values) {
		this.distributions
			.add(new DistributionPoint(from.emittedNames[0], timestamp, values, from.key.host(), from.emittedTags));
	}

}
