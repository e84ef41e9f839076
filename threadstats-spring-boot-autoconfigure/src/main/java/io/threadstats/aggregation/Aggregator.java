package io.threadstats.aggregation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;

import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.ServiceCheck;

/**
 * The aggregation engine: roll-up buckets per series, flushed into immutable {@link FlushSnapshot}s with
 * the semantics of Datadog's Python threadstats (see the project's semantics document).
 *
 * <h2>Recording</h2> Lock-free. A call resolves (kind, name, host, tags) to a {@link SeriesHandle} through
 * a two-level lookup: a {@link RawSeriesCache} keyed by the input as given (no normalisation, no
 * allocation), then, on a miss, normalisation, validation and the kind check once, and the canonical map
 * keyed by {@link SeriesKey}. The handle adds to the series' current bucket with one atomic operation
 * (counters, gauges) or a claim/complete pair (histograms, distributions, sets).
 *
 * <h2>Flushing</h2> {@link #flush(long)} closes every bucket that started before the aligned cutoff
 * ({@code c = T - T mod R}) and emits one point per series and bucket at the bucket start. A write racing
 * the close lands exactly once: before it (this flush) or in a fresh bucket (the next flush). Flushes are
 * serialised by a lock that recording threads never touch.
 *
 * <h2>Memory</h2> Memory tracks active series. A series idle (no open bucket) at the end of
 * {@value #EVICT_AFTER_IDLE_FLUSHES} consecutive flushes is evicted; handles keep working and bring it
 * back on their next write. At most {@code maxSeries} series are held; beyond that new series are dropped
 * and counted ({@link RejectReason#SERIES_LIMIT}). A counter or gauge series retains about 400 bytes
 * (estimated from the objects it holds: the series, its key and tag lists, its bucket map and one bucket)
 * plus the strings of its name and tags; tests assert that creating one allocates under 1 KiB, garbage
 * included. Per open bucket: counters and gauges 40 bytes (a counter bucket that threads contended for
 * adds its {@link CounterStripes}, about 680 bytes on 2 processors, until it is flushed);
 * histograms at most about 16 KiB of exact samples plus 32 KiB of sketch beyond
 * {@value HistogramBucket#EXACT_VALUES} values; distributions and sets at most
 * {@value #MAX_VALUES_PER_BUCKET} values or members. Each distinct metric name also keeps its kind (a map
 * entry) for the life of the instance, and the by-name cache holds a fixed number of entries.
 */
public final class Aggregator {

	/** Marks "no timestamp: now" (the same value as {@code MetricRecorder.NOW}). */
	public static final long NOW = Long.MIN_VALUE;

	/** Most distribution values or distinct set members one series holds per bucket. */
	public static final int MAX_VALUES_PER_BUCKET = 1 << 17;

	/** Most events, and most service checks, queued between flushes. */
	public static final int MAX_QUEUED_NOTICES = 10_000;

	/** Consecutive flushes a series must end with no open bucket to be evicted. */
	static final int EVICT_AFTER_IDLE_FLUSHES = 2;

	private static final int MAX_CLOSE_PASSES = 1000;

	final AggregatorSettings settings;

	final BucketClock clock;

	final Problems problems;

	volatile boolean closed;

	private final List<HistogramAggregate> histogramAggregates;

	private final RawSeriesCache rawCache;

	private final ConcurrentHashMap<SeriesKey, Series> series = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, MetricKind> kindsByName = new ConcurrentHashMap<>();

	private final AtomicInteger activeSeries = new AtomicInteger();

	private final AtomicBoolean seriesLimitWarned = new AtomicBoolean();

	private final AtomicLongArray emitted = new AtomicLongArray(MetricKind.values().length);

	private final BoundedQueue<Event> events = new BoundedQueue<>(MAX_QUEUED_NOTICES);

	private final BoundedQueue<ServiceCheck> serviceChecks = new BoundedQueue<>(MAX_QUEUED_NOTICES);

	private final ReentrantLock flushLock = new ReentrantLock();

	public Aggregator(AggregatorSettings settings) {
		this.settings = settings;
		this.clock = new BucketClock(SecondSource.forClock(settings.clock()), settings.rollUpSeconds());
		this.problems = new Problems(settings.strict());
		this.histogramAggregates = inEmissionOrder(settings.histogramAggregates());
		int cacheSize = Integer.highestOneBit(Math.max(1024, Math.min(settings.maxSeries(), 1 << 14)) * 2 - 1);
		this.rawCache = new RawSeriesCache(cacheSize);
	}

	public AggregatorSettings settings() {
		return this.settings;
	}

	// recording

