package io.threadstats.snapshot;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An unmodifiable list of doubles over an array, so that a distribution point of many
 * values holds 8 bytes per value instead of a boxed {@link Double} each.
 */
public final class DoubleValues extends AbstractList<Double> implements RandomAccess {

	private final double[] values;

	private final int size;

	private DoubleValues(double[] values, int size) {
		this.values = values;
		this.size = size;
	}

	/**
	 * The first {@code size} values of an array the caller hands over: it must not change
	 * them afterwards.
	 */
	public static List<Double> of(double[] values, int size) {
		if (size < 0 || size > values.length) {
			throw new IllegalArgumentException("size " + size + " is outside the array's 0.." + values.length);
		}
		return new DoubleValues(values, size);
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
		return this.values[index];
	}

	@Override
	public int size() {
		return this.size;
	}

}
