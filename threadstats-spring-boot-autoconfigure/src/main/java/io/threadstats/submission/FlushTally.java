package io.threadstats.submission;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import io.threadstats.snapshot.FlushSnapshot;

/** Counts what happens to one flush's payloads until it is recorded. Used by the delivery thread only. */
final class FlushTally {

	private final FlushSnapshot snapshot;

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

	FlushTally(FlushSnapshot snapshot) {
		this.snapshot = snapshot;
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

	void dropped(DropReason reason, long items) {
		this.dropped.merge(reason, items, Long::sum);
	}

	/** Items neither delivered, parked nor dropped: those a failure in delivery itself left behind. */
	long unaccounted(boolean dryRun) {
		long items = (long) this.snapshot.series().size() + this.snapshot.distributions().size()
				+ this.snapshot.events().size() + this.snapshot.serviceChecks().size();
		long accounted = this.delivered + this.parked + this.dropped.values().stream().mapToLong(Long::longValue).sum();
		return dryRun ? 0 : Math.max(0, items - accounted);
	}

	Map<DropReason, Long> droppedSoFar() {
		return this.dropped;
	}

	FlushRecord toRecord(boolean dryRun) {
		FlushOutcome outcome;
		if (!this.dropped.isEmpty()) {
			outcome = FlushOutcome.DROPPED;
		}
		else if (this.snapshot.isEmpty()) {
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
		return new FlushRecord(this.snapshot.flushedAt(), Duration.ofNanos(System.nanoTime() - this.startNanos),
				this.snapshot.series().size(), this.snapshot.distributions().size(), this.snapshot.events().size(),
				this.snapshot.serviceChecks().size(), this.payloads, this.requests, this.rawBytes,
				this.compressedBytes, this.responses, this.transportErrors, this.delivered, this.parked, this.dropped,
				outcome);
	}

}
