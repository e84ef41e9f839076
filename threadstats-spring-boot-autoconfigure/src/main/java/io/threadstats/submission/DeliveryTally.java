package io.threadstats.submission;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.submission.DeliveryCounts.Count;

/**
 * One unit of delivery work, a flush or one retry of parked payloads, and the counts of
 * what happened to its items, so that each of them ends up delivered, parked or dropped
 * exactly once, and what an unexpected failure left behind can be counted too. A
 * payload's items are counted by the tally that {@linkplain #owns owns} it: the one that
 * encoded it. Its counts are written by the delivery thread only (a flush abandoned at
 * shutdown by whoever abandons it).
 */
final class DeliveryTally {

	private final long id;

	private final long items;

	private final boolean retry;

	private final long startNanos = System.nanoTime();

	private final DeliveryCounts counts = new DeliveryCounts();

	private DeliveryTally(long id, long items, boolean retry) {
		this.id = id;
		this.items = items;
		this.retry = retry;
	}

	/** The tally of a flush's submission. */
	static DeliveryTally forFlush(long id, FlushSnapshot snapshot) {
		return new DeliveryTally(id, itemsIn(snapshot), false);
	}

	/** The tally of one retry of parked payloads (of one endpoint, sent at once). */
	static DeliveryTally forRetry(long id, List<Payload<?>> payloads) {
		return new DeliveryTally(id, payloads.stream().mapToLong(Payload::itemCount).sum(), true);
	}

	private static long itemsIn(FlushSnapshot snapshot) {
		return (long) snapshot.series().size() + snapshot.distributions().size() + snapshot.events().size()
				+ snapshot.serviceChecks().size();
	}

	/**
	 * What payloads this tally encodes carry as their {@linkplain Payload.Origin#owner()
	 * owner}.
	 */
	long id() {
		return this.id;
	}

	/** Whether this is a retry of a parked payload (rather than a flush). */
	boolean isRetry() {
		return this.retry;
	}

	/** Whether {@code payload}'s items are counted here. */
	boolean owns(Payload<?> payload) {
		return payload.origin().owner() == this.id;
	}

	/** Where this work's events are counted. */
	DeliveryCounts counts() {
		return this.counts;
	}

	/**
	 * Items neither delivered, parked nor dropped: those a failure in delivery itself
	 * left behind.
	 * @param dryRun whether encoding accounts for an item (nothing is sent in dry-run
	 * mode)
	 */
	long unaccounted(boolean dryRun) {
		long accounted = this.counts.get(Count.ITEMS_DELIVERED) + this.counts.get(Count.ITEMS_PARKED)
				+ this.counts.droppedTotal();
		return dryRun ? 0 : Math.max(0, this.items - accounted);
	}

	FlushRecord toRecord(FlushSnapshot snapshot, boolean dryRun) {
		Map<DropReason, Long> dropped = this.counts.dropped();
		long parked = this.counts.get(Count.ITEMS_PARKED);
		// a flush's record counts its own requests, at most a few thousand: ints
		Map<Integer, Integer> responses = new HashMap<>();
		this.counts.responses().forEach((status, count) -> responses.put(status, count.intValue()));
		FlushOutcome outcome;
		if (!dropped.isEmpty()) {
			outcome = FlushOutcome.DROPPED;
		}
		else if (snapshot.isEmpty()) {
			outcome = FlushOutcome.EMPTY;
		}
		else if (dryRun) {
			outcome = FlushOutcome.DRY_RUN;
		}
		else if (parked > 0) {
			outcome = FlushOutcome.RETRYING;
		}
		else {
			outcome = FlushOutcome.DELIVERED;
		}
		return new FlushRecord(snapshot.flushedAt(), Duration.ofNanos(System.nanoTime() - this.startNanos),
				snapshot.series().size(), snapshot.distributions().size(), snapshot.events().size(),
				snapshot.serviceChecks().size(), (int) this.counts.get(Count.PAYLOADS_ENCODED),
				(int) this.counts.get(Count.REQUESTS), this.counts.get(Count.RAW_BYTES_ENCODED),
				this.counts.get(Count.COMPRESSED_BYTES_ENCODED), responses,
				(int) this.counts.get(Count.TRANSPORT_ERRORS), this.counts.get(Count.ITEMS_DELIVERED), parked, dropped,
				outcome, null);
	}

}
