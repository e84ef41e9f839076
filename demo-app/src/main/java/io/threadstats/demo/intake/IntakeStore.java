package io.threadstats.demo.intake;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the local intake received and kept, bounded by {@link IntakeProperties}: series
 * with their latest points, the latest events and service checks, and the
 * {@link IntakeStatistics} of everything sent.
 */
public final class IntakeStore {

	private final IntakeProperties limits;

	private final Map<SeriesKey, StoredSeries> series = new ConcurrentHashMap<>();

	private final AtomicInteger seriesCount = new AtomicInteger();

	private final BoundedLog<ReceivedEvent> events;

	private final BoundedLog<ReceivedCheck> checks;

	private final IntakeStatistics statistics = new IntakeStatistics();

	/** A store that keeps at most what the given limits allow. */
	public IntakeStore(IntakeProperties limits) {
		this.limits = limits;
		this.events = new BoundedLog<>(limits.getMaxEvents());
		this.checks = new BoundedLog<>(limits.getMaxChecks());
	}

	/** The counters, for the intake to record what it answered and dropped. */
	public IntakeStatistics statistics() {
		return this.statistics;
	}

	/**
	 * Keeps a point, creating its series if there is room for one more.
	 * @return whether it was kept; if not, it was counted as
	 * {@link DropReason#POINT_OVER_SERIES_LIMIT}
	 */
	boolean addPoint(SeriesKey key, SeriesType type, Long interval, String unit, StoredPoint point) {
		StoredSeries stored = this.series.get(key);
		if (stored == null) {
			stored = createSeries(key, type);
			if (stored == null) {
				this.statistics.dropped(DropReason.POINT_OVER_SERIES_LIMIT, 1);
				return false;
			}
		}
		int evicted = stored.add(type, interval, unit, point, this.limits.getMaxPointsPerSeries());
		this.statistics.acceptedPoint();
		this.statistics.evictedPoints(evicted);
		return true;
	}

	private StoredSeries createSeries(SeriesKey key, SeriesType type) {
		if (this.seriesCount.incrementAndGet() > this.limits.getMaxSeries()) {
			this.seriesCount.decrementAndGet();
			return this.series.get(key);
		}
		StoredSeries created = new StoredSeries(key, type);
		StoredSeries existing = this.series.putIfAbsent(key, created);
		if (existing != null) {
			this.seriesCount.decrementAndGet();
			return existing;
		}
		return created;
	}

	void addEvent(ReceivedEvent event) {
		this.events.add(event);
	}

	void addCheck(ReceivedCheck check) {
		this.checks.add(check);
	}

	/** Every metric name received, sorted, with a summary of its series. */
	public List<ReceivedMetric> metrics() {
		Map<String, List<StoredSeries>> byMetric = new TreeMap<>();
		this.series.values()
			.forEach((s) -> byMetric.computeIfAbsent(s.key().metric(), (m) -> new ArrayList<>()).add(s));
		List<ReceivedMetric> metrics = new ArrayList<>(byMetric.size());
		byMetric.forEach((metric, seriesOfMetric) -> {
			TreeSet<SeriesType> types = new TreeSet<>();
			TreeSet<String> tags = new TreeSet<>();
			int points = 0;
			long lastTimestamp = 0;
			for (StoredSeries stored : seriesOfMetric) {
				types.add(stored.type());
				tags.addAll(stored.key().tags());
				points += stored.size();
				lastTimestamp = Math.max(lastTimestamp, stored.lastTimestamp());
			}
			metrics.add(new ReceivedMetric(metric, List.copyOf(types), seriesOfMetric.size(), points, lastTimestamp,
					List.copyOf(tags)));
		});
		return metrics;
	}

	/**
	 * The series of one metric (all series if {@code metric} is {@code null}), sorted by
	 * metric, host and tags.
	 */
	public List<ReceivedSeries> series(String metric) {
		return this.series.values()
			.stream()
			.filter((s) -> metric == null || s.key().metric().equals(metric))
			.map(StoredSeries::view)
			.sorted(Comparator.comparing(ReceivedSeries::metric)
				.thenComparing((s) -> String.valueOf(s.host()))
				.thenComparing((s) -> String.join(",", s.tags())))
			.toList();
	}

	/** The events kept, newest first. */
	public List<ReceivedEvent> events() {
		return this.events.newestFirst();
	}

	/** The service checks kept, newest first. */
	public List<ReceivedCheck> checks() {
		return this.checks.newestFirst();
	}

	/** The counters as {@code /intake/stats} shows them. */
	public IntakeStatistics.Snapshot statisticsSnapshot() {
		return this.statistics.snapshot(this.series.size(), this.events.newestFirst().size(), this.events.evicted(),
				this.checks.newestFirst().size(), this.checks.evicted());
	}

}
