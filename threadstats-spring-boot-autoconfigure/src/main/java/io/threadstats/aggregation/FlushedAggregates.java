package io.threadstats.aggregation;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;

/**
 * The merged aggregates of buckets already emitted, kept so that a late point into one is
 * sent merged with it: Datadog keeps only the last point per series and timestamp, so a
 * late point sent alone would overwrite what was stored. Flushing thread only.
 *
 * <p>
 * Kept only for buckets that can still get a point: those of series recorded with an
 * explicit timestamp, and the current bucket when a flush emits it before it ends
 * ({@code flushAll}, or a cutoff in the future; an untimestamped point then reopens it).
 * Only while Datadog accepts points for the bucket (an hour), and only within
 * {@code maxBytes}: past it, the oldest aggregates are dropped first, leaving a marker
 * that says the bucket was emitted; past it again, the oldest markers, whose buckets join
 * their series' {@link EmittedRanges range}; past it again, the oldest ranges of evicted
 * series. A late point whose bucket was emitted but whose aggregate is gone (a marker, or
 * a bucket in its series' range: one emitted while it took no timestamps) is sent alone
 * and counted as late-unmerged; a point into a bucket the series never emitted is not
 * late at all.
 */
final class FlushedAggregates {

	/**
	 * What keeping one bucket costs besides its aggregate: entry, map node, boxed key.
	 */
	static final long ENTRY_BYTES = 112;

	private final long maxBytes;

	private final long rollUpSeconds;

	/** Entries holding an aggregate, oldest emitted first. */
	private final ArrayDeque<Kept> aggregates = new ArrayDeque<>();

	/** Entries whose aggregate was dropped for the budget, oldest first. */
	private final ArrayDeque<Kept> markers = new ArrayDeque<>();

	private final EmittedRanges ranges = new EmittedRanges();

	private long bytes;

	/** The start of the bucket holding now, when the flush in progress began. */
	private long currentStart = Long.MAX_VALUE;

	private volatile long lateUnmerged;

	FlushedAggregates(long maxBytes, long rollUpSeconds) {
		this.maxBytes = maxBytes;
		this.rollUpSeconds = rollUpSeconds;
	}

	/**
	 * Emits a closed bucket's aggregate: merged with the one kept for the same bucket, if
	 * any; alone (and counted) if that one is gone; and kept for later if the series
	 * takes timestamps.
	 */
	boolean emit(Series series, long start, Aggregate aggregate, FlushOutput out) {
		if (!aggregate.mergesLate()) {
			return aggregate.emit(series, start, out);
		}
		Kept kept = (series.flushed != null) ? series.flushed.get(start) : null;
		if (kept != null && kept.aggregate != null) {
			kept.aggregate.merge(aggregate);
			long grown = ENTRY_BYTES + kept.aggregate.retainedBytes();
			this.bytes += grown - kept.bytes;
			kept.bytes = grown;
			return kept.aggregate.emit(series, start, out);
		}
		if (kept != null || this.ranges.mayHaveEmitted(series, start)) {
			this.lateUnmerged++;
			return aggregate.emit(series, start, out);
		}
		boolean emitted = aggregate.emit(series, start, out);
		if (series.takesTimestamps || start >= this.currentStart) {
			keep(series, start, aggregate);
		}
		else {
			EmittedRanges.note(series, start);
		}
		return emitted;
	}

	private void keep(Series series, long start, Aggregate aggregate) {
		Kept kept = new Kept(series, start, aggregate, ENTRY_BYTES + aggregate.retainedBytes());
		if (series.flushed == null) {
			series.flushed = new HashMap<>(4);
		}
		series.flushed.put(start, kept);
		this.aggregates.add(kept);
		this.bytes += kept.bytes;
	}

	/** Begins a flush at a time whose bucket starts at {@code currentStart}. */
	void startFlush(long currentStart) {
		this.currentStart = currentStart;
	}

	/**
	 * Drops what Datadog no longer accepts points for, then the oldest until within the
	 * budget (at the end of each flush).
	 */
	void evict(long nowSecond) {
		long tooOld = nowSecond - BucketClock.MAX_AGE_SECONDS - this.rollUpSeconds;
		for (Kept head = this.aggregates.peek(); head != null
				&& (head.forgotten || head.start <= tooOld || this.bytes > this.maxBytes); head = this.aggregates
					.peek()) {
			this.aggregates.poll();
			if (head.forgotten) {
				continue;
			}
			if (head.start <= tooOld) {
				forget(head);
			}
			else {
				this.bytes -= head.bytes - ENTRY_BYTES;
				head.bytes = ENTRY_BYTES;
				head.aggregate = null;
				this.markers.add(head);
			}
		}
		for (Kept head = this.markers.peek(); head != null
				&& (head.forgotten || head.start <= tooOld || this.bytes > this.maxBytes); head = this.markers.peek()) {
			this.markers.poll();
			if (!head.forgotten) {
				if (head.start > tooOld) {
					EmittedRanges.note(head.series, head.start);
				}
				forget(head);
			}
		}
		this.bytes -= this.ranges.dropEndingBy(tooOld);
		while (this.bytes > this.maxBytes) {
			long freed = this.ranges.dropOldest();
			if (freed == 0) {
				break;
			}
			this.bytes -= freed;
		}
	}

	/**
	 * Drops what an evicted series kept (one without timestamps: only a bucket emitted
	 * before it ended, which it is idle in), leaving the range of what it emitted for the
	 * next series for its key.
	 */
	void forgetSeries(Series series) {
		if (series.flushed != null) {
			for (Kept kept : series.flushed.values()) {
				this.bytes -= kept.bytes;
				kept.forgotten = true;
			}
		}
		this.bytes += this.ranges.evict(series, (series.flushed != null) ? series.flushed.keySet() : List.of());
		series.flushed = null;
	}

	private void forget(Kept kept) {
		this.bytes -= kept.bytes;
		kept.series.flushed.remove(kept.start);
		if (kept.series.flushed.isEmpty()) {
			kept.series.flushed = null;
		}
	}

	/** Bytes held now (about). */
	long bytes() {
		return this.bytes;
	}

	/** Late points sent alone because their bucket's aggregate was no longer kept. */
	long lateUnmerged() {
		return this.lateUnmerged;
	}

	/**
	 * One emitted bucket of one series: its aggregate, or only the fact it was emitted.
	 */
	static final class Kept {

		final Series series;

		final long start;

		Aggregate aggregate;

		long bytes;

		/** Dropped with its series; still in a queue until it reaches the head. */
		boolean forgotten;

		Kept(Series series, long start, Aggregate aggregate, long bytes) {
			this.series = series;
			this.start = start;
			this.aggregate = aggregate;
			this.bytes = bytes;
		}

	}

}
