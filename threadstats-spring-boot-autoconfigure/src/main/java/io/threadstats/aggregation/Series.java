package io.threadstats.aggregation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import io.threadstats.api.MetricKind;
import io.threadstats.api.OpenBucket;
import io.threadstats.api.OpenSeries;

/**
 * One series (name, host, tags) and its open roll-up buckets. The bucket for the current
 * time is read from a volatile field compared by start (the fast path: no lookup, no
 * boxing); other open buckets (late or future-dated points) sit in a map keyed by start.
 *
 * <p>
 * Lifecycle: {@code openBuckets} counts buckets a writer reserved and the flush has not
 * yet removed. Eviction retires the series by moving that count from 0 to
 * {@link #RETIRED} in one CAS, so a retired series never takes another bucket: a writer
 * that finds it retired resolves the key again and writes to the one live series for it.
 * At most one live series object exists per key. Buckets are opened inside the
 * {@link CloseGate}, so none is opened after a close that would not emit it.
 */
final class Series {

	/** {@link #add} result: the series was evicted; resolve the key again. */
	static final int RETIRED_SERIES = 3;

	/**
	 * {@link #add} result: the instance was closed; nothing was added (count the call as
	 * closed).
	 */
	static final int INSTANCE_CLOSED = 4;

	/** {@link #openBucket} result: a bucket for the start is in the map. */
	private static final int OPENED = -1;

	private static final int RETIRED = Integer.MIN_VALUE;

	private static final VarHandle CURRENT;

