package io.threadstats.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What happened to one flush's submission, recorded when each of its payloads was
 * delivered, dropped or parked for retry. Later retries of parked payloads show in
 * {@link DeliveryStatistics}' totals, not here.
 *
 * @param flushedAt when the flush ran (the snapshot's time)
 * @param duration from the start of the submission until each payload was delivered,
 * dropped or parked
 * @param series series points in the flush; every series carries one point
 * @param distributions distribution points in the flush
 * @param events events in the flush
 * @param serviceChecks service checks in the flush
 * @param payloads payloads encoded
 * @param requests HTTP requests made (413 halves included)
 * @param rawBytes uncompressed JSON bytes of the payloads encoded
 * @param compressedBytes request body bytes of the payloads encoded
 * @param responses HTTP responses by status code
 * @param transportErrors requests that got no HTTP response (connection errors, timeouts)
 * @param delivered items the intake accepted
 * @param parked items parked in the retry buffer
 * @param dropped items dropped, by reason
 * @param outcome the overall outcome
 */
public record FlushRecord(Instant flushedAt, Duration duration, int series, int distributions, int events,
		int serviceChecks, int payloads, int requests, long rawBytes, long compressedBytes,
		Map<Integer, Integer> responses, int transportErrors, long delivered, long parked,
		Map<DropReason, Long> dropped, FlushOutcome outcome) {

	public FlushRecord {
		responses = Map.copyOf(responses);
		dropped = Map.copyOf(dropped);
	}

	/**
	 * Items in the flush: series points, distribution points, events and service checks.
	 */
	public long items() {
		return (long) this.series + this.distributions + this.events + this.serviceChecks;
	}

	/** Items dropped, whatever the reason. */
	public long droppedTotal() {
		return this.dropped.values().stream().mapToLong(Long::longValue).sum();
	}

}
