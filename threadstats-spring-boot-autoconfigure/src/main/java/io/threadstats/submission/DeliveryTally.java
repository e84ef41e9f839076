package io.threadstats.submission;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import io.threadstats.snapshot.FlushSnapshot;

/**
 * Counts what happens to the items of one unit of delivery work, a flush or one retry of
 * a parked payload, so that each of its items ends up delivered, parked or dropped
 * exactly once, and what an unexpected failure left behind can be counted too. A
 * payload's items are counted by the tally that {@linkplain #owns owns} it: the one that
 * encoded it. Used by the delivery thread only.
 */
final class DeliveryTally {

	private final long id;

	private final long items;

	private final boolean retry;

	private final long startNanos = System.nanoTime();

	private int payloads;

	private int requests;

	private long rawBytes;

	private long compressedBytes;

	private final Map<Integer, Integer> responses = new HashMap<>();

	private int transportErrors;

	private long delivered;

	private long parked;

	private final Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);

	private DeliveryTally(long id, long items, boolean retry) {
		this.id = id;
		this.items = items;
		this.retry = retry;
	}

	/** The tally of a flush's submission. */
	static DeliveryTally forFlush(long id, FlushSnapshot snapshot) {
		return new DeliveryTally(id, itemsIn(snapshot), false);
	}

	/** The tally of one retry of a parked payload. */
	static DeliveryTally forRetry(long id, Payload<?> payload) {
		return new DeliveryTally(id, payload.itemCount(), true);
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

	void encoded(Payload<?> payload) {
		this.payloads++;
		this.rawBytes += payload.rawBytes();
		this.compressedBytes += payload.compressedBytes();
	}

	void responded(IntakeResponse response) {
		this.requests++;
		if (response.isTransportError()) {
			this.transportErrors++;
		}
		else {
			this.responses.merge(response.status(), 1, Integer::sum);
		}
	}

	void delivered(int items) {
		this.delivered += items;
	}

	void parked(int items) {
		this.parked += items;
	}

	/** Items this tally parked, evicted since to make room: no longer parked, dropped. */
	void evicted(int items) {
		this.parked -= items;
		dropped(DropReason.RETRY_BUFFER_FULL, items);
	}

	void dropped(DropReason reason, long items) {
		this.dropped.merge(reason, items, Long::sum);
	}

	/** Items dropped so far, by reason. */
	Map<DropReason, Long> dropped() {
		return Collections.unmodifiableMap(this.dropped);
	}

	/**
	 * Items neither delivered, parked nor dropped: those a failure in delivery itself
	 * left behind.
	 */
	long unaccounted(boolean dryRun) {
		long accounted = this.delivered + this.parked + this.dropped.values().stream().mapToLong(Long::longValue).sum();
		return dryRun ? 0 : Math.max(0, this.items - accounted);
	}

	FlushRecord toRecord(FlushSnapshot snapshot, boolean dryRun) {
		FlushOutcome outcome;
		if (!this.dropped.isEmpty()) {
			outcome = FlushOutcome.DROPPED;
		}
		else if (snapshot.isEmpty()) {
			outcome = FlushOutcome.EMPTY;
		}
		else if (dryRun) {
			outcome = FlushOutcome.DRY_RUN;
		}
		else if (this.parked > 0) {
			outcome = FlushOutcome.RETRYING;
		}
		else {
			outcome = FlushOutcome.DELIVERED;
		}
		return new FlushRecord(snapshot.flushedAt(), Duration.ofNanos(System.nanoTime() - this.startNanos),
				snapshot.series().size(), snapshot.distributions().size(), snapshot.events().size(),
				snapshot.serviceChecks().size(), this.payloads, this.requests, this.rawBytes, this.compressedBytes,
				this.responses, this.transportErrors, this.delivered, this.parked, this.dropped, outcome);
	}

}