	/**
	 * Records a value by name.
	 * @param kind how it is aggregated
	 * @param metric the metric name as given
	 * @param host the host ({@code null}: none)
	 * @param value the value
	 * @param epochSecond the point's time, or {@link #NOW}
	 * @param tags the tags as given (may be {@code null})
	 */
	public void record(MetricKind kind, String metric, String host, double value, long epochSecond,
			String... tags) {
		handle(kind, metric, host, tags).record(value, epochSecond);
	}

	/** Records a set member by name (see {@link #record}). */
	public void recordSetMember(String metric, String host, String member, long epochSecond, String... tags) {
		handle(MetricKind.SET, metric, host, tags).recordMember(member, epochSecond);
	}

	/**
	 * Resolves a name, host and tags once. Invalid input gives a handle that counts every call as rejected
	 * (or, when strict, throws here).
	 */
	public SeriesHandle handle(MetricKind kind, String metric, String host, String... tags) {
		int hash = RawSeriesCache.hash(kind, metric, host, tags);
		SeriesHandle handle = this.rawCache.find(hash, kind, metric, host, tags);
		if (handle == null) {
			handle = resolve(kind, metric, host, (tags != null) ? tags.clone() : new String[0], hash);
			this.rawCache.put(handle);
		}
		return handle;
	}

	/** Drops a call for a reason found outside the engine (a sample rate, a closed instance). */
	public void reject(RejectReason reason, String metric, String detail) {
		this.problems.reject(reason, "metric '" + metric + "'", detail);
	}

	/** Whether {@link #close()} was called. */
	public boolean isClosed() {
		return this.closed;
	}

	private SeriesHandle resolve(MetricKind kind, String metric, String host, String[] tags, int hash) {
		NameRules.Normalized name = NameRules.name(metric);
		if (name == null) {
			return rejected(kind, metric, host, tags, hash, RejectReason.INVALID_NAME, null);
		}
		if (name.notice() != null) {
			this.problems.normalized("metric name '" + metric + "'", name.value(), name.notice());
		}
		TreeSet<String> normalizedTags = new TreeSet<>();
		for (String tag : tags) {
			NameRules.Normalized normalized = NameRules.tag(tag);
			if (normalized == null) {
				return rejected(kind, metric, host, tags, hash, RejectReason.INVALID_TAG,
						"tag " + ((tag != null) ? "'" + tag + "'" : "null"));
			}
			if (normalized.notice() != null) {
				this.problems.normalized("tag '" + tag + "' of " + subject(kind, metric), normalized.value(),
						normalized.notice());
			}
			normalizedTags.add(normalized.value());
		}
		MetricKind existing = this.kindsByName.putIfAbsent(name.value(), kind);
		if (existing != null && existing != kind) {
			return rejected(kind, metric, host, tags, hash, RejectReason.KIND_CONFLICT,
					"'" + name.value() + "' is a " + existing.name().toLowerCase(Locale.ROOT));
		}
		SeriesKey key = new SeriesKey(name.value(), host, new ArrayList<>(normalizedTags));
		return new SeriesHandle(this, kind, metric, host, tags, hash, key, null);
	}

	private SeriesHandle rejected(MetricKind kind, String metric, String host, String[] tags, int hash,
			RejectReason reason, String detail) {
		this.problems.report(reason, subject(kind, metric), detail);
		return new SeriesHandle(this, kind, metric, host, tags, hash, null, reason);
	}

	/** How messages name a metric: {@code counter 'page.views'}. */
	static String subject(MetricKind kind, String metric) {
		return kind.name().toLowerCase(Locale.ROOT) + " '" + metric + "'";
	}

	/** The one live series for the handle's key, created if needed; {@code null} when dropped (counted). */
	Series liveSeries(SeriesHandle handle) {
		SeriesKey key = handle.key;
		for (;;) {
			Series existing = this.series.get(key);
			if (existing != null) {
				if (!existing.isRetired()) {
					return existing;
				}
				if (this.series.remove(key, existing)) {
					this.activeSeries.decrementAndGet();
				}
				continue;
			}
			if (this.activeSeries.incrementAndGet() > this.settings.maxSeries()) {
				this.activeSeries.decrementAndGet();
				seriesLimitReached(handle);
				return null;
			}
			Series fresh = newSeries(key, handle.kind);
			existing = this.series.putIfAbsent(key, fresh);
			if (existing == null) {
				return fresh;
			}
			this.activeSeries.decrementAndGet();
		}
	}

	private void seriesLimitReached(SeriesHandle handle) {
		if (this.problems.strict()) {
			this.problems.reject(RejectReason.SERIES_LIMIT, handle.subject(), null);
		}
		this.problems.count(RejectReason.SERIES_LIMIT, 1);
		if (this.seriesLimitWarned.compareAndSet(false, true)) {
			this.problems.warnOnce("series-limit", Problems.message(RejectReason.SERIES_LIMIT, handle.subject(),
					this.settings.maxSeries() + " series are active; new series are dropped and counted until idle ones are evicted"));
		}
	}

