package io.threadstats.aggregation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bucket whose whole state is one double, kept as raw bits in one {@code long} updated by CAS: the
 * recording path is one atomic operation. Two NaN bit patterns that double arithmetic never produces (it
 * yields the canonical quiet NaN) mark "nothing recorded yet" and "closed"; values are checked finite
 * before they get here.
 */
abstract class CellBucket extends Bucket {

	/** Nothing recorded yet: a closed empty bucket emits nothing. */
	static final long EMPTY = 0x7ff4_e3b7_0000_0001L;

	/** Closed by a flush. */
	static final long CLOSED_BITS = 0x7ff4_c105_ed00_0001L;

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
	final int add(double value) {
		long current = (long) CELL.getVolatile(this);
		for (;;) {
			if (current == CLOSED_BITS) {
				return CLOSED;
			}
			long next = Double.doubleToRawLongBits(combine(current, value));
			long witness = (long) CELL.compareAndExchange(this, current, next);
			if (witness == current) {
				return ADDED;
			}
			current = witness;
		}
	}

	/** The new value from the current bits ({@link #EMPTY} when nothing was recorded) and a new value. */
	abstract double combine(long currentBits, double value);

	@Override
	final boolean isClosed() {
		return (long) CELL.getVolatile(this) == CLOSED_BITS;
	}

	@Override
	final void close() {
		this.closedWith = (long) CELL.getAndSet(this, CLOSED_BITS);
	}

	/** Whether anything was recorded before the close. */
	final boolean hasValue() {
		return this.closedWith != EMPTY && this.closedWith != CLOSED_BITS;
	}

	/** The value the bucket held when it was closed. */
	final double closedValue() {
		return Double.longBitsToDouble(this.closedWith);
	}

}
