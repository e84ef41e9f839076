package io.threadstats.aggregation;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Full-size distribution chunks that delivery gave back, for writers to fill again, so
 * that a hot distribution allocates nothing per value once its first chunks went round. A
 * chunk comes back only from a point of an early hand-off whose values the submitter
 * {@link io.threadstats.snapshot.DistributionPoint#releaseValues() released} (points of
 * {@code ThreadStats.flush()}, which its caller may keep, never come back). At most
 * {@value #CAPACITY} chunks wait here; one given back beyond that is left to the garbage
 * collector, so the pool never holds more than {@value #CAPACITY} × values per point × 8
 * bytes.
 *
 * <p>
 * A chunk is taken and given back once per {@code valuesPerPoint} values, so a lock
 * ({@link ArrayBlockingQueue}, which allocates nothing per element) costs nothing
 * measurable here.
 */
final class ChunkPool {

	static final int CAPACITY = 8;

	private final int chunkLength;

	private final ArrayBlockingQueue<double[]> spare = new ArrayBlockingQueue<>(CAPACITY);

	ChunkPool(int chunkLength) {
		this.chunkLength = chunkLength;
	}

	/** The values one full chunk holds: one distribution point's most. */
	int chunkLength() {
		return this.chunkLength;
	}

	/** A full-size chunk to fill: one given back, or a new one. */
	double[] take() {
		double[] chunk = this.spare.poll();
		return (chunk != null) ? chunk : new double[this.chunkLength];
	}

	/**
	 * Keeps a chunk that nothing reads any more, for {@link #take}, unless the pool is
	 * full (any thread; called once per chunk, by a released point).
	 */
	void giveBack(double[] chunk) {
		if (chunk.length == this.chunkLength) {
			this.spare.offer(chunk);
		}
	}

}
