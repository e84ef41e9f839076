package io.threadstats.aggregation;

import java.util.Arrays;

import io.threadstats.api.MetricKind;

/**
 * The emitted buckets one series keeps for late points, in ascending order of start: each
 * with the number of the flush that kept it (its generation, see
 * {@link FlushedAggregates}) and what it merges with, or only the fact it was emitted (a
 * marker). Arrays rather than a map, because the flush visits every series that keeps
 * something, and a visit should cost as few cache misses as possible: no boxed key, no
 * node per entry, each entry's start and generation side by side in one array, and a
 * counter's total beside them as a number rather than an object. Buckets are mostly kept
 * in time order, so adding is an append, a lookup a binary search over a few starts, and
 * dropping the oldest a move of {@link #first}, not of the entries. Flushing thread only.
 *
 * <p>
 * Why a counter keeps a number: its aggregate is one double, and a fresh object for it
 * per bucket, stored into an array that has lived through a few collections, cost the
 * flush an allocation and G1 a dirty card to refine per series per flush.
 *
 * <p>
 * About 400 lines with its comments because both lanes (numbers for counters, objects for
 * the other kinds) share one set of moves (the offset, compaction, growth and shrinking);
 * split by lane, each would repeat them.
 */
final class KeptBuckets {

	/** The entries a series has room for at first, and again when it keeps nothing. */
	private static final int INITIAL_CAPACITY = 2;

	/**
	 * Longs per entry: its start, its generation, and for a counter the bits of its
	 * total.
	 */
	private final int stride;

	/** Entry {@code i} at {@code stride * (first + i)}, as {@link #stride} says. */
	private long[] entries;

	/**
	 * Entry {@code i}'s aggregate at {@code first + i}, {@code null} for a marker; no
	 * array for a counter.
	 */
	private Aggregate[] aggregates;

	/** Where the entries begin: those before it were dropped from the front. */
	private int first;

	private int size;

	/**
	 * The entries the arrays have room for, held here so that an append need not ask
	 * them.
	 */
	private int capacity;

	/**
	 * The first entry's start ({@link Long#MAX_VALUE} when there is none) and the last's
	 * ({@link Long#MIN_VALUE}): a flush's usual visit, an append to a series with nothing
	 * past the hour, then reads the arrays only where it writes.
	 */
	private long firstStart = Long.MAX_VALUE;

	private long lastStart = Long.MIN_VALUE;

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

	KeptBuckets(MetricKind kind) {
		this.stride = (kind == MetricKind.COUNTER) ? 3 : 2;
		allocate(INITIAL_CAPACITY);
	}

	private void allocate(int capacity) {
		this.entries = new long[this.stride * capacity];
		this.aggregates = (this.stride == 2) ? new Aggregate[capacity] : null;
		this.capacity = capacity;
	}

