package io.threadstats;

import java.time.Instant;

/**
 * A pre-resolved counter: name, tags and host were validated once, so
 * {@link #increment()} does no lookup and allocates nothing.
 */
public interface Counter {

	/** Adds 1. */
	void increment();

	/** Adds {@code value}. */
	void increment(double value);

	/** Adds {@code value} at the given time ({@code null}: now). */
	void increment(double value, Instant timestamp);

	/** Subtracts 1. */
	default void decrement() {
		increment(-1);
	}

	/** Subtracts {@code value}. */
	default void decrement(double value) {
		increment(-value);
	}

}
