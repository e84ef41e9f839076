package io.threadstats.aggregation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
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

import io.threadstats.api.AggregatorSettings;
import io.threadstats.api.HistogramAggregate;
import io.threadstats.api.Limits;
import io.threadstats.api.LogText;
import io.threadstats.api.MetricKind;
import io.threadstats.api.NameRules;
import io.threadstats.api.OpenSeries;
import io.threadstats.api.RecordingStatistics;
import io.threadstats.api.RejectReason;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.ServiceCheck;

/**
 * The aggregation engine: roll-up buckets per series, flushed into immutable
 * {@link FlushSnapshot}s with the semantics of Datadog's Python threadstats (see the
 * project's semantics document).
 *
 * <h2>Recording</h2> Lock-free. A call resolves (kind, name, host, tags) to a
 * {@link SeriesHandle} through a two-level lookup: a {@link RawSeriesCache} keyed by the
 * input as given (no normalisation, no allocation), then, on a miss, normalisation and
 * validation once, and the canonical map keyed by {@link SeriesKey} (where the kind is
 * checked, when the handle needs its series). The handle adds to the series' current
 * bucket with one atomic operation (counters, gauges) or into the calling thread's stripe
 * of it, taken with one CAS (histograms, distributions, sets: see {@link StripedBucket}).
 *
 * <h2>Flushing</h2> {@link #flush(long)} closes every bucket that started before the
 * aligned cutoff ({@code c = T - T mod R}) and emits one point per series and bucket at
 * the bucket start. A write racing the close lands exactly once: before it (this flush)
 * or in a fresh bucket (the next flush). Flushes are serialised by a lock that recording
 * threads never touch. {@link #close()} emits every write it let in and counts every
 * other as {@link RejectReason#CLOSED} (see {@link CloseGate}). A point into a bucket
 * already emitted goes out merged with it ({@link FlushedAggregates}); a distribution's
 * full chunks go out early ({@link #handOffFullChunks()}).
 *
 * <h2>Memory</h2> Memory tracks active series. A series idle (no open bucket) at the end
 * of {@value #EVICT_AFTER_IDLE_FLUSHES} consecutive flushes is evicted; handles keep
 * working and bring it back on their next write. At most {@code maxSeries} series are
 * held; beyond that new series are dropped and counted
 * ({@link RejectReason#SERIES_LIMIT}). A counter or gauge series retains about 260 bytes
 * (estimated from the objects it holds: the series, its key and tag lists, its array of
 * open buckets and one bucket) plus the strings of its name and tags; tests assert that
 * creating one allocates under 1 KiB, garbage included. Per open bucket: counters and
 * gauges 40 bytes (a counter bucket that threads contended for adds its
 * {@link CounterStripes}, about 910 bytes on 2 processors, until it is flushed);
 * histograms per writing thread about 8 KiB of exact values, then about 4 KiB of sketch
 * for latencies over four decades (16 KiB at most per sign); distributions per writing
 * thread one chunk of {@code distributionValuesPerPoint} values plus
 * {@value Limits#MAX_WAITING_POINTS} full ones waiting; sets per writing thread
 * {@code setExactMembers} members, then 16 KiB. Emitted buckets of timestamped series
 * kept for late points: {@code lateDataMaxBytes} in all, checked at the end of each flush
 * (what it drops is released as the next flush passes each series), plus about 80 bytes
 * per series that keeps any. Each metric name with a live series also keeps its kind (a
 * map entry, dropped with the name's last series, see {@link KindsByName}), and the
 * by-name cache holds a fixed number of entries.
 *
 * <p>
 * Longer than a class should be because it is the engine's one door: the series table
 * (lookup, limit, eviction) and the flush that walks it share the map and its lock-free
 * rules, which read more safely in one place than across two classes.
 */
public final class Aggregator {

	/** Marks "no timestamp: now" (the same value as {@code MetricRecorder.NOW}). */
	public static final long NOW = Long.MIN_VALUE;

	/** Consecutive flushes a series must end with no open bucket to be evicted. */
	static final int EVICT_AFTER_IDLE_FLUSHES = 2;

	/** Kinds as messages name them ({@code counter}), by ordinal. */
	private static final String[] KIND_NAMES = Arrays.stream(MetricKind.values())
		.map((kind) -> kind.name().toLowerCase(Locale.ROOT))
		.toArray(String[]::new);

	final AggregatorSettings settings;

	final BucketClock clock;

	final Problems problems;

	final CloseGate gate = new CloseGate();

	private final List<HistogramAggregate> histogramAggregates;

