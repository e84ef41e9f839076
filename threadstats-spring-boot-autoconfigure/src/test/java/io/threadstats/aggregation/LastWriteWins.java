package io.threadstats.aggregation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.threadstats.snapshot.DistributionPoint;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.SeriesPoint;

/**
 * What Datadog's intake ends up holding after a run of flushes: the last point per
 * metric, host, tags and timestamp for series, every value for distributions (which it
 * adds together).
 */
final class LastWriteWins {

	private final Map<Key, Double> series = new HashMap<>();

	private final Map<Key, List<Double>> distributions = new HashMap<>();

	static LastWriteWins of(List<FlushSnapshot> snapshots) {
		LastWriteWins intake = new LastWriteWins();
		snapshots.forEach(intake::receive);
		return intake;
	}

	void receive(FlushSnapshot snapshot) {
		for (SeriesPoint point : snapshot.series()) {
			this.series.put(new Key(point.metric(), point.host(), point.tags(), point.timestamp()), point.value());
		}
		for (DistributionPoint point : snapshot.distributions()) {
			this.distributions
				.computeIfAbsent(new Key(point.metric(), point.host(), point.tags(), point.timestamp()),
						(key) -> new ArrayList<>())
				.addAll(point.values());
		}
	}

	/**
	 * The stored values of a metric, over every timestamp, of series having these tags.
	 */
	double sum(String metric, String... tags) {
		double sum = 0;
		for (Map.Entry<Key, Double> entry : this.series.entrySet()) {
			if (entry.getKey().matches(metric, tags)) {
				sum += entry.getValue();
			}
		}
		return sum;
	}

	/** Every stored point of a metric, by timestamp (one series). */
	Map<Long, Double> points(String metric) {
		Map<Long, Double> points = new HashMap<>();
		this.series.forEach((key, value) -> {
			if (key.metric.equals(metric)) {
				points.put(key.timestamp, value);
			}
		});
		return points;
	}

	/** Every stored distribution value of a metric. */
	List<Double> distributionValues(String metric) {
		List<Double> values = new ArrayList<>();
		this.distributions.forEach((key, stored) -> {
			if (key.metric.equals(metric)) {
				values.addAll(stored);
			}
		});
		return values;
	}

	/** The whole store: equal when two runs left Datadog holding the same. */
	Map<String, Object> contents() {
		Map<String, Object> contents = new HashMap<>();
		this.series.forEach((key, value) -> contents.put(key.toString(), value));
		this.distributions.forEach((key, values) -> contents.put(key.toString(), values.stream().sorted().toList()));
		return contents;
	}

	private record Key(String metric, String host, List<String> tags, long timestamp) {

		boolean matches(String metric, String... tags) {
			return this.metric.equals(metric) && this.tags.containsAll(List.of(tags));
		}

		@Override
		public String toString() {
			return this.metric + "|" + Objects.toString(this.host) + "|" + this.tags + "|" + this.timestamp;
		}

	}

}
