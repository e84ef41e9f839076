package io.threadstats.aggregation;

import java.util.concurrent.atomic.AtomicInteger;

import io.threadstats.api.Limits;
import io.threadstats.api.OpenBucket;

/**
 * A distribution's bucket: raw values in per-thread {@link DistributionValues} stripes. A
 * stripe's full chunk is sealed into a point of its own and queued for early delivery
 * ({@link SealedChunks}); at most {@value #MAX_WAITING} of a bucket's points wait there,
 * so a series holds at most (stripes + that) chunks whatever the rate.
 */
final class DistributionBucket extends StripedBucket {

	/** Full chunks of one bucket that may wait for delivery. */
	static final int MAX_WAITING = Limits.MAX_WAITING_POINTS;

	private final Series series;

	private final BucketContext context;

	/** Sealed chunks of this bucket not yet taken by a flush. */
	final AtomicInteger waiting = new AtomicInteger();

	DistributionBucket(long start, Series series, BucketContext context) {
		super(start);
		this.series = series;
		this.context = context;
	}

	@Override
	Aggregate newStripe() {
		return new DistributionValues(this, this.context.valuesPerPoint());
	}

	/** How long a writer facing a full backlog gives way before it drops the chunk. */
	static final long GIVE_WAY_NANOS = 2_000_000;

	/**
	 * Queues a full chunk for early delivery (a recording thread, holding its stripe).
	 * Past half the backlog the writer yields its processor once per chunk, and facing a
	 * full one keeps yielding for up to {@value #GIVE_WAY_NANOS} ns, so that the flushing
	 * thread gets to run on a busy machine (a producer that outruns delivery by that many
	 * chunks is slowed, never parked); if the backlog is still full, the chunk is dropped
	 * and counted.
	 */
	void seal(double[] chunk) {
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
			Thread.yield();
			queued = this.waiting.incrementAndGet();
		}
		this.context.sealed().offer(this.series, this, chunk);
		if (queued > MAX_WAITING / 2) {
			Thread.yield();
		}
	}

	/** The values recorded so far and not yet sealed: racy, for diagnostics. */
	@Override
	OpenBucket peek() {
		long[] count = { 0 };
		forEachStripe((stripe) -> count[0] += ((DistributionValues) stripe).size());
		return (count[0] > 0 && !isClosed()) ? OpenBucket.ofCount(this.start, count[0]) : null;
	}

}