	private final RawSeriesCache rawCache;

	private final ConcurrentHashMap<SeriesKey, Series> series = new ConcurrentHashMap<>();

	final KindsByName kinds = new KindsByName();

	private final AtomicInteger activeSeries = new AtomicInteger();

	private final AtomicBoolean seriesLimitWarned = new AtomicBoolean();

	private final AtomicLongArray emitted = new AtomicLongArray(MetricKind.values().length);

	private final Notices notices;

	private final ReentrantLock flushLock = new ReentrantLock();

	private final SealedChunks sealed;

	private final BucketContext context;

	private final FlushedAggregates flushed;

	public Aggregator(AggregatorSettings settings) {
		this.settings = settings;
		this.clock = new BucketClock(SecondSource.forClock(settings.clock()), settings.rollUpSeconds());
		this.problems = new Problems(settings.strict());
		ChunkPool chunks = new ChunkPool(settings.distributionValuesPerPoint());
		this.sealed = new SealedChunks(this.gate, this.problems, chunks);
		this.context = new BucketContext(this.gate, chunks, settings.setExactMembers(), this.sealed);
		this.flushed = new FlushedAggregates(settings.lateDataMaxBytes(), settings.rollUpSeconds());
		this.notices = new Notices(settings, this.problems, this.gate);
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
	public void record(MetricKind kind, String metric, String host, double value, long epochSecond, String... tags) {
		handle(kind, metric, host, tags).record(value, epochSecond);
	}

	/** Records a set member by name (see {@link #record}). */
	public void recordSetMember(String metric, String host, String member, long epochSecond, String... tags) {
		handle(MetricKind.SET, metric, host, tags).recordMember(member, epochSecond);
	}

	/**
	 * Resolves a name, host and tags once. Invalid input gives a handle that counts every
	 * call as rejected (or, when strict, throws here).
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

	/**
	 * Drops a call for a reason found outside the engine (an invalid sample rate),
	 * counted and logged.
	 */
	public void reject(RejectReason reason, String metric, String detail) {
		this.problems.reject(reason, "metric '" + LogText.shown(metric) + "'", detail);
	}

	private SeriesHandle resolve(MetricKind kind, String metric, String host, String[] tags, int hash) {
		NameRules.Normalized name = NameRules.name(metric);
		if (name == null) {
			return rejected(kind, metric, host, tags, hash, RejectReason.INVALID_NAME, null);
		}
		if (!name.applied().isEmpty()) {
			this.problems.normalized("metric name '" + LogText.shown(metric) + "'", name);
		}
		TreeSet<String> normalizedTags = new TreeSet<>();
		int invalid = this.problems.normalizeTags(tags, normalizedTags, KIND_NAMES[kind.ordinal()], metric);
		if (invalid >= 0) {
			return rejected(kind, metric, host, tags, hash, RejectReason.INVALID_TAG,
					Problems.invalidTag(tags[invalid]));
		}
		// a constant tag given again is the same series as without it: both are sent with
		// it once
		normalizedTags.removeAll(this.settings.constantTags());
		SeriesKey key = new SeriesKey(name.value(), host, new ArrayList<>(normalizedTags));
		return new SeriesHandle(this, kind, metric, host, tags, hash, key, null);
	}

	private static String kindHeld(String name, MetricKind holder) {
		return "'" + name + "' is a " + KIND_NAMES[holder.ordinal()];
	}

	private SeriesHandle rejected(MetricKind kind, String metric, String host, String[] tags, int hash,
			RejectReason reason, String detail) {
		this.problems.report(reason, subject(kind, metric), detail);
		return new SeriesHandle(this, kind, metric, host, tags, hash, null, reason);
	}

	/** How messages name a metric: {@code counter 'page.views'}. */
	static String subject(MetricKind kind, String metric) {
		return KIND_NAMES[kind.ordinal()] + " '" + LogText.shown(metric) + "'";
	}

	/**
	 * The one live series for the handle's key, created if needed; {@code null} when
	 * dropped (counted): the series cap is reached, or the name is held by live series of
	 * another kind. The kind is checked here, when a handle needs its series, not when it
	 * is resolved: a name keeps its kind while it has live series, so a handle made
	 * before the name changed hands must be refused then, and one made while it was held
	 * records once the name is free.
	 */
	Series liveSeries(SeriesHandle handle) {
		SeriesKey key = handle.key;
		for (;;) {
			Series existing = this.series.get(key);
			if (existing != null) {
				if (existing.isRetired()) {
					remove(existing);
					continue;
				}
				if (existing.kind != handle.kind) {
					kindConflict(handle, existing.kind);
					return null;
				}
				return existing;
			}
			if (this.activeSeries.incrementAndGet() > this.settings.maxSeries()) {
				this.activeSeries.decrementAndGet();
				seriesLimitReached(handle);
				return null;
			}
			MetricKind holder = this.kinds.claim(key.name(), handle.kind);
			if (holder != null) {
				this.activeSeries.decrementAndGet();
				kindConflict(handle, holder);
				return null;
			}
			Series fresh = newSeries(key, handle.kind);
			existing = this.series.putIfAbsent(key, fresh);
			if (existing == null) {
				return fresh;
			}
			this.activeSeries.decrementAndGet();
			this.kinds.release(key.name());
		}
	}

	/**
	 * Removes a series from the map (once, whoever gets there first), giving back its
	 * place and its name's claim.
	 */
	private void remove(Series retired) {
		if (this.series.remove(retired.key, retired)) {
			this.activeSeries.decrementAndGet();
			this.kinds.release(retired.key.name());
		}
	}

	private void kindConflict(SeriesHandle handle, MetricKind holder) {
		if (!handle.countIfWarned(RejectReason.KIND_CONFLICT)) {
			this.problems.reject(RejectReason.KIND_CONFLICT, handle.subject(), kindHeld(handle.key.name(), holder));
		}
	}

	private void seriesLimitReached(SeriesHandle handle) {
		if (this.problems.strict()) {
			this.problems.reject(RejectReason.SERIES_LIMIT, handle.subject(), null);
		}
		this.problems.count(RejectReason.SERIES_LIMIT, 1);
		if (this.seriesLimitWarned.compareAndSet(false, true)) {
			this.problems.warnOnce("series-limit",
					Problems.message(RejectReason.SERIES_LIMIT, handle.subject(), this.settings.maxSeries()
							+ " series are active; new series are dropped and counted until idle ones are evicted"));
		}
	}

	private Series newSeries(SeriesKey key, MetricKind kind) {
		String name = (this.settings.namespace() != null) ? this.settings.namespace() + "." + key.name() : key.name();
		return new Series(key, kind, name, emittedNames(kind, name), this.settings.withConstantTags(key.tags()),
				this.context);
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

	/**
	 * {@code 0.95} gives {@code 95percentile} (the original's names); {@code 0.999} gives
	 * {@code 99_9percentile}.
	 */
	static String percentileSuffix(double percentile) {
		String hundredths = BigDecimal.valueOf(percentile).movePointRight(2).stripTrailingZeros().toPlainString();
		return hundredths.replace('.', '_') + "percentile";
	}

	// diagnostics

	/**
	 * The active series of one metric and what their open buckets hold now, for
	 * diagnostics: read without locks and without disturbing recording or flushing. Costs
	 * one pass over the active series.
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

	/**
	 * Queues an event for the next flush, after applying the events API's rules (see
	 * {@link Notices}): an invalid one is rejected and counted.
	 */
	public void event(Event event) {
		this.notices.event(event);
	}

	/**
	 * Queues a service check for the next flush, after applying the rules (see
	 * {@link Notices}).
	 */
	public void serviceCheck(ServiceCheck check) {
		this.notices.serviceCheck(check);
	}

	// flushing

	/**
	 * Emits and removes every bucket that is closed now: the original's {@code flush(T)}
	 * with the engine's own now as {@code T}, read from the same source as the bucket of
	 * an untimestamped point, so it never closes the bucket that recording still calls
	 * current.
	 */
	public FlushSnapshot flush() {
		return flushBuckets(this.clock.currentBucketStart());
	}

	/**
	 * The original's {@code flush(T)}: emits and removes every bucket starting before
	 * {@code c = T - T mod R}, with the events and checks queued so far. The bucket in
	 * progress and future-dated ones stay.
	 * @param cutoffEpochSecond {@code T}, epoch seconds
	 */
	public FlushSnapshot flush(long cutoffEpochSecond) {
		return flushBuckets(this.clock.bucketStart(cutoffEpochSecond));
	}

	/**
	 * Emits every bucket, including the current and future-dated ones (the original's
	 * {@code flush(+inf)}).
	 */
	public FlushSnapshot flushAll() {
		return flushBuckets(Long.MAX_VALUE);
	}

	/**
	 * Stops accepting points, events and checks (later ones are counted as
	 * {@link RejectReason#CLOSED}), then emits everything held, including the writes that
	 * were in flight when it was called: once it returns, each call either went out in a
	 * flush or was counted as closed (see {@link CloseGate}).
	 */
	public FlushSnapshot close() {
		this.gate.closeAndAwait();
		return flushBuckets(Long.MAX_VALUE);
	}

	/**
	 * Registers what runs when a distribution's full chunks start waiting: it should make
	 * the flushing thread call {@link #handOffFullChunks()} soon. It runs on a recording
	 * thread, at most once per hand-off, and must not block; {@code null} stops it.
	 */
	public void onFullChunks(Runnable signal) {
		this.sealed.onWaiting(signal);
	}

	/**
	 * Runs the {@link #onFullChunks signal} again, whether or not chunks wait: the
	 * flushing thread put off a hand-off or a flush while a submission was in flight, and
	 * that submission is done. Must not block (it runs on whatever thread completed it).
	 */
	public void signalAgain() {
		this.sealed.signalAgain();
	}

	/**
	 * Emits the distributions' full chunks waiting now, each as a point of its own at its
	 * bucket's timestamp (Datadog adds distribution points together), and nothing else.
	 * For the flushing thread, between flushes. Hand the snapshot to the submitter only:
	 * a point's values it
	 * {@link io.threadstats.snapshot.DistributionPoint#releaseValues() releases} are
	 * filled again with new values.
	 */
	public FlushSnapshot handOffFullChunks() {
		this.flushLock.lock();
		try {
			FlushOutput out = new FlushOutput(this.settings, this.histogramAggregates);
			// this snapshot goes to the submitter alone, which may give the chunks back
			this.sealed.drainInto(out, true);
			return new FlushSnapshot(this.settings.clock().instant(), out.series, out.distributions, List.of(),
					List.of());
		}
		finally {
			this.flushLock.unlock();
		}
	}

	private FlushSnapshot flushBuckets(long cutoff) {
		this.flushLock.lock();
		try {
			FlushOutput out = new FlushOutput(this.settings, this.histogramAggregates);
			this.flushed.startFlush(this.clock.currentBucketStart(), this.clock.nowSecond());
			flushSeries(cutoff, out);
			// after the buckets: a chunk queued by a writer that held a stripe this flush
			// closed is in this flush (the last one, at close, takes every chunk)
			this.sealed.drainInto(out, false);
			this.flushed.evict();
			this.context.chunks().letGoIfUnused();
			if (out.nonFinite > 0) {
				this.problems.count(RejectReason.INVALID_VALUE, out.nonFinite);
				this.problems.warnOnce("non-finite",
						"threadstats dropped " + out.nonFinite
								+ " aggregated point(s) whose value overflowed to infinity ("
								+ RejectReason.INVALID_VALUE.rule() + ")");
			}
			return new FlushSnapshot(this.settings.clock().instant(), out.series, out.distributions,
					this.notices.drainEvents(), this.notices.drainServiceChecks());
		}
		finally {
			this.flushLock.unlock();
		}
	}

	private void flushSeries(long cutoff, FlushOutput out) {
		// counted here and added once: an atomic add per series would wait for the
		// flush's writes to kept buckets, which miss the cache
		long[] emittedByKind = new long[this.emitted.length()];
		for (Series each : this.series.values()) {
			this.flushed.beforeEmitting(each);
			int emittedBuckets = each.flush(cutoff, out, this.flushed);
			this.flushed.afterEmitting(each, emittedBuckets);
			emittedByKind[each.kind.ordinal()] += emittedBuckets;
			if (each.hasOpenBuckets()) {
				each.idleFlushes = 0;
			}
			else if (++each.idleFlushes >= EVICT_AFTER_IDLE_FLUSHES && each.tryRetire()) {
				this.flushed.forgetSeries(each);
				remove(each);
			}
		}
		for (int kind = 0; kind < emittedByKind.length; kind++) {
			if (emittedByKind[kind] > 0) {
				this.emitted.addAndGet(kind, emittedByKind[kind]);
			}
		}
	}

	// statistics

	/** Heap kept for late points now, about (for tests). */
	long flushedBytes() {
		return this.flushed.bytes();
	}

	/** What was emitted, rejected and normalised since start, and the series held now. */
	public RecordingStatistics statistics(long skippedFlushes) {
		Map<MetricKind, Long> recorded = new EnumMap<>(MetricKind.class);
		for (MetricKind kind : MetricKind.values()) {
			long count = this.emitted.get(kind.ordinal());
			if (count > 0) {
				recorded.put(kind, count);
			}
		}
		return new RecordingStatistics(recorded, this.problems.counts(), this.activeSeries.get(), skippedFlushes,
				this.problems.normalizations(), this.flushed.lateUnmerged());
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