	private Series newSeries(SeriesKey key, MetricKind kind) {
		String name = (this.settings.namespace() != null) ? this.settings.namespace() + "." + key.name() : key.name();
		List<String> tags = new ArrayList<>(key.tags());
		tags.addAll(this.settings.constantTags());
		return new Series(key, kind, name, emittedNames(kind, name), List.copyOf(tags));
	}

	private String[] emittedNames(MetricKind kind, String name) {
		if (kind != MetricKind.HISTOGRAM) {
			return new String[] { name };
		}
		List<String> names = new ArrayList<>();
		for (HistogramAggregate aggregate : this.histogramAggregates) {
			names.add(name + "." + aggregate.suffix());
		}
		for (double percentile : this.settings.histogramPercentiles()) {
			names.add(name + "." + percentileSuffix(percentile));
		}
		return names.toArray(new String[0]);
	}

	/** {@code 0.95} gives {@code 95percentile} (the original's names); {@code 0.999} gives {@code 99_9percentile}. */
	static String percentileSuffix(double percentile) {
		String hundredths = BigDecimal.valueOf(percentile).movePointRight(2).stripTrailingZeros().toPlainString();
		return hundredths.replace('.', '_') + "percentile";
	}

	// diagnostics

	/**
	 * The active series of one metric and what their open buckets hold now, for diagnostics: read
	 * without locks and without disturbing recording or flushing. Costs one pass over the active series.
	 * @param metric the metric name as recorded, or as emitted (with the namespace)
	 * @return the matching series ordered by host and tags; empty when none is active
	 */
	public List<OpenSeries> openSeries(String metric) {
		NameRules.Normalized normalized = (metric != null) ? NameRules.name(metric) : null;
		if (normalized == null) {
			return List.of();
		}
		String name = normalized.value();
		List<OpenSeries> found = new ArrayList<>();
		for (Series each : this.series.values()) {
			if (!each.isRetired() && (each.key.name().equals(name) || each.name.equals(name))) {
				found.add(each.open());
			}
		}
		found.sort(Comparator.comparing((OpenSeries open) -> String.valueOf(open.host()))
			.thenComparing((open) -> String.join(",", open.tags())));
		return found;
	}

	// events and service checks

	/** Queues an event for the next flush, after checking the events API's rules. */
	public void event(Event event) {
		String title = (event != null) ? event.title() : null;
		String subject = "event '" + title + "'";
		if (this.closed) {
			this.problems.reject(RejectReason.CLOSED, subject, null);
			return;
		}
		String problem = eventProblem(event);
		if (problem != null) {
			this.problems.reject(RejectReason.INVALID_EVENT, subject, problem);
			return;
		}
		Event queued = (event.dateHappened() != null) ? event
				: event.withDateAndHost(this.settings.clock().instant(), event.host());
		if (!this.events.offer(queued)) {
			this.problems.reject(RejectReason.QUEUE_FULL, subject, null);
		}
	}

	private static String eventProblem(Event event) {
		if (event == null) {
			return "event was null";
		}
		if (event.title() == null || event.title().isBlank()) {
			return "title was blank";
		}
		if (event.text() == null) {
			return "text was null";
		}
		if (event.text().length() > 4000) {
			return "text had " + event.text().length() + " characters";
		}
		if (event.aggregationKey() != null && event.aggregationKey().length() > 100) {
			return "aggregation key had " + event.aggregationKey().length() + " characters";
		}
		return null;
	}

	/** Queues a service check for the next flush. */
	public void serviceCheck(ServiceCheck check) {
		String subject = "service check '" + ((check != null) ? check.check() : null) + "'";
		if (this.closed) {
			this.problems.reject(RejectReason.CLOSED, subject, null);
			return;
		}
		if (check == null || check.check() == null || check.check().isBlank() || check.status() == null) {
			this.problems.reject(RejectReason.INVALID_SERVICE_CHECK, subject, null);
			return;
		}
		ServiceCheck queued = (check.timestamp() != null) ? check
				: check.withTimestampAndHost(this.settings.clock().instant(), check.host());
		if (!this.serviceChecks.offer(queued)) {
			this.problems.reject(RejectReason.QUEUE_FULL, subject, null);
		}
	}

	// flushing

	/**
	 * Emits and removes every bucket that is closed now: the original's {@code flush(T)} with the
	 * engine's own now as {@code T}, read from the same source as the bucket of an untimestamped point,
	 * so it never closes the bucket that recording still calls current.
	 */
	public FlushSnapshot flush() {
		return flushBuckets(this.clock.currentBucketStart(), false);
	}

