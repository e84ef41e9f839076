package io.threadstats.aggregation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.threadstats.snapshot.DoubleValues;

/**
 * A distribution's raw values in one bucket, in chunks of at most a point's values: each
 * full chunk is one distribution point. As a stripe, a chunk that fills up is taken out
 * by its writer ({@link #append}) and handed to the bucket to be sent early once the
 * writer let go of the stripe ({@link DistributionBucket#add}), so memory stays bounded
 * whatever the rate; the next full-size chunk comes from the {@link ChunkPool}, where
 * delivery gives chunks back. Late values are simply sent: Datadog adds distribution
 * points together, so nothing is kept.
 */
abstract sealed class DistributionValues extends Aggregate permits DistributionValues.Stripe {

	private static final int FIRST_CHUNK = 64;

	/** Where a chunk that fills up gets its successor. */
	private final ChunkPool chunks;

	private double[] chunk;

	private int size;

	/**
	 * Full chunks kept to be emitted with the rest (not as a stripe: see {@link #add}).
	 */
	private List<double[]> full;

	DistributionValues(ChunkPool chunks) {
		this.chunks = chunks;
		this.chunk = new double[Math.min(FIRST_CHUNK, chunks.chunkLength())];
	}

	/**
	 * Adds a value and keeps a chunk that fills up, to be emitted with the rest. Stripes
	 * use {@link #append} instead, so that their full chunks go out early.
	 */
	@Override
	void add(double value, double weight) {
		double[] filled = append(value);
		if (filled != null) {
			keep(filled);
		}
	}

	/**
	 * Adds a value; returns the chunk it filled, taken out (the next value starts one
	 * from the pool: a small chunk grows by copies up to a full one, so that a quiet
	 * series holds little), or {@code null}.
	 */
	double[] append(double value) {
		double[] filled = null;
		if (this.size == this.chunk.length) {
			int full = this.chunks.chunkLength();
			if (this.chunk.length < full) {
				this.chunk = Arrays.copyOf(this.chunk, Math.min(full, this.chunk.length * 2));
			}
			else {
				filled = this.chunk;
				this.chunk = this.chunks.take();
				this.size = 0;
			}
		}
		this.chunk[this.size++] = value;
		return filled;
	}

	private void keep(double[] filled) {
		if (this.full == null) {
			this.full = new ArrayList<>();
		}
		this.full.add(filled);
	}

	@Override
	void merge(Aggregate other) {
		DistributionValues more = (DistributionValues) other;
		if (more.full != null) {
			for (double[] chunk : more.full) {
				mergeValues(chunk, chunk.length);
			}
		}
		mergeValues(more.chunk, more.size);
	}

	private void mergeValues(double[] values, int count) {
		// the flushing thread keeps what fills up, to emit it with the rest
		for (int i = 0; i < count; i++) {
			add(values[i], 1.0);
		}
	}

	@Override
	boolean isEmpty() {
		return this.size == 0 && this.full == null;
	}

	/** Values held now (racy outside a held stripe). */
	int size() {
		return this.size;
	}

	@Override
	boolean emit(Series series, long start, FlushOutput out) {
		if (this.full != null) {
			for (double[] chunk : this.full) {
				out.distribution(series, start, DoubleValues.of(chunk, chunk.length));
			}
		}
		if (this.size > 0) {
			out.distribution(series, start, DoubleValues.of(this.chunk, this.size));
		}
		return true;
	}

	@Override
	long retainedBytes() {
		return 0;
	}

	/** The only form: padded after its fields (see {@link StripePadding}). */
	static final class Stripe extends DistributionValues {

		long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15, q16;

		Stripe(ChunkPool chunks) {
			super(chunks);
		}

	}

}
