package io.threadstats.aggregation;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.threadstats.api.RejectReason;
import io.threadstats.snapshot.DoubleValues;

/**
 * Full distribution chunks waiting to go out before their bucket closes, and the signal
 * that tells the flushing thread so. Recording threads offer (lock-free); only the
 * flushing thread drains, because the submitter is called from it alone. The signal runs
 * once per drain, not once per chunk.
 *
 * <p>
 * A chunk is offered after its writer let go of its stripe, so the close cannot rely on
 * closing the stripe to see it: offers pass the {@link CloseGate}, which the close shuts
 * and waits on before its last flush drains. An offer refused by the shut gate is counted
 * as {@link RejectReason#CLOSED}: its values met the close.
 *
 * <p>
 * Chunks drained by an early hand-off go out as values that, once released by the
 * submitter, go back to the {@link ChunkPool}; a flush's go out as plain values, since
 * {@code ThreadStats.flush()} returns them to its caller.
 */
final class SealedChunks {

	private final ConcurrentLinkedQueue<Sealed> queue = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean signalled = new AtomicBoolean();

	private final CloseGate gate;

	private final Problems problems;

	/** Where a released point's chunk goes: one object for every point. */
	private final Consumer<double[]> giveBack;

	private volatile Runnable signal;

	SealedChunks(CloseGate gate, Problems problems, ChunkPool chunks) {
		this.gate = gate;
		this.problems = problems;
		this.giveBack = chunks::giveBack;
	}

	/** What runs (on a recording thread: it must not block) when chunks start waiting. */
	void onWaiting(Runnable signal) {
		this.signal = signal;
	}

	/**
	 * Queues a full chunk; {@code false} (counted as closed) once the instance is
	 * closing.
	 */
	boolean offer(Series series, DistributionBucket bucket, double[] values) {
		if (!this.gate.tryEnter()) {
			this.problems.count(RejectReason.CLOSED, values.length);
			return false;
		}
		try {
			this.queue.add(new Sealed(series, bucket, values));
		}
		finally {
			this.gate.leave();
		}
		Runnable current = this.signal;
		if (current != null && !this.signalled.get() && this.signalled.compareAndSet(false, true)) {
			current.run();
		}
		return true;
	}

	/**
	 * Runs the signal again, whether or not chunks wait: for a hand-off (or a flush) that
	 * the flushing thread put off while a submission was in flight, once it is done.
	 * Until the next drain, writers then do not signal again.
	 */
	void signalAgain() {
		this.signalled.set(true);
		Runnable current = this.signal;
		if (current != null) {
			current.run();
		}
	}

	/**
	 * Counts values dropped because delivery was behind, and says so once in the log.
	 */
	void dropped(int values) {
		this.problems.count(RejectReason.DELIVERY_BEHIND, values);
		this.problems.warnOnce("delivery-behind", Problems.message(RejectReason.DELIVERY_BEHIND,
				values + " distribution value(s)", "flushes did not take full chunks as fast as they filled"));
	}

	/**
	 * Emits every waiting chunk as a point of its own (flushing thread).
	 * @param reusable whether the points' values go back to the pool when released: only
	 * for a snapshot that goes to the submitter alone
	 */
	int drainInto(FlushOutput out, boolean reusable) {
		this.signalled.set(false);
		int drained = 0;
		for (Sealed sealed = this.queue.poll(); sealed != null; sealed = this.queue.poll()) {
			sealed.bucket.waiting.decrementAndGet();
			double[] values = sealed.values;
			out.distribution(sealed.series, sealed.bucket.start,
					reusable ? DoubleValues.reusable(values, values.length, this.giveBack)
							: DoubleValues.of(values, values.length));
			drained++;
		}
		return drained;
	}

	private record Sealed(Series series, DistributionBucket bucket, double[] values) {
	}

}
