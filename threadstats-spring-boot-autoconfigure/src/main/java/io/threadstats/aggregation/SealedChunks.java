package io.threadstats.aggregation;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.threadstats.snapshot.DoubleValues;

/**
 * Full distribution chunks waiting to go out before their bucket closes, and the signal
 * that tells the flushing thread so. Recording threads offer (lock-free); only the
 * flushing thread drains, because the submitter is called from it alone. The signal runs
 * once per drain, not once per chunk.
 */
final class SealedChunks {

	private final ConcurrentLinkedQueue<Sealed> queue = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean signalled = new AtomicBoolean();

	private final LongAdder droppedValues = new LongAdder();

	private volatile Runnable signal;

	/** What runs (on a recording thread: it must not block) when chunks start waiting. */
	void onWaiting(Runnable signal) {
		this.signal = signal;
	}

	void offer(Series series, DistributionBucket bucket, double[] values) {
		this.queue.add(new Sealed(series, bucket, values));
		Runnable current = this.signal;
		if (current != null && !this.signalled.get() && this.signalled.compareAndSet(false, true)) {
			current.run();
		}
	}

	void dropped(int values) {
		this.droppedValues.add(values);
	}

	/** Values dropped because delivery was behind, taken (and reset) by the caller. */
	long takeDropped() {
		return this.droppedValues.sumThenReset();
	}

	/** Emits every waiting chunk as a point of its own (flushing thread). */
	int drainInto(FlushOutput out) {
		this.signalled.set(false);
		int drained = 0;
		for (Sealed sealed = this.queue.poll(); sealed != null; sealed = this.queue.poll()) {
			sealed.bucket.waiting.decrementAndGet();
			out.distribution(sealed.series, sealed.bucket.start, DoubleValues.of(sealed.values, sealed.values.length));
			drained++;
		}
		return drained;
	}

	private record Sealed(Series series, DistributionBucket bucket, double[] values) {
	}

}
