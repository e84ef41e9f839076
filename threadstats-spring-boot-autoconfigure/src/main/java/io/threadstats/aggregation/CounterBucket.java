package io.threadstats.aggregation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import io.threadstats.api.CounterType;
import io.threadstats.api.OpenBucket;
import io.threadstats.snapshot.MetricType;

/**
 * A counter's bucket: the sum of its values, emitted as {@code sum / R} ({@code rate}) or
 * {@code sum} ({@code count}).
 *
 * <h2>Striping</h2> Uncontended, a value is one CAS on the base cell and the bucket is no
 * bigger than a gauge's (the {@code stripes} reference fills alignment padding). The
 * first CAS that fails because another writer got there first installs
 * {@link CounterStripes} (one CAS on {@code stripes}); from then on writers add to their
 * own stripe cell and leave the base alone, as {@code LongAdder} does.
 *
 * <h2>Why a value lands exactly once</h2> {@link #close()} (flushing thread, once) works
 * in this order:
 * <ol>
 * <li>swaps {@code stripes} to {@link CounterStripes#CLOSED}: from now on no stripes can
 * be installed (an installing CAS expects {@code null}), so the stripes it got, if any,
 * are the only ones there will ever be;</li>
 * <li>swaps each of those stripe cells to {@link CellBucket#CLOSED_BITS}, adding what
 * they held;</li>
 * <li>swaps the base cell to {@link CellBucket#CLOSED_BITS}, adding what it held.</li>
 * </ol>
 * Every write is a CAS from a value that is not {@code CLOSED_BITS}, and a closed cell is
 * never reopened, so for each cell a write either comes before the close's swap of that
 * cell (the close reads it) or fails and sees the cell closed. A writer that finds its
 * stripe cell closed, or finds {@code CLOSED} where it wanted to install stripes, falls
 * back to the base cell: until step 3 that add succeeds and step 3 reads it; after step 3
 * it returns {@link #CLOSED} and the value goes to a fresh bucket (the next flush). A
 * writer that installs stripes before step 1 is covered by step 2. So inflation loses no
 * concurrent write and cannot race the close, and the base closing last keeps
 * {@link #isClosed()} (base closed) meaning "every write from now on is refused".
 */
final class CounterBucket extends CellBucket {

	private static final VarHandle STRIPES;

	static {
		try {
			STRIPES = MethodHandles.lookup().findVarHandle(CounterBucket.class, "stripes", long[].class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/**
	 * {@code null} until contended; {@link CounterStripes#CLOSED} from the start of the
	 * close. Read plainly (written by CAS and swap): a stale {@code null} only sends a
	 * writer to the base cell, which is always right, and stale stripes that were closed
	 * send it there too, since their cells are closed. A writer that reads a cell before
	 * its initial value is visible fails its compare-and-exchange, which returns what the
	 * cell holds (see {@link CounterStripes}).
	 */
	private long[] stripes;

	CounterBucket(long start) {
		super(start);
	}

	@Override
	int add(double value) {
		long[] current = this.stripes;
		if (current == null) {
			int result = tryAddToCell(value);
			if (result != CONTENDED) {
				return result;
			}
			current = inflate();
		}
		if (current != CounterStripes.CLOSED && CounterStripes.add(current, value)) {
			return ADDED;
		}
		// closing: the base cell closes last, so it decides whether the value still gets
		// in
		return addToCell(value);
	}

	/** A sampled value counts {@code weight} times: the DogStatsD way. */
	@Override
	int add(double value, double weight) {
		return add(value * weight);
	}

	/**
	 * Installs stripes unless some are installed or the close began; returns what is
	 * installed now.
	 */
	long[] inflate() {
		long[] fresh = CounterStripes.create();
		long[] witness = (long[]) STRIPES.compareAndExchange(this, null, fresh);
		return (witness != null) ? witness : fresh;
	}

	@Override
	double combine(long currentBits, double value) {
		return sum(currentBits, value);
	}

	/**
	 * Cell bits ({@link #EMPTY}, {@code -0.0}, for nothing yet) plus a value, which is
	 * never {@code -0.0} (see {@link CellBucket}).
	 */
	static double sum(long currentBits, double value) {
		return Double.longBitsToDouble(currentBits) + (value + 0.0);
	}

	@Override
	void close() {
		long[] striped = (long[]) STRIPES.getAndSet(this, CounterStripes.CLOSED);
		long total = (striped != null) ? CounterStripes.close(striped) : EMPTY;
		closedWith(CounterStripes.plus(total, closeCell()));
	}

	@Override
	OpenBucket peek() {
		long bits = cellBits();
		long[] striped = this.stripes;
		long total = CounterStripes.plus(EMPTY, bits);
		if (striped != null && striped != CounterStripes.CLOSED) {
			total = CounterStripes.peek(striped, total);
		}
		return holdsValue(total) && bits != CLOSED_BITS ? OpenBucket.ofValue(this.start, Double.longBitsToDouble(total))
				: null;
	}

	/** The stripes' cell count, 0 while uncontended (for tests). */
	int stripeCount() {
		long[] striped = this.stripes;
		return (striped != null && striped != CounterStripes.CLOSED) ? CounterStripes.count() : 0;
	}

	@Override
	boolean emit(Series series, FlushOutput out) {
		return hasValue() && emitTotal(series, this.start, closedValue(), out);
	}

	/** Emits a counter's total for a bucket, as a rate or a count. */
	static boolean emitTotal(Series series, long start, double total, FlushOutput out) {
		if (out.counterType() == CounterType.COUNT) {
			return out.point(series, series.emittedNames[0], MetricType.COUNT, start, total);
		}
		return out.point(series, series.emittedNames[0], MetricType.RATE, start, total / out.rollUpSeconds());
	}

}
