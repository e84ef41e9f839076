package io.threadstats.snapshot;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Consumer;

/**
 * An unmodifiable list of doubles over an array, so that a distribution point of many
 * values holds 8 bytes per value instead of a boxed {@link Double} each.
 *
 * <p>
 * Values over an array from the engine's pool ({@link #reusable}) go back there when
 * {@link #release() released} (see {@link DistributionPoint#releaseValues()}), to be
 * filled again with new values; reading them then throws instead of returning those (a
 * read racing the release may still see new values: reading after release is a bug that
 * this only makes loud).
 */
public final class DoubleValues extends AbstractList<Double> implements RandomAccess {

	private static final VarHandle RELEASED;

	static {
		try {
			RELEASED = MethodHandles.lookup().findVarHandle(DoubleValues.class, "released", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final double[] values;

	private final int size;

	/** Where the array goes when released, or {@code null}: nowhere. */
	private final Consumer<double[]> reuse;

	@SuppressWarnings("unused") // accessed through RELEASED
	private volatile boolean released;

	private DoubleValues(double[] values, int size, Consumer<double[]> reuse) {
		if (size < 0 || size > values.length) {
			throw new IllegalArgumentException("size " + size + " is outside the array's 0.." + values.length);
		}
		this.values = values;
		this.size = size;
		this.reuse = reuse;
	}

	/**
	 * The first {@code size} values of an array the caller hands over: it must not change
	 * them afterwards.
	 */
	public static List<Double> of(double[] values, int size) {
		return new DoubleValues(values, size, null);
	}

	/**
	 * The same as {@link #of}, with an array that {@link #release()} hands to
	 * {@code reuse}, exactly once.
	 */
	public static List<Double> reusable(double[] values, int size, Consumer<double[]> reuse) {
		return new DoubleValues(values, size, reuse);
	}

	/**
	 * Declares that nothing reads these values any more. When they are
	 * {@linkplain #reusable reusable}, the array goes back for reuse (the first call
	 * only) and reading afterwards throws {@link IllegalStateException}; otherwise
	 * nothing changes.
	 */
	public void release() {
		if (this.reuse != null && RELEASED.compareAndSet(this, false, true)) {
			this.reuse.accept(this.values);
		}
	}

	@Override
	public Double get(int index) {
		return getDouble(index);
	}

	/** The value at {@code index}, unboxed. */
	public double getDouble(int index) {
		if (index >= this.size) {
			throw new IndexOutOfBoundsException(index);
		}
		if (this.reuse != null && this.released) {
			throw new IllegalStateException("these distribution values were released for reuse (releaseValues()): "
					+ "read them before releasing them");
		}
		return this.values[index];
	}

	@Override
	public int size() {
		return this.size;
	}

}
