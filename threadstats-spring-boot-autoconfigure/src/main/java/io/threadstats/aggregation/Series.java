package io.threadstats.aggregation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.threadstats.api.MetricKind;
import io.threadstats.api.OpenBucket;
import io.threadstats.api.OpenSeries;

/**
 * One series (name, host, tags) and its open roll-up buckets. The bucket for the current
 * time is read from a volatile field compared by start (the fast path: no lookup, no
 * boxing); every open bucket is in a small array sorted by start (the fast-path one may
 * for a moment be a bucket the flush closed and took out; a write then finds it closed).
 *
 * <h2>Why a start has at most one open bucket</h2> The array is never changed in place: a
 * writer that finds no bucket for its start puts a fresh one into a copy and swaps the
 * copy in by CAS against the array it searched, so two writers cannot both add the same
 * start; closed buckets are taken out by a CAS too (see {@link #takeOutClosed}). A series
 * usually has one or two open buckets, so this costs less than a concurrent map (no boxed
 * key, no node, no bin lock), on the writer's slow path, in the flush and in memory. A
 * backfill may keep hundreds open (one per bucket of Datadog's window it writes to): each
 * one it opens then copies the array, still once per bucket and flush.
 *
 * <p>
 * Lifecycle: eviction retires the series by swapping the empty array for
 * {@link #RETIRED_BUCKETS} in one CAS, so a retired series never takes another bucket (a
 * writer's CAS expects the array it read): a writer that finds it retired resolves the
 * key again and writes to the one live series for it. At most one live series object
 * exists per key. Buckets are opened inside the {@link CloseGate}, so none is opened
 * after a close that would not emit it.
 */
final class Series {

	/** {@link #add} result: the series was evicted; resolve the key again. */
	static final int RETIRED_SERIES = 3;

	/**
	 * {@link #add} result: the instance was closed; nothing was added (count the call as
	 * closed).
	 */
	static final int INSTANCE_CLOSED = 4;

	/**
	 * {@link #openBucket} result: the array was swapped, or changed by another thread.
	 */
	private static final int OPENED = -1;

	private static final Bucket[] NO_BUCKETS = new Bucket[0];

	/** Held once retired: empty, and never equal to an array a writer read before. */
	private static final Bucket[] RETIRED_BUCKETS = new Bucket[0];

	private static final VarHandle CURRENT;

	private static final VarHandle OPEN;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			CURRENT = lookup.findVarHandle(Series.class, "current", Bucket.class);
			OPEN = lookup.findVarHandle(Series.class, "open", Bucket[].class);
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

