package io.threadstats.demo.intake;

import java.util.ArrayList;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The points kept for one series: one per timestamp (the last one sent wins, as at
 * Datadog), at most a fixed number, the oldest timestamps evicted first.
 */
final class StoredSeries {

	private final SeriesKey key;

	private final ConcurrentNavigableMap<Long, StoredPoint> points = new ConcurrentSkipListMap<>();

	private volatile SeriesType type;

	private volatile Long interval;

	private volatile String unit;

	StoredSeries(SeriesKey key, SeriesType type) {
		this.key = key;
		this.type = type;
	}

	SeriesKey key() {
		return this.key;
	}

	SeriesType type() {
		return this.type;
	}

	/**
	 * Keeps a point, describing the series by what it was last sent with.
	 * @return how many points were evicted to make room
	 */
	int add(SeriesType type, Long interval, String unit, StoredPoint point, int maxPoints) {
		this.type = type;
		this.interval = interval;
		this.unit = unit;
		this.points.put(point.timestamp(), point);
		int evicted = 0;
		while (this.points.size() > maxPoints && this.points.pollFirstEntry() != null) {
			evicted++;
		}
		return evicted;
	}

	int size() {
		return this.points.size();
	}

	long lastTimestamp() {
		return this.points.isEmpty() ? 0 : this.points.lastKey();
	}

	/** What the read endpoint shows of this series, points in time order. */
	ReceivedSeries view() {
		return new ReceivedSeries(this.key.metric(), this.key.tags(), this.key.host(), this.type, this.interval,
				this.unit, new ArrayList<>(this.points.values()));
	}

}
