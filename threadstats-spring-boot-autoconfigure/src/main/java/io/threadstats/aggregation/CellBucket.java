package io.threadstats.aggregation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import io.threadstats.api.OpenBucket;

/**
 * A bucket whose state is one double, kept as raw bits in one {@code long} (the cell)
 * updated by CAS: the recording path is one atomic operation. "Nothing recorded yet" is
 * negative zero, which no stored value can be (every value is stored or added as
 * {@code value + 0.0}, which turns {@code -0.0} into {@code 0.0}; a sum of such values is
 * never {@code -0.0}), so a first add needs no test for it: {@code -0.0 + x} is
 * {@code x}. "Closed" is a NaN bit pattern that arithmetic on finite values never
 * produces; values are checked finite before they get here. {@link CounterBucket} adds
 * striped cells under contention; the cell here stays its base and is always the last
 * thing closed, so a closed cell means a closed bucket.
 */
abstract class CellBucket extends Bucket {

	/**
	 * Nothing recorded yet ({@code -0.0}): a closed empty bucket emits nothing.
	 */
	static final long EMPTY = 0x8000_0000_0000_0000L;

	/** Closed by a flush. */
	static final long CLOSED_BITS = 0x7ff4_c105_ed00_0001L;

	/**
	 * {@link #tryAddToCell} result: another writer changed the cell first; nothing was
	 * added.
	 */
	static final int CONTENDED = -1;

	private static final VarHandle CELL;

	static {
		try {
			CELL = MethodHandles.lookup().findVarHandle(CellBucket.class, "cell", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	@SuppressWarnings("unused") // accessed through CELL
	private volatile long cell = EMPTY;

	/** What the flush read when it closed the bucket. */
	private long closedWith = EMPTY;

	CellBucket(long start) {
		super(start);
	}

	@Override
	int add(double value) {
		return addToCell(value);
	}

	/**
	 * Adds to the cell, retrying until it succeeds: {@link #ADDED}, or {@link #CLOSED}
	 * once the cell is closed.
	 */
	final int addToCell(double value) {
		int result = tryAddToCell(value);
		while (result == CONTENDED) {
			result = tryAddToCell(value);
		}
		return result;
	}

	/**
	 * One attempt to add to the cell: {@link #ADDED}, {@link #CLOSED} or
	 * {@link #CONTENDED}.
	 */
	final int tryAddToCell(double value) {
		long current = (long) CELL.getVolatile(this);
		if (current == CLOSED_BITS) {
			return CLOSED;
		}
		return CELL.compareAndSet(this, current, Double.doubleToRawLongBits(combine(current, value))) ? ADDED
				: CONTENDED;
	}

	/**
	 * The new value from the current bits ({@link #EMPTY}, that is {@code -0.0}, when
	 * nothing was recorded) and a new value; never {@code -0.0} itself.
	 */
	abstract double combine(long currentBits, double value);

	@Override
	final boolean isClosed() {
		return (long) CELL.getVolatile(this) == CLOSED_BITS;
	}

	@Override
	void close() {
		closedWith(closeCell());
	}

	/** Closes the cell; returns what it held. */
	final long closeCell() {
		return (long) CELL.getAndSet(this, CLOSED_BITS);
	}

	/** Records what the bucket held when it was closed ({@link #EMPTY} for nothing). */
	final void closedWith(long bits) {
		this.closedWith = bits;
	}

	/**
	 * What the cell holds now ({@link #EMPTY} or {@link #CLOSED_BITS} when it holds no
	 * value).
	 */
	final long cellBits() {
		return (long) CELL.getVolatile(this);
	}

	@Override
	OpenBucket peek() {
		long bits = cellBits();
		return holdsValue(bits) ? OpenBucket.ofValue(this.start, Double.longBitsToDouble(bits)) : null;
	}

	/**
	 * Whether cell bits hold a value (rather than {@link #EMPTY} or
	 * {@link #CLOSED_BITS}).
	 */
	static boolean holdsValue(long bits) {
		return bits != EMPTY && bits != CLOSED_BITS;
	}

	/** Whether anything was recorded before the close. */
	final boolean hasValue() {
		return holdsValue(this.closedWith);
	}

	/**
	 * Never called: a one-cell bucket is emitted from its cell, and what is kept of it
	 * for late points (a counter's total, not a gauge's last call) is a number in
	 * {@link KeptBuckets}, not an aggregate object.
	 */
	@Override
	final Aggregate aggregate() {
		throw new UnsupportedOperationException("a one-cell bucket has no aggregate object");
	}

	@Override
	final boolean holdsValues() {
		return hasValue();
	}

	/** The value the bucket held when it was closed. */
	final double closedValue() {
		return Double.longBitsToDouble(this.closedWith);
	}

}
