package io.threadstats.aggregation;

import java.util.ArrayList;
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
 * {@code maxBytes}: past it, what the oldest flush kept goes first, its aggregates
 * (leaving markers that say the buckets were emitted), then its markers (their buckets
 * join their series' {@link EmittedRanges range}), before anything a later flush kept,
 * since a late point is likelier the more recent its bucket; past it again, the oldest
 * ranges of evicted series. A late point whose bucket was emitted but whose aggregate is
 * gone (a marker, or a bucket in its series' range: one emitted while it took no
 * timestamps) is sent alone and counted as late-unmerged; a point into a bucket the
 * series never emitted is not late at all.
 *
 * <h2>Generations</h2> What a flush keeps is one generation, numbered by flush, and "the
 * oldest" means the oldest generations. The end of a flush decides what goes for the
 * budget by generation, from per-generation byte counts, without touching an entry; each
 * series applies that decision as the next flush passes it, before it emits
 * ({@link #prune}): for a series kept in time order that reads only what goes. A dropped
 * aggregate is therefore released at the next flush, not at once: during a flush the heap
 * held can exceed the budget by what the last one dropped and what this one keeps. Each
 * series that keeps buckets also holds its {@link KeptBuckets} (about 80 bytes), outside
 * the budget.
 *
 * <p>
 * A counter's total is part of its entry, so the budget drops a counter's entries whole,
 * never leaving markers. And a counter kept in time order defers applying the budget's
 * drops while each of its lookups goes past its last entry and finds room there
 * ({@link KeptBuckets#defersPrune}): its totals are numbers in an array that stays as
 * large when entries leave its front, and what the budget dropped is already off the
 * count, so applying it at every flush would free nothing and cost the flush a read of
 * the series' oldest entries (measured: about half the flush of 10,000 replayed series).
 * It applies them before any other lookup, when it needs room, and at each flush that
 * emits nothing of it. What passes Datadog's hour is never deferred: it leaves the count
 * as the flush passes its series.
 *
 * <p>
 * About 350 lines because the budget's three levels (aggregates, markers, ranges) and the
 * prune that applies them read and write the same per-generation counts; split, each half
 * would have to expose them to the other.
 */
final class FlushedAggregates {

	/**
	 * What keeping one bucket costs besides its aggregate object: its start, generation
	 * and reference (or a counter's total) in its series' {@link KeptBuckets}, and their
	 * arrays' spare room.
	 */
	static final long ENTRY_BYTES = 48;

	/** What a generation's record costs. */
	static final long GENERATION_BYTES = 48;

	private final long maxBytes;

	private final long rollUpSeconds;

	/** The generations that keep entries, oldest first (by number, not consecutive). */
	private final List<Generation> generations = new ArrayList<>();

	/** Generations up to this one have had their aggregates dropped (markers remain). */
	private long aggregatesDroppedThrough;

	/** Generations up to this one have had their entries dropped. */
	private long entriesDroppedThrough;

	private final EmittedRanges ranges = new EmittedRanges();

	/** What the generations hold now cost (the ranges count their own). */
	private long bytes;

	/** The number of the flush in progress. */
	private long generation;

	/** The start of the bucket holding now, when the flush in progress began. */
	private long currentStart = Long.MAX_VALUE;

	/** Buckets starting at or before this are older than Datadog accepts points for. */
	private long tooOld = Long.MIN_VALUE;

	private volatile long lateUnmerged;

	FlushedAggregates(long maxBytes, long rollUpSeconds) {
		this.maxBytes = maxBytes;
		this.rollUpSeconds = rollUpSeconds;
	}

	/**
	 * Begins a flush at {@code nowSecond}, whose bucket starts at {@code currentStart}.
	 */
	void startFlush(long currentStart, long nowSecond) {
		this.currentStart = currentStart;
		this.tooOld = nowSecond - BucketClock.MAX_AGE_SECONDS - this.rollUpSeconds;
		this.generation++;
	}

	/**
	 * What the flush does with a series' kept buckets before it emits the series: prunes
	 * them unless the series defers the budget's drops and holds nothing past the hour
	 * (see the class comment).
	 */
	void beforeEmitting(Series series) {
		KeptBuckets kept = series.keptBuckets;
		if (kept != null && (!kept.defersPrune() || kept.holdsOlderThan(this.tooOld))) {
			prune(series);
		}
	}

	/**
	 * What the flush does after it emitted {@code emittedBuckets} buckets of a series: a
	 * series that defers its prune and emitted nothing applies what it deferred.
	 */
	void afterEmitting(Series series, int emittedBuckets) {
		KeptBuckets kept = series.keptBuckets;
		if (emittedBuckets == 0 && kept != null && kept.defersPrune()) {
			prune(series);
		}
	}

	/**
	 * Applies to a series what the last evictions decided, and drops what Datadog no
	 * longer accepts points for.
	 */
	private void prune(Series series) {
		KeptBuckets kept = series.keptBuckets;
		if (kept == null
				|| !kept.mayHoldDropped(this.tooOld, this.entriesDroppedThrough, this.aggregatesDroppedThrough)) {
			return;
		}
		if (kept.inGenerationOrder()) {
			pruneFront(series, kept);
		}
		else {
			int left = 0;
			for (int index = 0; index < kept.size(); index++) {
				if (!removeIfDropped(series, kept, index)) {
					if (kept.keepsAggregateObjects() && kept.generationAt(index) <= this.aggregatesDroppedThrough) {
						kept.dropAggregate(index);
					}
					kept.move(index, left++);
				}
			}
			kept.truncate(left);
		}
		kept.refreshOldest();
	}

	/**
	 * Prunes a series whose generations ascend with its starts: the entries to drop are
	 * the first ones, followed by the aggregates to drop.
	 */
	private void pruneFront(Series series, KeptBuckets kept) {
		int dropped = 0;
		while (dropped < kept.size() && removeIfDropped(series, kept, dropped)) {
			dropped++;
		}
		kept.removeFirst(dropped);
		if (!kept.keepsAggregateObjects()) {
			return;
		}
		for (int index = kept.firstAggregate(); index < kept.size()
				&& kept.generationAt(index) <= this.aggregatesDroppedThrough; index++) {
			kept.dropAggregate(index);
		}
	}

	/**
	 * Settles the entry at an index if it goes, and says whether it does (the caller then
	 * takes it out of the arrays): too old, it is taken off its generation's count; of a
	 * dropped generation (already taken off), its bucket joins the series' range.
	 */
	private boolean removeIfDropped(Series series, KeptBuckets kept, int index) {
		long start = kept.startAt(index);
		if (start <= this.tooOld) {
			unaccount(kept, index);
			return true;
		}
		if (kept.generationAt(index) <= this.entriesDroppedThrough) {
			EmittedRanges.note(series, start);
			return true;
		}
		return false;
	}

	/** Takes the entry at an index off its generation's count (if not dropped yet). */
	private void unaccount(KeptBuckets kept, int index) {
		long number = kept.generationAt(index);
		boolean counted = kept.holdsAggregate(index) && number > this.aggregatesDroppedThrough;
		account(number, counted ? -kept.aggregateBytes(index) : 0, -1);
	}

	/**
	 * Emits a closed bucket's aggregate: merged with the one kept for the same bucket, if
	 * any; alone (and counted) if that one is gone; and kept for later if the series
	 * takes timestamps.
	 */
	boolean emit(Series series, Bucket bucket, FlushOutput out) {
		long start = bucket.start;
		if (!bucket.mergesLate() || !bucket.holdsValues()) {
			return bucket.emit(series, out);
		}
		KeptBuckets kept = series.keptBuckets;
		int index = (kept != null) ? kept.indexOf(start) : -1;
		if (kept != null && kept.defersPrune() && !kept.isAppendWithRoom(index)) {
			// any other lookup reads what the deferred prune would drop
			prune(series);
			index = kept.indexOf(start);
		}
		if (index >= 0 && kept.holdsAggregate(index)) {
			account(kept.generationAt(index), kept.merge(index, bucket), 0);
			return kept.emit(index, series, out);
		}
		if (index >= 0 || this.ranges.mayHaveEmitted(series, start)) {
			this.lateUnmerged++;
			return bucket.emit(series, out);
		}
		// a bucket that became too old since its point was taken is sent, not kept:
		// Datadog takes no later point for it
		if ((series.takesTimestamps || start >= this.currentStart) && start > this.tooOld) {
			keep(series, index, start, bucket);
			return bucket.emit(series, out);
		}
		// emitted and forgotten: no aggregate made
		EmittedRanges.note(series, start);
		return bucket.emit(series, out);
	}

	/** Keeps a bucket where {@link KeptBuckets#indexOf} said it is not. */
	private void keep(Series series, int notFound, long start, Bucket bucket) {
		if (series.keptBuckets == null) {
			series.keptBuckets = new KeptBuckets(series.kind);
		}
		long aggregateBytes = series.keptBuckets.add(notFound, start, this.generation, bucket);
		int last = this.generations.size() - 1;
		if (last < 0 || this.generations.get(last).number != this.generation) {
			this.generations.add(new Generation(this.generation));
			this.bytes += GENERATION_BYTES;
		}
		account(this.generation, aggregateBytes, 1);
	}

	/**
	 * Decides what goes to get back within the budget, oldest generation first (at the
	 * end of each flush); series apply it as the next flush passes them.
	 */
	void evict() {
		this.ranges.dropEndingBy(this.tooOld);
		while (!this.generations.isEmpty() && this.generations.get(0).entries == 0) {
			dropOldestGeneration();
		}
		while (bytes() > this.maxBytes) {
			if (!this.generations.isEmpty()) {
				Generation oldest = this.generations.get(0);
				if (oldest.number > this.aggregatesDroppedThrough) {
					this.bytes -= oldest.aggregateBytes;
					oldest.aggregateBytes = 0;
					this.aggregatesDroppedThrough = oldest.number;
				}
				else {
					dropOldestGeneration();
				}
			}
			else if (!this.ranges.dropOldest()) {
				break;
			}
		}
	}

	private void dropOldestGeneration() {
		Generation oldest = this.generations.remove(0);
		this.bytes -= GENERATION_BYTES + oldest.entries * ENTRY_BYTES + oldest.aggregateBytes;
		this.entriesDroppedThrough = oldest.number;
		this.aggregatesDroppedThrough = Math.max(this.aggregatesDroppedThrough, oldest.number);
	}

	/**
	 * Drops what an evicted series kept (one without timestamps: only a bucket emitted
	 * before it ended, which it is idle in), leaving the range of what it emitted for the
	 * next series for its key. What it has not pruned yet needs nothing more: entries of
	 * a generation the budget dropped are off the count already, and each other entry is
	 * taken off it here.
	 */
	void forgetSeries(Series series) {
		KeptBuckets kept = series.keptBuckets;
		series.keptBuckets = null;
		for (int index = 0; kept != null && index < kept.size(); index++) {
			EmittedRanges.note(series, kept.startAt(index));
			unaccount(kept, index);
		}
		this.ranges.evict(series);
	}

	/**
	 * Adds to what a generation keeps, and to the total (nothing if the generation was
	 * dropped: what it kept was taken off then).
	 */
	private void account(long number, long aggregateBytes, int entries) {
		Generation generation = generation(number);
		if (generation != null) {
			generation.aggregateBytes += aggregateBytes;
			generation.entries += entries;
			this.bytes += aggregateBytes + entries * ENTRY_BYTES;
		}
	}

	private Generation generation(long number) {
		int low = 0;
		int high = this.generations.size() - 1;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			Generation each = this.generations.get(middle);
			if (each.number < number) {
				low = middle + 1;
			}
			else if (each.number > number) {
				high = middle - 1;
			}
			else {
				return each;
			}
		}
		return null;
	}

	/** Bytes held now (about; see the class comment for when they are released). */
	long bytes() {
		return this.bytes + this.ranges.bytes();
	}

	/** Late points sent alone because their bucket's aggregate was no longer kept. */
	long lateUnmerged() {
		return this.lateUnmerged;
	}

	/** What one flush kept: its entries, and the bytes of their aggregates. */
	private static final class Generation {

		final long number;

		long entries;

		long aggregateBytes;

		Generation(long number) {
			this.number = number;
		}

	}

}