	/**
	 * The open buckets, ascending by start, one per start; replaced whole, never written
	 * in place ({@link #NO_BUCKETS} when none, {@link #RETIRED_BUCKETS} once retired).
	 */
	private volatile Bucket[] open = NO_BUCKETS;

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
		for (;;) {
			Bucket[] buckets = this.open;
			if (buckets == RETIRED_BUCKETS) {
				return RETIRED_SERIES;
			}
			int index = indexOf(buckets, start);
			if (index < 0) {
				int opened = openBucket(buckets, -index - 1, start);
				if (opened != OPENED) {
					return opened;
				}
				continue;
			}
			bucket = buckets[index];
			promote(bucket);
			int result = write(bucket, value, weight, member);
			if (result != Bucket.CLOSED || !reopenClosed) {
				return result;
			}
			// closed by a flush that has not taken it out yet: help, so writers never
			// wait
			takeOutClosed(buckets);
		}
	}

	private static int write(Bucket bucket, double value, double weight, String member) {
		return (member != null) ? bucket.addMember(member) : bucket.add(value, weight);
	}

	/**
	 * Swaps in a copy of {@code buckets} with a fresh bucket for the start at
	 * {@code index}, unless the array changed since it was read: {@link #OPENED} either
	 * way (the caller looks again), or {@link #INSTANCE_CLOSED}. Inside the
	 * {@link CloseGate}, so that a close either emits the bucket or refuses to let it be
	 * opened.
	 */
	private int openBucket(Bucket[] buckets, int index, long start) {
		if (!this.context.gate().tryEnter()) {
			return INSTANCE_CLOSED;
		}
		try {
			Bucket[] more = new Bucket[buckets.length + 1];
			System.arraycopy(buckets, 0, more, 0, index);
			more[index] = newBucket(start);
			System.arraycopy(buckets, index, more, index + 1, buckets.length - index);
			OPEN.compareAndSet(this, buckets, more);
			return OPENED;
		}
		finally {
			this.context.gate().leave();
		}
	}

	/**
	 * The index of the bucket for {@code start}, or {@code -(insertion point) - 1} as
	 * {@link java.util.Arrays#binarySearch(long[], long)}.
	 */
	private static int indexOf(Bucket[] buckets, long start) {
		int index = firstFrom(buckets, start);
		return (index < buckets.length && buckets[index].start == start) ? index : -index - 1;
	}

	/** The index of the first bucket starting at or after {@code start}. */
	private static int firstFrom(Bucket[] buckets, long start) {
		int low = 0;
		int high = buckets.length;
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (buckets[middle].start < start) {
				low = middle + 1;
			}
			else {
				high = middle;
			}
		}
		return low;
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
	 * Closes, takes out and emits every bucket starting before {@code cutoff} in the open
	 * buckets as read now (flushing thread only; one opened meanwhile waits for the next
	 * flush); returns how many buckets emitted something.
	 */
	int flush(long cutoff, FlushOutput out, FlushedAggregates kept) {
		Bucket[] buckets = this.open;
		int due = firstFrom(buckets, cutoff);
		if (due == 0) {
			return 0;
		}
		for (int i = 0; i < due; i++) {
			buckets[i].close();
		}
		takeOutClosed(buckets);
		int emitted = 0;
		for (int i = 0; i < due; i++) {
			Bucket bucket = buckets[i];
			if (this.current == bucket) {
				// a writer that makes it current after this read finds it closed and
				// clears it again (see promote)
				CURRENT.compareAndSet(this, bucket, null);
			}
			if (kept.emit(this, bucket, out)) {
				emitted++;
			}
		}
		return emitted;
	}

	/**
	 * Takes every closed bucket out of the open ones, starting from {@code buckets} as
	 * read, until a swap succeeds or none is left (the array may change meanwhile: other
	 * writers open buckets, or take out a closed one). Only the flush closes buckets, and
	 * it has every one it closed in the array it read, so none is lost: the flush calls
	 * this after closing, and a writer that meets a closed bucket before then helps.
	 */
	private void takeOutClosed(Bucket[] buckets) {
		for (Bucket[] now = buckets;; now = this.open) {
			Bucket[] left = withoutClosed(now);
			if (left == now || OPEN.compareAndSet(this, now, left)) {
				return;
			}
		}
	}

	/**
	 * {@code buckets} without its closed ones (each read once): itself when none is
	 * closed. Allocates only an array that keeps something: the flush takes out every
	 * series' one closed bucket, and an empty array per series showed in its allocation.
	 */
	private static Bucket[] withoutClosed(Bucket[] buckets) {
		boolean closedMet = false;
		// the open buckets so far: until the first closed one, the front of buckets
		int kept = 0;
		Bucket[] left = null;
		for (Bucket bucket : buckets) {
			if (bucket.isClosed()) {
				closedMet = true;
				continue;
			}
			if (closedMet) {
				if (left == null) {
					left = Arrays.copyOf(buckets, buckets.length - 1);
				}
				left[kept] = bucket;
			}
			kept++;
		}
		if (!closedMet) {
			return buckets;
		}
		if (kept == 0) {
			return NO_BUCKETS;
		}
		Bucket[] open = (left != null) ? left : buckets;
		return (kept == open.length) ? open : Arrays.copyOf(open, kept);
	}

	/**
	 * This series and what its open buckets hold now, oldest first (any thread; racy by
	 * design).
	 */
	OpenSeries open() {
		List<OpenBucket> open = new ArrayList<>();
		for (Bucket bucket : this.open) {
			OpenBucket peeked = bucket.peek();
			if (peeked != null) {
				open.add(peeked);
			}
		}
		return new OpenSeries(this.name, this.kind, this.key.host(), this.emittedTags, open);
	}

	/**
	 * Whether a bucket is open. One being opened is not counted until it is swapped in;
	 * retiring cannot race it, since both swap the same empty array.
	 */
	boolean hasOpenBuckets() {
		return this.open.length > 0;
	}

	/**
	 * Retires the series if it has no open bucket, so that it never takes another; not
	 * while it keeps emitted buckets for timestamped late points.
	 */
	boolean tryRetire() {
		return (this.keptBuckets == null || this.keptBuckets.size() == 0 || !this.takesTimestamps)
				&& OPEN.compareAndSet(this, NO_BUCKETS, RETIRED_BUCKETS);
	}

	/** Marks the series as recorded with timestamps (once; a plain read after that). */
	void takeTimestamps() {
		if (!this.takesTimestamps) {
			this.takesTimestamps = true;
		}
	}

	boolean isRetired() {
		return this.open == RETIRED_BUCKETS;
	}

}
