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
 * Each cell has an owner: the first thread that wrote to it (or one that took it over,
 * see below). A thread starts at the cell its id picks and moves on past cells other
 * threads own until it finds its own or a free one, which it claims; so two threads whose
 * ids pick the same cell still end up on cells of their own. Once every cell is owned (by
 * threads that wrote first in the bucket, which in a pool may have ended), a thread adds
 * to the cell its id picks; if another writer beats it there, it takes over the owner
 * slot of another cell, as {@code DoubleAdder} moves a thread after a failed update.
 * Taking an ended thread's cell costs nobody anything; a running owner whose cell was
 * taken goes the same way at its next collision. Take-overs are limited to
 * {@value #TAKE_OVERS_PER_CELL} per cell and bucket: with more running writers than
 * cells, take-overs would otherwise keep rewriting the owners every call reads.
 *
 * <p>
 * Layout, in one {@code long[]}: {@value #STRIDE} longs (128 bytes, two cache lines,
 * since CPUs fetch lines in adjacent pairs) of padding, the owners' ids side by side, the
 * take-overs left, padding, then the cells {@value #STRIDE} longs apart with the same
 * padding after the last. The owners are apart from the cells because every call reads
 * them, past other threads' cells too: next to each cell they would put a thread whose id
 * picks another thread's cell on that thread's busy line at every call. Written once per
 * thread and bucket, they stay in every reader's cache. On 2 processors: 4 cells in about
 * 910 bytes, allocated only by a bucket that saw contention.
 */
final class CounterStripes {

	/** Marks a closing or closed bucket: no stripes may be installed any more. */
	static final long[] CLOSED = new long[0];

	static final int STRIDE = 16;

	static final int MAX_CELLS = 32;

	private static final int CELLS = cellsFor(Runtime.getRuntime().availableProcessors());

	private static final int MASK = CELLS - 1;

	static final int TAKE_OVERS_PER_CELL = 2;

	/** Where the owners start. */
	private static final int OWNERS = STRIDE;

	/** Where the count of take-overs left is: right after the owners. */
	static final int TAKE_OVERS_LEFT = OWNERS + CELLS;

	/**
	 * Where the first cell is: past the owners and the take-overs left, rounded up to a
	 * stride, and a stride more.
	 */
	private static final int FIRST_CELL = OWNERS + (CELLS + 1 + STRIDE - 1) / STRIDE * STRIDE + STRIDE;

	private static final VarHandle CELL = MethodHandles.arrayElementVarHandle(long[].class);

	private CounterStripes() {
	}

	/** Fresh stripes: every cell empty, none owned. */
	static long[] create() {
		long[] cells = new long[FIRST_CELL + CELLS * STRIDE];
		for (int i = 0; i < CELLS; i++) {
			cells[cellIndex(i)] = CellBucket.EMPTY;
		}
		cells[TAKE_OVERS_LEFT] = (long) TAKE_OVERS_PER_CELL * CELLS;
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
		// a plain read: only this thread writes its id, and a stale owner only sends the
		// value to a cell taken over since, which is still a cell of the bucket
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
		return addSharing(cells, self, first, value);
	}

	/**
	 * Adds to the cell the thread's id picks, which another thread owns; when another
	 * writer changed it first, takes another cell over and adds there.
	 */
	private static boolean addSharing(long[] cells, long self, int first, double value) {
		int index = cellIndex(first);
		long current = cells[index];
		if (current == CellBucket.CLOSED_BITS) {
			return false;
		}
		long witness = exchange(cells, index, current, value);
		if (witness == current) {
			return true;
		}
		if (witness == CellBucket.CLOSED_BITS) {
			return false;
		}
		return addTo(cells, takeOver(cells, self, first), value);
	}

	/**
	 * Makes another cell than {@code first} the thread's own, unless no take-over is left
	 * in this bucket; returns the cell to add to. Successive take-overs start at
	 * different cells, so threads that collide on one cell spread out.
	 */
	static int takeOver(long[] cells, long self, int first) {
		if ((long) CELL.getAcquire(cells, TAKE_OVERS_LEFT) <= 0) {
			return first;
		}
		long left = (long) CELL.getAndAdd(cells, TAKE_OVERS_LEFT, -1L);
		if (left <= 0) {
			return first;
		}
		int cell = (first + 1 + (int) (left % (CELLS - 1))) & MASK;
		for (int probes = 0; probes < CELLS; probes++) {
			if (cell != first) {
				long owner = (long) CELL.getAcquire(cells, ownerIndex(cell));
				if (owner == self || (long) CELL.compareAndExchange(cells, ownerIndex(cell), owner, self) == owner) {
					return cell;
				}
			}
			cell = (cell + 1) & MASK;
		}
		return first;
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
			long witness = exchange(cells, index, current, value);
			if (witness == current) {
				return true;
			}
			current = witness;
		}
	}

	/**
	 * One attempt to add to the cell at {@code index} if it still holds {@code current};
	 * returns what it held ({@code current} when the value was added).
	 */
	private static long exchange(long[] cells, int index, long current, double value) {
		return (long) CELL.compareAndExchange(cells, index, current,
				Double.doubleToRawLongBits(CounterBucket.sum(current, value)));
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
