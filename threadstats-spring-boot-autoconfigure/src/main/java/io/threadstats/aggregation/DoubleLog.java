package io.threadstats.aggregation;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * An append-only array of doubles written concurrently at distinct indexes (each writer
 * owns the index its ticket gave it), grown in chunks of doubling size (64, 128, 256,
 * ...) so that a bucket with few values holds little memory: at most about twice the
 * values written, plus a 16-slot chunk directory.
 */
final class DoubleLog {

	private static final int FIRST_CHUNK_SHIFT = 6;

	private static final int FIRST_CHUNK = 1 << FIRST_CHUNK_SHIFT;

	private final int capacity;

	private final AtomicReferenceArray<double[]> chunks;

	DoubleLog(int capacity) {
		this.capacity = capacity;
		this.chunks = new AtomicReferenceArray<>(chunkOf(capacity - 1) + 1);
	}

	/** How many values it may hold. */
	int capacity() {
		return this.capacity;
	}

	/** Stores the value at the index ({@code 0 <= index < capacity}). */
	void set(int index, double value) {
		int chunk = chunkOf(index);
		double[] values = this.chunks.get(chunk);
		if (values == null) {
			double[] fresh = new double[FIRST_CHUNK << chunk];
			values = this.chunks.compareAndExchange(chunk, null, fresh);
			if (values == null) {
				values = fresh;
			}
		}
		values[index - chunkStart(chunk)] = value;
	}

	/** The value at the index; valid for the flusher once the writers are quiesced. */
	double get(int index) {
		int chunk = chunkOf(index);
		return this.chunks.get(chunk)[index - chunkStart(chunk)];
	}

	/** The first {@code count} values, in index order. */
	double[] toArray(int count) {
		double[] values = new double[count];
		int copied = 0;
		for (int chunk = 0; copied < count; chunk++) {
			double[] source = this.chunks.get(chunk);
			int length = Math.min(source.length, count - copied);
			System.arraycopy(source, 0, values, copied, length);
			copied += length;
		}
		return values;
	}

	private static int chunkOf(int index) {
		return 31 - Integer.numberOfLeadingZeros((index >>> FIRST_CHUNK_SHIFT) + 1);
	}

	private static int chunkStart(int chunk) {
		return FIRST_CHUNK * ((1 << chunk) - 1);
	}

}
