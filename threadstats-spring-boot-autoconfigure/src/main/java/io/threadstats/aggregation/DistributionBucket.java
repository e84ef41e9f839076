package io.threadstats.aggregation;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.threadstats.api.Limits;
import io.threadstats.api.OpenBucket;

/**
 * A distribution's bucket: raw values in per-thread {@link DistributionValues} stripes. A
 * chunk that fills up is taken out of its stripe and, once the writer let go of the
 * stripe, queued as a point of its own for early delivery ({@link SealedChunks}); at most
 * {@value #MAX_WAITING} of a bucket's points wait there, so a series holds at most
 * (stripes + that) chunks whatever the rate.
 *
 * <h2>A writer that outruns delivery</h2> Past half the backlog, a writer that queued a
 * chunk yields its processor once; facing a full backlog it sleeps, in pauses of
 * {@value #GIVE_WAY_PAUSE_NANOS} ns, for up to {@value #GIVE_WAY_NANOS} ns, so that the
 * flushing thread gets to run on a busy machine, and drops the chunk (counted as
 * {@code DELIVERY_BEHIND}) only if the backlog is still full then. It sleeps rather than
 * yields: a yield need not give the processor to the flushing thread, and with writers on
 * every core, 2 ms of yields sometimes did not (a chunk dropped in a full test run). It
 * never waits while holding its stripe, which a flush would wait for.
 */
final class DistributionBucket extends StripedBucket {

	/** Full chunks of one bucket that may wait for delivery. */
	static final int MAX_WAITING = Limits.MAX_WAITING_POINTS;

	/** How long a writer facing a full backlog gives way before it drops the chunk. */
	static final long GIVE_WAY_NANOS = 10_000_000;

	/** One pause of a writer giving way. */
	static final long GIVE_WAY_PAUSE_NANOS = 100_000;

	private final Series series;

	private final BucketContext context;

	/** Chunks of this bucket queued and not yet taken by a flush. */
	final AtomicInteger waiting = new AtomicInteger();

	DistributionBucket(long start, Series series, BucketContext context) {
		super(start);
		this.series = series;
		this.context = context;
	}

	@Override
	Aggregate newStripe() {
		return new DistributionValues.Stripe(this.context.chunks());
	}

	@Override
	int add(double value, double weight) {
		DistributionValues stripe = (DistributionValues) acquire();
		if (stripe == null) {
			return CLOSED;
		}
		double[] filled;
		try {
			filled = stripe.append(value);
		}
		finally {
			stripe.release();
		}
		if (filled != null) {
			queue(filled);
		}
		return ADDED;
	}

	/**
	 * Queues a full chunk for early delivery (a recording thread, holding nothing),
	 * giving way to the flushing thread when the backlog is long, or drops and counts it
	 * (see the class comment).
	 */
	private void queue(double[] chunk) {
		int queued = this.waiting.incrementAndGet();
		long since = 0;
		while (queued > MAX_WAITING) {
			this.waiting.decrementAndGet();
			long now = System.nanoTime();
			if (since == 0) {
				since = now;
			}
			else if (now - since > GIVE_WAY_NANOS) {
				this.context.sealed().dropped(chunk.length);
				return;
			}
			LockSupport.parkNanos(GIVE_WAY_PAUSE_NANOS);
			queued = this.waiting.incrementAndGet();
		}
		if (!this.context.sealed().offer(this.series, this, chunk)) {
			this.waiting.decrementAndGet();
			return;
		}
		if (queued > MAX_WAITING / 2) {
			Thread.yield();
		}
	}

	/** Datadog adds distribution points together: a late point's values go out alone. */
	@Override
	boolean mergesLate() {
		return false;
	}

	/** The values recorded so far and not yet queued: racy, for diagnostics. */
	@Override
	OpenBucket peek() {
		long[] count = { 0 };
		forEachStripe((stripe) -> count[0] += ((DistributionValues) stripe).size());
		return (count[0] > 0 && !isClosed()) ? OpenBucket.ofCount(this.start, count[0]) : null;
	}

}
