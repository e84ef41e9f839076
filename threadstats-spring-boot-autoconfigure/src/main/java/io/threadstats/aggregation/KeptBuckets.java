package io.threadstats.aggregation;

import java.util.Arrays;

/**
 * The emitted buckets one series keeps for late points, in ascending order of start: each
 * with the number of the flush that kept it (its generation, see
 * {@link FlushedAggregates}) and its aggregate, or {@code null} when only the fact it was
 * emitted is kept (a marker). Arrays rather than a map, because the flush visits every
 * series that keeps something, and a visit should cost as few cache misses as possible:
 * no boxed key, no node per entry, and each entry's start and generation side by side in
 * one array. Buckets are mostly kept in time order, so adding is an append and a lookup a
 * binary search over a few starts. Flushing thread only.
 */
final class KeptBuckets {

	/** The entries a series has room for at first, and again when it keeps nothing. */
	private static final int INITIAL_CAPACITY = 2;

	/** Entry {@code i}'s start at {@code 2i}, its generation at {@code 2i + 1}. */
	private long[] startsAndGenerations = new long[2 * INITIAL_CAPACITY];

	private Aggregate[] aggregates = new Aggregate[INITIAL_CAPACITY];

	private int size;

	/**
	 * Whether generations ascend with the index, as they do when each entry is added
	 * after those of earlier flushes in start order (a series recorded in time order, the
	 * usual case, even when one flush emits several of its buckets, in any order): what a
	 * flush drops is then a run of entries from the front, found without reading the
	 * rest. Set again when the series keeps nothing.
	 */
	private boolean inGenerationOrder = true;

	/**
	 * In generation order: how many entries from the front are markers (the markers are
	 * exactly those). Out of that order it means nothing and is not read.
	 */
	private int leadingMarkers;

	/** The oldest generation of an entry (kept up to date on add, refreshed by prune). */
	private long oldestGeneration = Long.MAX_VALUE;

	/** The oldest generation of an entry that holds its aggregate (likewise). */
	private long oldestAggregateGeneration = Long.MAX_VALUE;