	/**
	 * The original's {@code flush(T)}: emits and removes every bucket starting before
	 * {@code c = T - T mod R}, with the events and checks queued so far. The bucket in progress and
	 * future-dated ones stay.
	 * @param cutoffEpochSecond {@code T}, epoch seconds
	 */
	public FlushSnapshot flush(long cutoffEpochSecond) {
		return flushBuckets(this.clock.bucketStart(cutoffEpochSecond), false);
	}

	/** Emits every bucket, including the current and future-dated ones (the original's {@code flush(+inf)}). */
	public FlushSnapshot flushAll() {
		return flushBuckets(Long.MAX_VALUE, false);
	}

	/**
	 * Stops accepting points, events and checks (later ones are counted as {@link RejectReason#CLOSED}),
	 * then emits everything held, including writes that were in flight when it was called.
	 */
	public FlushSnapshot close() {
		this.closed = true;
		return flushBuckets(Long.MAX_VALUE, true);
	}

	private FlushSnapshot flushBuckets(long cutoff, boolean closing) {
		this.flushLock.lock();
		try {
			FlushOutput out = new FlushOutput(this.settings, this.histogramAggregates);
			flushSeries(cutoff, out);
			// writers that passed the closed check before it was set may still be opening a bucket
			for (int pass = 0; closing && pass < MAX_CLOSE_PASSES && anyOpenBuckets(); pass++) {
				Thread.onSpinWait();
				flushSeries(cutoff, out);
			}
			if (out.nonFinite > 0) {
				this.problems.count(RejectReason.INVALID_VALUE, out.nonFinite);
				this.problems.warnOnce("non-finite", "threadstats dropped " + out.nonFinite
						+ " aggregated point(s) whose value overflowed to infinity (" + RejectReason.INVALID_VALUE.rule() + ")");
			}
			return new FlushSnapshot(this.settings.clock().instant(), out.series, out.distributions, drainEvents(),
					drainServiceChecks());
		}
		finally {
			this.flushLock.unlock();
		}
	}

	private void flushSeries(long cutoff, FlushOutput out) {
		for (Series each : this.series.values()) {
			int emittedBuckets = each.flush(cutoff, out);
			if (emittedBuckets > 0) {
				this.emitted.addAndGet(each.kind.ordinal(), emittedBuckets);
			}
			if (each.hasOpenBuckets()) {
				each.idleFlushes = 0;
			}
			else if (++each.idleFlushes >= EVICT_AFTER_IDLE_FLUSHES && each.tryRetire()
					&& this.series.remove(each.key, each)) {
				this.activeSeries.decrementAndGet();
			}
		}
	}

	private boolean anyOpenBuckets() {
		for (Series each : this.series.values()) {
			if (each.hasOpenBuckets()) {
				return true;
			}
		}
		return false;
	}

	private List<Event> drainEvents() {
		List<Event> drained = this.events.drain();
		List<Event> completed = new ArrayList<>(drained.size());
		for (Event event : drained) {
			completed.add(new Event(event.title(), event.text(), event.alertType(), event.aggregationKey(),
					event.sourceTypeName(), event.dateHappened(), event.priority(), withConstantTags(event.tags()),
					(event.host() != null) ? event.host() : this.settings.defaultHost()));
		}
		return completed;
	}

	private List<ServiceCheck> drainServiceChecks() {
		List<ServiceCheck> drained = this.serviceChecks.drain();
		List<ServiceCheck> completed = new ArrayList<>(drained.size());
		for (ServiceCheck check : drained) {
			completed.add(new ServiceCheck(check.check(), check.status(), check.timestamp(), check.message(),
					withConstantTags(check.tags()), (check.host() != null) ? check.host() : this.settings.defaultHost()));
		}
		return completed;
	}

	private List<String> withConstantTags(List<String> tags) {
		List<String> all = new ArrayList<>(tags);
		all.addAll(this.settings.constantTags());
		return all;
	}

	// statistics

	/** What was emitted and rejected since start, and the series held now. */
	public RecordingStatistics statistics(long skippedFlushes) {
		Map<MetricKind, Long> recorded = new EnumMap<>(MetricKind.class);
		for (MetricKind kind : MetricKind.values()) {
			long count = this.emitted.get(kind.ordinal());
			if (count > 0) {
				recorded.put(kind, count);
			}
		}
		return new RecordingStatistics(recorded, this.problems.counts(), this.activeSeries.get(), skippedFlushes);
	}

	/** The histogram aggregates to emit, in the original's order (enum order). */
	private static List<HistogramAggregate> inEmissionOrder(Set<HistogramAggregate> aggregates) {
		List<HistogramAggregate> ordered = new ArrayList<>();
		for (HistogramAggregate aggregate : HistogramAggregate.values()) {
			if (aggregates.contains(aggregate)) {
				ordered.add(aggregate);
			}
		}
		return List.copyOf(ordered);
	}

}
