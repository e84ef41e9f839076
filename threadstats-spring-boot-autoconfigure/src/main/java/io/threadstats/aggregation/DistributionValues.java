package io.threadstats.aggregation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.threadstats.snapshot.DoubleValues;

/**
 * A distribution's raw values in one bucket, in chunks of at most {@code valuesPerPoint}:
 * each full chunk is one distribution point. As a stripe, a full chunk is handed to its
 * bucket to be sent early ({@link DistributionBucket#seal}), so memory stays bounded
 * whatever the rate. Late values are simply sent: Datadog adds distribution points
 * together, so nothing is kept.
 */
final class DistributionValues extends Aggregate {

	private static final int FIRST_CHUNK = 64;

	/** Where full chunks go while recording; {@code null} once merged at the flush. */
	private final DistributionBucket bucket;

	private final int valuesPerPoint;

	private double[] chunk = new double[FIRST_CHUNK];

	private int size;

	/** Chunks filled while merging stripes at the flush (flushing thread only). */
	private List<double[]> full;

	DistributionValues(DistributionBucket bucket, int valuesPerPoint) {
		this.bucket = bucket;
		this.valuesPerPoint = valuesPerPoint;
	}

	@Override
	void add(double value, double weight) {
		if (this.size == this.chunk.length) {
			makeRoom();
		}
		this.chunk[this.size++] = value;
	}

	private void makeRoom() {
		if (this.chunk.length < this.valuesPerPoint) {
			this.chunk = Arrays.copyOf(this.chunk, Math.min(this.valuesPerPoint, this.chunk.length * 2));
			return;
		}
		double[] sealed = this.chunk;
		this.chunk = new double[this.valuesPerPoint];
		this.size = 0;
		if (this.bucket != null) {
			this.bucket.seal(sealed);
		}
		else {
			if (this.full == null) {
				this.full = new ArrayList<>();
			}
			this.full.add(sealed);
		}
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
		for (int i = 0; i < count; i++) {
			if (this.size == this.chunk.length) {
				// the flushing thread keeps what fills up; it never seals
				double[] filled = this.chunk;
				if (filled.length < this.valuesPerPoint) {
					this.chunk = Arrays.copyOf(filled, Math.min(this.valuesPerPoint, filled.length * 2));
				}
				else {
					if (this.full == null) {
						this.full = new ArrayList<>();
					}
					this.full.add(filled);
					this.chunk = new double[this.valuesPerPoint];
					this.size = 0;
				}
			}
			this.chunk[this.size++] = values[i];
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
	boolean mergesLate() {
		return false;
	}

	@Override
	long retainedBytes() {
		return 0;
	}

}
