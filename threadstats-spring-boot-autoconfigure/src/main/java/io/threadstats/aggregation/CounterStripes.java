package io.threadstats.aggregation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The extra cells a contended {@link CounterBucket} spreads its sum over, as
 * {@code LongAdder} does, so that threads hitting one counter stop fighting over one
 * cache line. Cells hold the same bits as the bucket's base cell
 * ({@link CellBucket#EMPTY}, a sum, or {@link CellBucket#CLOSED_BITS}). The number of
 * cells is the processors rounded up to a power of two, times two so that a few hot
 * threads rarely share a cell (capped at {@value #MAX_CELLS}).
 *
 * <p>
 * Each cell has an owner: the first thread that wrote to it. A thread starts at the cell
 * its id picks and moves on past cells other threads own until it finds its own or a free
 * one, which it claims; so two threads whose ids pick the same cell still end up on cells
 * of their own, for the life of the bucket. Only with more writing threads than cells do
 * threads share a cell (the first their id picks), where a failed CAS simply retries.
 *
 * <p>
 * Layout, in one {@code long[]}: {@value #STRIDE} longs (128 bytes, two cache lines,
 * since CPUs fetch lines in adjacent pairs) of padding, the owners' ids side by side,
 * padding, then the cells {@value #STRIDE} longs apart with the same padding after the
 * last. The owners are apart from the cells because every call reads them, past other
 * threads' cells too: next to each cell they would put a thread whose id picks another
 * thread's cell on that thread's busy line at every call. Written once per thread and
 * bucket, they stay in every reader's cache. On 2 processors: 4 cells in about 910 bytes,
 * allocated only by a bucket that saw contention.
 */
final class CounterStripes {

	/** Marks a closing or closed bucket: no stripes may be installed any more. */
	static final long[] CLOSED = new long[0];

	static final int STRIDE = 16;

	static final int MAX_CELLS = 32;

	private static final int CELLS = cellsFor(Runtime.getRuntime().availableProcessors());

	private static final int MASK = CELLS - 1;

	/** Where the owners start. */
	private static final int OWNERS = STRIDE;

	/**
	 * Where the first cell is: past the owners, rounded up to a stride, and a stride
	 * more.
	 */
	private static final int FIRST_CELL = OWNERS + (CELLS + STRIDE - 1) / STRIDE * STRIDE + STRIDE;

	private static final VarHandle CELL = MethodHandles.arrayElementVarHandle(long[].class);

	private CounterStripes() {
	}

	/** Fresh stripes: every cell empty, none owned. */
	static long[] create() {
		long[] cells = new long[FIRST_CELL + CELLS * STRIDE];
		for (int i = 0; i < CELLS; i++) {
			cells[cellIndex(i)] = CellBucket.EMPTY;
		}
		return cells;
	}

	/** The number of cells for {@code processors}. */
	static int cellsFor(int processors) {
		int rounded = Integer.highestOneBit(Math.max(1, processors) * 2 - 1);
		return Math.min(MAX_CELLS, rounded * 2);
	}

	/** The number of cells. */
	static int count() {
		return CELLS;
	}

	/**
	 * Adds to the calling thread's cell; {@code false} when the cell it reached was
	 * closed (nothing added).
	 */
	static boolean add(long[] cells, double value) {
		long self = ThreadIds.current();
		int first = (int) self & MASK;
		// a plain read: an owner is set once and ids are unique, so only the thread's own
		// claim reads as its id
		if (cells[ownerIndex(first)] == self) {
			return addTo(cells, first, value);
		}
		return addLookingFurther(cells, self, first, value);
	}

	/** {@link #add} when the cell the thread's id picks is not its own. */
	private static boolean addLookingFurther(long[] cells, long self, int first, double value) {
		int cell = first;
		for (int probes = 0; probes < CELLS; probes++) {
			long owner = (long) CELL.getAcquire(cells, ownerIndex(cell));
			if (owner == self || (owner == 0 && claim(cells, cell, self))) {
				return addTo(cells, cell, value);
			}
			cell = (cell + 1) & MASK;
		}
		// more threads than cells: share the first one
		return addTo(cells, first, value);
	}

	/** Makes the cell the thread's own unless another thread got it first. */
	private static boolean claim(long[] cells, int cell, long self) {
		long witness = (long) CELL.compareAndExchange(cells, ownerIndex(cell), 0L, self);
		return witness == 0 || witness == self;
	}

	private static boolean addTo(long[] cells, int cell, double value) {
		int index = cellIndex(cell);
		// a plain read first: a stale value fails the compare-and-exchange, which returns
		// what the cell holds
		long current = cells[index];
		for (;;) {
			if (current == CellBucket.CLOSED_BITS) {
				return false;
			}
			long witness = (long) CELL.compareAndExchange(cells, index, current,
					Double.doubleToRawLongBits(CounterBucket.sum(current, value)));
			if (witness == current) {
				return true;
			}
			current = witness;
		}
	}

	/**
	 * Closes every cell (flushing thread only); returns the bits of what they held in
	 * total, {@link CellBucket#EMPTY} when nothing.
	 */
	static long close(long[] cells) {
		long total = CellBucket.EMPTY;
		for (int i = 0; i < CELLS; i++) {
			total = plus(total, (long) CELL.getAndSet(cells, cellIndex(i), CellBucket.CLOSED_BITS));
		}
		return total;
	}

	/** What the cells hold now, added to {@code bits} (racy: for diagnostics). */
	static long peek(long[] cells, long bits) {
		long total = bits;
		for (int i = 0; i < CELLS; i++) {
			total = plus(total, (long) CELL.getVolatile(cells, cellIndex(i)));
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

	/** Where a cell's value is in the array. */
	static int cellIndex(int cell) {
		return FIRST_CELL + cell * STRIDE;
	}

	/** Where a cell's owner is in the array. */
	static int ownerIndex(int cell) {
		return OWNERS + cell;
	}

}