	/**
	 * The index of the bucket starting at {@code start}, or
	 * {@code -(insertion point) - 1}.
	 */
	int indexOf(long start) {
		if (start > this.lastStart) {
			// after the last (or none): the usual case
			return -(this.size + 1);
		}
		int low = 0;
		int high = this.size - 1;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			long middleStart = startAt(middle);
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

	long startAt(int index) {
		return this.entries[at(index)];
	}

	long generationAt(int index) {
		return this.entries[at(index) + 1];
	}

	/**
	 * Whether the entry at an index holds its aggregate (is not a marker): a counter's
	 * always does, since its total is part of the entry.
	 */
	boolean holdsAggregate(int index) {
		return this.aggregates == null || this.aggregates[this.first + index] != null;
	}

	/**
	 * Whether its aggregates are objects that the budget can drop apart from their
	 * entries (not a counter's totals, which would free nothing).
	 */
	boolean keepsAggregateObjects() {
		return this.aggregates != null;
	}

	/**
	 * The bytes of the aggregate at an index (which holds one), besides its entry: none
	 * for a counter's total, which is part of its entry.
	 */
	long aggregateBytes(int index) {
		return (this.aggregates != null) ? this.aggregates[this.first + index].retainedBytes() : 0;
	}

	int size() {
		return this.size;
	}

	/**
	 * Keeps a closed bucket that is not kept yet, with what it merges with; returns the
	 * bytes of that (see {@link #aggregateBytes}).
	 * @param notFound what {@link #indexOf} said of its start
	 */
	long add(int notFound, long start, long generation, Bucket bucket) {
		assert notFound == indexOf(start) && notFound < 0 : "bucket " + start + " is kept already";
		int index = -(notFound + 1);
		// in order still if the entries after it are of this same flush (the newest),
		// which holds no marker yet
		this.inGenerationOrder &= (index == this.size || generationAt(index) == generation);
		if (!hasRoomAtEnd()) {
			makeRoom();
		}
		int after = this.size - index;
		if (after > 0) {
			System.arraycopy(this.entries, at(index), this.entries, at(index + 1), this.stride * after);
			if (this.aggregates != null) {
				System.arraycopy(this.aggregates, this.first + index, this.aggregates, this.first + index + 1, after);
			}
		}
		else {
			this.lastStart = start;
		}
		if (index == 0) {
			this.firstStart = start;
		}
		this.entries[at(index)] = start;
		this.entries[at(index) + 1] = generation;
		if (this.aggregates != null) {
			this.aggregates[this.first + index] = bucket.aggregate();
		}
		else {
			this.entries[at(index) + 2] = Double.doubleToRawLongBits(((CounterBucket) bucket).closedValue());
		}
		this.size++;
		this.oldestGeneration = Math.min(this.oldestGeneration, generation);
		if (this.aggregates != null) {
			this.oldestAggregateGeneration = Math.min(this.oldestAggregateGeneration, generation);
		}
		return aggregateBytes(index);
	}

	/**
	 * Makes room after the last entry: moves the entries to the front if that frees a
	 * quarter of the arrays, else into arrays twice the size, or half the size when they
	 * would fill less than a quarter (a series whose share of the budget shrank does not
	 * hold its largest arrays). So dropping entries from the front and adding at the end,
	 * a series' steady state, moves its entries only once every so many flushes.
	 */
	private void makeRoom() {
		long[] oldEntries = this.entries;
		Aggregate[] oldAggregates = this.aggregates;
		int capacity = this.capacity;
		int needed = this.size + 1;
		if (needed > capacity * 3 / 4) {
			allocate(2 * capacity);
		}
		else if (needed <= capacity / 4) {
			allocate(capacity / 2);
		}
		System.arraycopy(oldEntries, at(0), this.entries, 0, this.stride * this.size);
		if (oldAggregates != null) {
			System.arraycopy(oldAggregates, this.first, this.aggregates, 0, this.size);
			if (oldAggregates == this.aggregates) {
				Arrays.fill(this.aggregates, this.size, this.first + this.size, null);
			}
		}
		this.first = 0;
	}

	/**
	 * Merges a closed bucket into the aggregate at an index (which holds one); returns
	 * how many bytes that aggregate grew by.
	 */
	long merge(int index, Bucket bucket) {
		if (this.aggregates == null) {
			int total = at(index) + 2;
			this.entries[total] = Double.doubleToRawLongBits(
					Double.longBitsToDouble(this.entries[total]) + ((CounterBucket) bucket).closedValue());
			return 0;
		}
		Aggregate aggregate = this.aggregates[this.first + index];
		long before = aggregate.retainedBytes();
		aggregate.merge(bucket.aggregate());
		return aggregate.retainedBytes() - before;
	}

	/**
	 * Emits the aggregate at an index (which holds one) for its bucket; whether it
	 * emitted anything.
	 */
	boolean emit(int index, Series series, FlushOutput out) {
		if (this.aggregates == null) {
			return CounterBucket.emitTotal(series, startAt(index), Double.longBitsToDouble(this.entries[at(index) + 2]),
					out);
		}
		return this.aggregates[this.first + index].emit(series, startAt(index), out);
	}

	/**
	 * Whether an entry may have to go: one starting at or before {@code tooOld}, one of a
	 * generation up to {@code entriesDroppedThrough}, or an aggregate of a generation up
	 * to {@code aggregatesDroppedThrough}.
	 */
	boolean mayHoldDropped(long tooOld, long entriesDroppedThrough, long aggregatesDroppedThrough) {
		return this.size > 0 && (this.oldestGeneration <= entriesDroppedThrough
				|| this.oldestAggregateGeneration <= aggregatesDroppedThrough || this.firstStart <= tooOld);
	}

	boolean inGenerationOrder() {
		return this.inGenerationOrder;
	}

	/**
	 * Whether the budget's drops may wait (see {@link FlushedAggregates}): a counter kept
	 * in generation order, whose prune would free no memory.
	 */
	boolean defersPrune() {
		return this.aggregates == null && this.inGenerationOrder;
	}

	/** Whether an entry starts at or before {@code tooOld} (past Datadog's hour). */
	boolean holdsOlderThan(long tooOld) {
		return this.firstStart <= tooOld;
	}

	/**
	 * Whether what {@link #indexOf} said of a start means it goes after the last entry,
	 * and there is room there without moving the entries.
	 */
	boolean isAppendWithRoom(int indexOfResult) {
		return indexOfResult == -(this.size + 1) && hasRoomAtEnd();
	}

	/** Whether an entry can go after the last without moving the entries. */
	private boolean hasRoomAtEnd() {
		return this.first + this.size < this.capacity;
	}

	/** In generation order: the index of the first entry holding its aggregate. */
	int firstAggregate() {
		return this.leadingMarkers;
	}

	/**
	 * Drops the aggregate object at an index, leaving a marker (in generation order: the
	 * first entry holding one); only where {@link #keepsAggregateObjects()}.
	 */
	void dropAggregate(int index) {
		this.aggregates[this.first + index] = null;
		if (index == this.leadingMarkers) {
			this.leadingMarkers++;
		}
	}

	/** Drops the first {@code count} entries, moving none. */
	void removeFirst(int count) {
		if (count == 0) {
			return;
		}
		if (this.aggregates != null) {
			Arrays.fill(this.aggregates, this.first, this.first + count, null);
		}
		this.first += count;
		this.size -= count;
		this.leadingMarkers = Math.max(0, this.leadingMarkers - count);
		afterDropping();
	}

	/**
	 * Moves the entry at {@code from} to {@code to} (at most {@code from}), for a pass
	 * that compacts the entries it keeps; {@link #truncate} ends it.
	 */
	void move(int from, int to) {
		System.arraycopy(this.entries, at(from), this.entries, at(to), this.stride);
		if (this.aggregates != null) {
			this.aggregates[this.first + to] = this.aggregates[this.first + from];
		}
	}

	/** Keeps only the first {@code count} entries. */
	void truncate(int count) {
		if (this.aggregates != null) {
			Arrays.fill(this.aggregates, this.first + count, this.first + this.size, null);
		}
		this.size = count;
		afterDropping();
	}

	/**
	 * After entries were dropped: the first and last starts again, and when none is left,
	 * arrays of the first size.
	 */
	private void afterDropping() {
		if (this.size > 0) {
			this.firstStart = startAt(0);
			this.lastStart = startAt(this.size - 1);
			return;
		}
		this.firstStart = Long.MAX_VALUE;
		this.lastStart = Long.MIN_VALUE;
		this.first = 0;
		this.inGenerationOrder = true;
		this.leadingMarkers = 0;
		if (this.capacity > INITIAL_CAPACITY) {
			// a backfill that kept an hour of buckets does not hold their arrays forever
			allocate(INITIAL_CAPACITY);
		}
	}

	/** Recomputes the oldest generations after entries were dropped. */
	void refreshOldest() {
		if (this.inGenerationOrder) {
			this.oldestGeneration = (this.size > 0) ? generationAt(0) : Long.MAX_VALUE;
			this.oldestAggregateGeneration = (this.aggregates != null && this.leadingMarkers < this.size)
					? generationAt(this.leadingMarkers) : Long.MAX_VALUE;
			return;
		}
		this.oldestGeneration = Long.MAX_VALUE;
		this.oldestAggregateGeneration = Long.MAX_VALUE;
		for (int index = 0; index < this.size; index++) {
			long generation = generationAt(index);
			this.oldestGeneration = Math.min(this.oldestGeneration, generation);
			if (this.aggregates != null && this.aggregates[this.first + index] != null) {
				this.oldestAggregateGeneration = Math.min(this.oldestAggregateGeneration, generation);
			}
		}
	}

	/** The aggregate objects its arrays reference, kept or not (for tests). */
	int aggregateObjectsHeld() {
		return (this.aggregates != null) ? (int) Arrays.stream(this.aggregates).filter((each) -> each != null).count()
				: 0;
	}

	/** The entries the arrays have room for. */
	int capacity() {
		return this.capacity;
	}

	/** Where the entry at an index begins in {@link #entries}. */
	private int at(int index) {
		return this.stride * (this.first + index);
	}

}
