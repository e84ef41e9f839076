package io.threadstats.aggregation;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What lets {@link Aggregator#close()} emit every write it accepted: writers pass the
 * gate to open a bucket, and the close shuts it and waits for those inside before its
 * last flush.
 *
 * <p>
 * A write that passed the instance's closed check either adds to a bucket that already
 * exists (the last flush closes that bucket, so the write lands before the close or is
 * refused by the bucket) or opens one. Opening is the only way a bucket comes into being,
 * and it happens inside the gate: a writer {@link #tryEnter() enters} (count up, then
 * read {@code closed}) before it makes the bucket and {@link #leave() leaves} once it has
 * tried to swap it into its series' open buckets. The close sets {@code closed}, then
 * waits until the count is 0. These are volatile accesses on two variables in opposite
 * orders (Dekker's pattern), so one side sees the other: either the writer sees
 * {@code closed} and backs out (the caller counts the call as
 * {@link RejectReason#CLOSED}), or the close sees it inside and waits for it to leave,
 * which makes its bucket visible to the last flush. No bucket is opened after the wait
 * ends. Events and service checks are queued inside the gate the same way, and so are
 * full distribution chunks (see {@link SealedChunks}), so the last flush takes every one
 * it let in.
 *
 * <p>
 * Writers never wait here; the close waits only for writers between entering and leaving,
 * a few non-blocking steps.
 */
final class CloseGate {

	private volatile boolean closed;

	private final AtomicInteger inside = new AtomicInteger();

	/** Whether {@link #closeAndAwait()} was called. */
	boolean isClosed() {
		return this.closed;
	}

	/** Enters to open a bucket; {@code false} (and not inside) once closed. */
	boolean tryEnter() {
		this.inside.incrementAndGet();
		if (this.closed) {
			this.inside.decrementAndGet();
			return false;
		}
		return true;
	}

	/**
	 * Leaves after a successful {@link #tryEnter()}, once the writer has tried to swap
	 * the opened bucket into its series' open buckets.
	 */
	void leave() {
		this.inside.decrementAndGet();
	}

	/** Shuts the gate, then waits until every writer that got in has left. */
	void closeAndAwait() {
		this.closed = true;
		while (this.inside.get() != 0) {
			// a writer inside may be descheduled: give it the processor
			Thread.yield();
		}
	}

}
