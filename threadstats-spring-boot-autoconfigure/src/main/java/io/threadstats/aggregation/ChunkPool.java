package io.threadstats.aggregation;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Full-size distribution chunks that delivery gave back, for writers to fill again, so
 * that a hot distribution allocates nothing per value once its first chunks went round. A
 * chunk comes back only from a point of an early hand-off whose values the submitter
 * {@link io.threadstats.snapshot.DistributionPoint#releaseValues() released} (points of
 * {@code ThreadStats.flush()}, which its caller may keep, never come back). At most
 * {@value #CAPACITY} chunks wait here; one given back beyond that is left to the garbage
 * collector, so the pool never holds more than {@value #CAPACITY} × values per point × 8
 * bytes (measured: with 8, two writers at 100 M values a second outran delivery often
 * enough to allocate 0.4 to 0.7 bytes a value; with 32, 0.1).
 *
 * <p>
 * A few slots taken and filled by atomic swaps, not a queue: a writer takes its next
 * chunk while holding its stripe, where it must never wait for a lock (a flush waits for
 * a held stripe), and a lock-free queue allocates a node per chunk.
 */
final class ChunkPool {

	static final int CAPACITY = 32;

	private final int chunkLength;

	private final AtomicReferenceArray<double[]> spare = new AtomicReferenceArray<>(CAPACITY);

	ChunkPool(int chunkLength) {
		this.chunkLength = chunkLength;
	}

	/** The values one full chunk holds: one distribution point's most. */
	int chunkLength() {
		return this.chunkLength;
	}

	/** A full-size chunk to fill: one given back, or a new one. */
	double[] take() {
		for (int i = 0; i < CAPACITY; i++) {
			if (this.spare.get(i) != null) {
				double[] chunk = this.spare.getAndSet(i, null);
				if (chunk != null) {
					return chunk;
				}
			}
		}
		return new double[this.chunkLength];
	}

	/**
	 * Keeps a chunk that nothing reads any more, for {@link #take}, unless the pool is
	 * full (any thread; called once per chunk, by a released point).
	 */
	void giveBack(double[] chunk) {
		if (chunk.length != this.chunkLength) {
			return;
		}
		for (int i = 0; i < CAPACITY; i++) {
			if (this.spare.get(i) == null && this.spare.compareAndSet(i, null, chunk)) {
				return;
			}
		}
	}

}