	private static final VarHandle OPEN_BUCKETS;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			CURRENT = lookup.findVarHandle(Series.class, "current", Bucket.class);
			OPEN_BUCKETS = lookup.findVarHandle(Series.class, "openBuckets", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	final SeriesKey key;

	final MetricKind kind;

	/** Its name with the namespace applied, before any histogram suffix. */
	final String name;

	/**
	 * The names it emits (namespace applied): one, or one per histogram aggregate and
	 * percentile.
	 */
	final String[] emittedNames;

	/** Its tags followed by the constant tags. */
	final List<String> emittedTags;

	private volatile Bucket current;

	private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>(4);

	@SuppressWarnings("unused") // accessed through OPEN_BUCKETS
	private volatile int openBuckets;

	/** Consecutive flushes that ended with no open bucket (flushing thread only). */
	int idleFlushes;

	/**
	 * Whether a point was recorded with its own timestamp: only such a series can get a
	 * point into a bucket it already emitted, so only its emitted aggregates are kept.
	 * Set once on the timestamped path, read by the flush.
	 */
	boolean takesTimestamps;

	/** Its emitted buckets kept for late points (flushing thread only). */
	KeptBuckets keptBuckets;

	/**
	 * The first and last bucket it emitted with nothing kept for it: a late point into
	 * one is counted as late-unmerged (see {@link EmittedRanges}; flushing thread only).
	 */
	long untrackedFirst = Long.MAX_VALUE;

	long untrackedLast = Long.MIN_VALUE;

	/**
	 * Whether the range an evicted series for its key left behind was looked for
	 * (flushing thread only).
	 */
	boolean rangeTakenOver;

	private final BucketContext context;

	Series(SeriesKey key, MetricKind kind, String name, String[] emittedNames, List<String> emittedTags,
			BucketContext context) {
		this.context = context;
		this.key = key;
		this.kind = kind;
		this.name = name;
		this.emittedNames = emittedNames;
		this.emittedTags = emittedTags;
	}

	/**
	 * The fast-path bucket: the open bucket writers try first ({@code null} when none).
	 * It may be closed by a flush at any time; an add then says so.
	 */
	Bucket current() {
		return this.current;
	}

	/**
	 * Adds a value, or a set member, to the bucket starting at {@code start}, opening it
	 * if needed.
	 * @param start the bucket start
	 * @param value the value (ignored for a member)
	 * @param weight how many calls the value stands for (see
	 * {@link Bucket#add(double, double)})
	 * @param member the set member, or {@code null} to add the value
	 * @param reopenClosed what to do on finding the bucket closed by a flush: open a
	 * fresh one for the same start (a timestamped point, emitted at the next flush), or
	 * return {@link Bucket#CLOSED} (an untimestamped point, whose caller reads now again)
	 * @return a {@link Bucket} result, {@link #RETIRED_SERIES} or
	 * {@link #INSTANCE_CLOSED}
	 */
	int add(long start, double value, double weight, String member, boolean reopenClosed) {
		Bucket bucket = this.current;
		if (bucket != null && bucket.start == start) {
			int result = write(bucket, value, weight, member);
			if (result != Bucket.CLOSED || !reopenClosed) {
				return result;
			}
		}
		Long key = start;
		for (;;) {
			bucket = this.buckets.get(key);
			if (bucket == null) {
				int opened = openBucket(key);
				if (opened != OPENED) {
					return opened;
				}
				continue;
			}
			promote(bucket);
			int result = write(bucket, value, weight, member);
			if (result != Bucket.CLOSED || !reopenClosed) {
				return result;
			}
			// closed by a flush that has not removed it yet: help, so writers never wait
			if (this.buckets.remove(key, bucket)) {
				OPEN_BUCKETS.getAndAdd(this, -1);
			}
		}
	}

	private static int write(Bucket bucket, double value, double weight, String member) {
		return (member != null) ? bucket.addMember(member) : bucket.add(value, weight);
	}

	/**
	 * Puts a fresh bucket for the start into the map unless one is there: {@link #OPENED}
	 * (whoever put it), {@link #RETIRED_SERIES} or {@link #INSTANCE_CLOSED}. Inside the
	 * {@link CloseGate}, so that a close either emits the bucket or refuses to let it be
	 * opened.
	 */
	private int openBucket(Long key) {
		if (!this.context.gate().tryEnter()) {
			return INSTANCE_CLOSED;
		}
		try {
			if (!reserveBucket()) {
				return RETIRED_SERIES;
			}
			Bucket fresh = newBucket(key);
			if (this.buckets.putIfAbsent(key, fresh) != null) {
				OPEN_BUCKETS.getAndAdd(this, -1);
			}
			return OPENED;
		}
		finally {
			this.context.gate().leave();
		}
	}

	/** Makes an open bucket the fast-path one unless that holds a later open bucket. */
	private void promote(Bucket bucket) {
		Bucket fast = this.current;
		if (fast == bucket || bucket.isClosed() || (fast != null && fast.start > bucket.start && !fast.isClosed())) {
			return;
		}
		this.current = bucket;
		// a flush may have closed it, and cleared the fast path, since the check above:
		// clear it again, so that a closed bucket (a histogram's is tens of KiB) is not
		// kept reachable until the next write
		if (bucket.isClosed()) {
			CURRENT.compareAndSet(this, bucket, null);
		}
	}

	private boolean reserveBucket() {
		int open = (int) OPEN_BUCKETS.getVolatile(this);
		for (;;) {
			if (open < 0) {
				return false;
			}
			int witness = (int) OPEN_BUCKETS.compareAndExchange(this, open, open + 1);
			if (witness == open) {
				return true;
			}
			open = witness;
		}
	}

	private Bucket newBucket(long start) {
		return switch (this.kind) {
			case COUNTER -> new CounterBucket(start);
			case GAUGE -> new GaugeBucket(start);
			case HISTOGRAM -> new HistogramBucket(start);
			case DISTRIBUTION -> new DistributionBucket(start, this, this.context);
			case SET -> new SetBucket(start, this.context.setExactMembers());
		};
	}

	/**
	 * Closes, removes and emits every bucket starting before {@code cutoff} (flushing
	 * thread only); returns how many buckets emitted something.
	 */
	int flush(long cutoff, FlushOutput out, FlushedAggregates kept) {
		int emitted = 0;
		for (Bucket bucket : this.buckets.values()) {
			if (bucket.start >= cutoff) {
				continue;
			}
			bucket.close();
			if (this.buckets.remove(bucket.start, bucket)) {
				OPEN_BUCKETS.getAndAdd(this, -1);
			}
			CURRENT.compareAndSet(this, bucket, null);
			if (kept.emit(this, bucket, out)) {
				emitted++;
			}
		}
		return emitted;
	}

	/**
	 * This series and what its open buckets hold now, oldest first (any thread; racy by
	 * design).
	 */
	OpenSeries open() {
		List<OpenBucket> open = new ArrayList<>();
		for (Bucket bucket : this.buckets.values()) {
			OpenBucket peeked = bucket.peek();
			if (peeked != null) {
				open.add(peeked);
			}
		}
		open.sort(Comparator.comparing(OpenBucket::start));
		return new OpenSeries(this.name, this.kind, this.key.host(), this.emittedTags, open);
	}

	/** Whether a bucket is open (or being opened). */
	boolean hasOpenBuckets() {
		return (int) OPEN_BUCKETS.getVolatile(this) > 0;
	}

	/**
	 * Retires the series if it has no open bucket, so that it never takes another; not
	 * while it keeps emitted buckets for timestamped late points.
	 */
	boolean tryRetire() {
		return (this.keptBuckets == null || this.keptBuckets.size() == 0 || !this.takesTimestamps)
				&& OPEN_BUCKETS.compareAndSet(this, 0, RETIRED);
	}

	/** Marks the series as recorded with timestamps (once; a plain read after that). */
	void takeTimestamps() {
		if (!this.takesTimestamps) {
			this.takesTimestamps = true;
		}
	}

	boolean isRetired() {
		return (int) OPEN_BUCKETS.getVolatile(this) < 0;
	}

}
