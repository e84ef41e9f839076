package io.threadstats.aggregation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bucket whose state spans several fields (histogram, distribution, set), protected by
 * a claim/complete pair instead of a lock. A writer claims a ticket ({@code claimed++};
 * the ticket is also its slot index), writes, then completes ({@code completed++}). The
 * flusher closes by adding {@link #CLOSED_OFFSET} to {@code claimed}: every later claim
 * sees a closed bucket and goes elsewhere; the flusher then waits (and only it ever
 * waits) until every ticket handed out before the close is completed.
 */
abstract class ClaimedBucket extends Bucket {

	/** Added to {@code claimed} on close; no bucket ever sees this many claims. */
	static final long CLOSED_OFFSET = 1L << 62;

	private static final VarHandle CLAIMED;

	private static final VarHandle COMPLETED;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			CLAIMED = lookup.findVarHandle(ClaimedBucket.class, "claimed", long.class);
			COMPLETED = lookup.findVarHandle(ClaimedBucket.class, "completed", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	@SuppressWarnings("unused") // accessed through CLAIMED
	private volatile long claimed;

	@SuppressWarnings("unused") // accessed through COMPLETED
	private volatile long completed;

	/**
	 * How many tickets were claimed before the close: the number of writes the bucket
	 * holds.
	 */
	private long claimedBeforeClose;

	ClaimedBucket(long start) {
		super(start);
	}

	/**
	 * Claims a ticket: its index among this bucket's writes, or -1 when the bucket is
	 * closed.
	 */
	final long claim() {
		long ticket = (long) CLAIMED.getAndAdd(this, 1L);
		return (ticket >= CLOSED_OFFSET) ? -1 : ticket;
	}

	/** Completes a claimed ticket's write (always, also when the write failed). */
	final void complete() {
		COMPLETED.getAndAdd(this, 1L);
	}

	@Override
	final boolean isClosed() {
		return (long) CLAIMED.getVolatile(this) >= CLOSED_OFFSET;
	}

	@Override
	final void close() {
		long claimedBefore = (long) CLAIMED.getAndAdd(this, CLOSED_OFFSET);
		while ((long) COMPLETED.getVolatile(this) != claimedBefore) {
			Thread.onSpinWait();
		}
		this.claimedBeforeClose = claimedBefore;
	}

	/**
	 * The writes claimed so far (some may still be completing), or -1 once closed: a racy
	 * count for diagnostics, never for emitting.
	 */
	final long claimedSoFar() {
		long claimedNow = (long) CLAIMED.getVolatile(this);
		return (claimedNow >= CLOSED_OFFSET) ? -1 : claimedNow;
	}

	/**
	 * The number of writes that got in before the close (valid after {@link #close()}).
	 */
	final long writes() {
		return this.claimedBeforeClose;
	}

}
