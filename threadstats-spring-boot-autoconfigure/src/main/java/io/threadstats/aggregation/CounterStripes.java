package io.threadstats.aggregation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The extra cells a contended {@link CounterBucket} spreads its sum over, as
 * {@code LongAdder} does: each thread adds to the cell its thread id hashes to, so
 * threads hitting one counter stop fighting over one cache line. Cells hold the same bits
 * as the bucket's base cell ({@link CellBucket#EMPTY}, a sum, or
 * {@link CellBucket#CLOSED_BITS}) and are {@value #STRIDE} longs (128 bytes, two cache
 * lines, since CPUs fetch lines in adjacent pairs) apart in one array, with the same
 * padding before the first and after the last. The number of cells is the processors
 * rounded up to a power of two, times two so that a few hot threads rarely share a cell
 * (capped at {@value #MAX_CELLS}): on 2 processors, 4 cells in about 680 bytes, allocated
 * only by a bucket that saw contention.
 *
 * <p>
 * Each cell has an owner: the first thread that wrote to it (its id, in the long next to
 * the cell, on the same cache line). A thread starts at the cell its id picks and moves
 * on past cells other threads own until it finds its own or a free one, which it claims;
 * so two threads whose ids pick the same cell still end up on cells of their own, for the
 * life of the bucket, instead of fighting over one line on every call. Only with more
 * writing threads than cells do threads share a cell (the first their id picks), where a
 * failed CAS simply retries.
 */
final class CounterStripes {

	/** Marks a closing or closed bucket: no stripes may be installed any more. */
	static final CounterStripes CLOSED = new CounterStripes(0);

	static final int STRIDE = 16;

	static final int MAX_CELLS = 32;

	private static final int CELLS = cellsFor(Runtime.getRuntime().availableProcessors());

	private static final VarHandle CELL = MethodHandles.arrayElementVarHandle(long[].class);

	private final long[] cells;

	private final int mask;

	CounterStripes() {
		this(CELLS);
	}

	private CounterStripes(int count) {
		this.cells = new long[(count + 1) * STRIDE];
		for (int i = 0; i < count; i++) {
			this.cells[index(i)] = CellBucket.EMPTY;
		}
		this.mask = count - 1;
	}

	/** The number of cells for {@code processors}. */
	static int cellsFor(int processors) {
		int rounded = Integer.highestOneBit(Math.max(1, processors) * 2 - 1);
		return Math.min(MAX_CELLS, rounded * 2);
	}

	/** The number of cells. */
	int count() {
		return this.mask + 1;
	}

	/**
	 * Adds to the calling thread's cell; {@code false} when the cell it reached was
	 * closed (nothing added).
	 */
	boolean add(double value) {
		long self = threadId();
		int first = (int) self & this.mask;
		int cell = first;
		for (int probes = 0; probes <= this.mask; probes++) {
			long owner = (long) CELL.getAcquire(this.cells, index(cell) + 1);
			if (owner == self || (owner == 0 && claim(cell, self))) {
				return addTo(cell, value);
			}
			cell = (cell + 1) & this.mask;
		}
		// more threads than cells: share the first one
		return addTo(first, value);
	}

	/** Makes the cell the thread's own unless another thread got it first. */
	private boolean claim(int cell, long self) {
		long witness = (long) CELL.compareAndExchange(this.cells, index(cell) + 1, 0L, self);
		return witness == 0 || witness == self;
	}

	private boolean addTo(int cell, double value) {
		int index = index(cell);
		for (;;) {
			long current = (long) CELL.getVolatile(this.cells, index);
			if (current == CellBucket.CLOSED_BITS) {
				return false;
			}
			if (CELL.compareAndSet(this.cells, index, current,
					Double.doubleToRawLongBits(CounterBucket.sum(current, value)))) {
				return true;
			}
		}
	}

	/**
	 * Closes every cell (flushing thread only); returns the bits of what they held in
	 * total, {@link CellBucket#EMPTY} when nothing.
	 */
	long close() {
		long total = CellBucket.EMPTY;
		for (int i = 0; i <= this.mask; i++) {
			total = plus(total, (long) CELL.getAndSet(this.cells, index(i), CellBucket.CLOSED_BITS));
		}
		return total;
	}

	/** What the cells hold now, added to {@code bits} (racy: for diagnostics). */
	long peek(long bits) {
		long total = bits;
		for (int i = 0; i <= this.mask; i++) {
			total = plus(total, (long) CELL.getVolatile(this.cells, index(i)));
		}
		return total;
	}

	/**
	 * Cell bits plus cell bits, skipping {@link CellBucket#EMPTY} and
	 * {@link CellBucket#CLOSED_BITS}.
	 */
	static long plus(long bits, long more) {
		if (!CellBucket.holdsValue(more)) {
			return bits;
		}
		return Double.doubleToRawLongBits(CounterBucket.sum(bits, Double.longBitsToDouble(more)));
	}

	private static int index(int cell) {
		return (cell + 1) * STRIDE;
	}

	/**
	 * The calling thread's id (read from the thread: no thread-local, no allocation),
	 * which also picks its first cell: pool threads have consecutive ids, so threads
	 * running at once start on different cells.
	 */
	@SuppressWarnings("deprecation") // Thread.getId(): threadId() is Java 19+
	private static long threadId() {
		return Thread.currentThread().getId();
	}

}
