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
 * enough to allocate 0.4 to 0.7 bytes a value; with 32, 0.1). The first flush after a
 * flush interval in which nobody took one lets them all go ({@link #letGoIfUnused()}), so
 * a distribution that went quiet leaves nothing behind.
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

	/**
	 * Whether a writer took a chunk since the last {@link #letGoIfUnused()}: written only
	 * when it changes, so writers taking chunks do not share a line they all write.
	 */
	private volatile boolean taken;

	ChunkPool(int chunkLength) {
		this.chunkLength = chunkLength;
	}

	/** The values one full chunk holds: one distribution point's most. */
	int chunkLength() {
		return this.chunkLength;
	}

	/** A full-size chunk to fill: one given back, or a new one. */
	double[] take() {
		if (!this.taken) {
			this.taken = true;
		}
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

	/**
	 * Lets every waiting chunk go unless a writer took one since the last call (flushing
	 * thread, once per flush): what a hot distribution keeps reusing stays, what a quiet
	 * one left is garbage collected. A take racing this call at worst keeps the chunks
	 * for one more flush or lets them go one flush early (an allocation).
	 */
	void letGoIfUnused() {
		if (this.taken) {
			this.taken = false;
			return;
		}
		for (int i = 0; i < CAPACITY; i++) {
			this.spare.set(i, null);
		}
	}

	/** The chunks waiting to be taken (for tests). */
	int waiting() {
		int count = 0;
		for (int i = 0; i < CAPACITY; i++) {
			if (this.spare.get(i) != null) {
				count++;
			}
		}
		return count;
	}

}