	/**
	 * The index of the bucket starting at {@code start}, or
	 * {@code -(insertion point) - 1}.
	 */
	int indexOf(long start) {
		int low = 0;
		int high = this.size - 1;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			long middleStart = this.startsAndGenerations[2 * middle];
			if (middleStart < start) {
				low = middle + 1;
			}
			else if (middleStart > start) {
				high = middle - 1;
			}
			else {
				return middle;
			}
		}
		return -(low + 1);
	}

	/** The aggregate at an index, or {@code null} for a marker. */
	Aggregate aggregateAt(int index) {
		return this.aggregates[index];
	}

	long startAt(int index) {
		return this.startsAndGenerations[2 * index];
	}

	long generationAt(int index) {
		return this.startsAndGenerations[2 * index + 1];
	}

	int size() {
		return this.size;
	}

	/** Keeps a bucket that is not kept yet. */
	void add(long start, long generation, Aggregate aggregate) {
		int found = indexOf(start);
		assert found < 0 : "bucket " + start + " is kept already";
		int at = -(found + 1);
		// in order still if the entries after it are of this same flush (the newest),
		// which
		// holds no marker yet
		this.inGenerationOrder &= (at == this.size || generationAt(at) == generation);
		if (this.size == this.aggregates.length) {
			this.startsAndGenerations = Arrays.copyOf(this.startsAndGenerations, 4 * this.size);
			this.aggregates = Arrays.copyOf(this.aggregates, 2 * this.size);
		}
		int after = this.size - at;
		System.arraycopy(this.startsAndGenerations, 2 * at, this.startsAndGenerations, 2 * at + 2, 2 * after);
		System.arraycopy(this.aggregates, at, this.aggregates, at + 1, after);
		this.startsAndGenerations[2 * at] = start;
		this.startsAndGenerations[2 * at + 1] = generation;
		this.aggregates[at] = aggregate;
		this.size++;
		this.oldestGeneration = Math.min(this.oldestGeneration, generation);
		this.oldestAggregateGeneration = Math.min(this.oldestAggregateGeneration, generation);
	}

	/**
	 * Whether an entry may have to go: one starting at or before {@code tooOld}, one of a
	 * generation up to {@code entriesDroppedThrough}, or an aggregate of a generation up
	 * to {@code aggregatesDroppedThrough}.
	 */
	boolean mayHoldDropped(long tooOld, long entriesDroppedThrough, long aggregatesDroppedThrough) {
		return this.size > 0 && (this.oldestGeneration <= entriesDroppedThrough
				|| this.oldestAggregateGeneration <= aggregatesDroppedThrough
				|| this.startsAndGenerations[0] <= tooOld);
	}

	boolean inGenerationOrder() {
		return this.inGenerationOrder;
	}

	/** In generation order: the index of the first entry holding its aggregate. */
	int firstAggregate() {
		return this.leadingMarkers;
	}

	/**
	 * Drops the aggregate at an index, leaving a marker (in generation order: the first
	 * entry holding one).
	 */
	void dropAggregate(int index) {
		this.aggregates[index] = null;
		if (index == this.leadingMarkers) {
			this.leadingMarkers++;
		}
	}

	/** Drops the first {@code count} entries, in one move of the others. */
	void removeFirst(int count) {
		if (count == 0) {
			return;
		}
		int left = this.size - count;
		System.arraycopy(this.startsAndGenerations, 2 * count, this.startsAndGenerations, 0, 2 * left);
		System.arraycopy(this.aggregates, count, this.aggregates, 0, left);
		Arrays.fill(this.aggregates, left, this.size, null);
		this.size = left;
		this.leadingMarkers = Math.max(0, this.leadingMarkers - count);
		shrinkIfEmpty();
	}

	/**
	 * Moves the entry at {@code from} to {@code to} (at most {@code from}), for a pass
	 * that compacts the entries it keeps; {@link #truncate} ends it.
	 */
	void move(int from, int to) {
		this.startsAndGenerations[2 * to] = this.startsAndGenerations[2 * from];
		this.startsAndGenerations[2 * to + 1] = this.startsAndGenerations[2 * from + 1];
		this.aggregates[to] = this.aggregates[from];
	}

	/** Keeps only the first {@code count} entries. */
	void truncate(int count) {
		Arrays.fill(this.aggregates, count, this.size, null);
		this.size = count;
		shrinkIfEmpty();
	}

	private void shrinkIfEmpty() {
		if (this.size > 0) {
			return;
		}
		this.inGenerationOrder = true;
		this.leadingMarkers = 0;
		if (this.aggregates.length > INITIAL_CAPACITY) {
			// a backfill that kept an hour of buckets does not hold their arrays forever
			this.startsAndGenerations = new long[2 * INITIAL_CAPACITY];
			this.aggregates = new Aggregate[INITIAL_CAPACITY];
		}
	}

	/** Recomputes the oldest generations after entries were dropped. */
	void refreshOldest() {
		if (this.inGenerationOrder) {
			this.oldestGeneration = (this.size > 0) ? generationAt(0) : Long.MAX_VALUE;
			this.oldestAggregateGeneration = (this.leadingMarkers < this.size) ? generationAt(this.leadingMarkers)
					: Long.MAX_VALUE;
			return;
		}
		this.oldestGeneration = Long.MAX_VALUE;
		this.oldestAggregateGeneration = Long.MAX_VALUE;
		for (int index = 0; index < this.size; index++) {
			long generation = generationAt(index);
			this.oldestGeneration = Math.min(this.oldestGeneration, generation);
			if (this.aggregates[index] != null) {
				this.oldestAggregateGeneration = Math.min(this.oldestAggregateGeneration, generation);
			}
		}
	}

}
