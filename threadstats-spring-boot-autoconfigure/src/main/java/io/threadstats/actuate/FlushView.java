package io.threadstats.actuate;

import java.time.Instant;
import java.util.Map;

/**
 * One flush as the endpoint shows it: in the list of recent flushes, and as the answer to
 * {@code POST /actuator/threadstats}.
 *
 * @param flushedAt when the flush ran
 * @param durationMillis how long its delivery took, in milliseconds, or {@code null} when
 * not known
 * @param series series points in the flush
 * @param distributions distribution points in the flush
 * @param events events in the flush
 * @param serviceChecks service checks in the flush
 * @param payloads payloads encoded
 * @param requests HTTP requests made
 * @param rawBytes uncompressed JSON bytes encoded
 * @param compressedBytes request body bytes encoded
 * @param responses HTTP responses by status code
 * @param transportErrors requests that got no HTTP response
 * @param delivered items the intake accepted
 * @param parked items parked for retry
 * @param dropped items dropped, by reason
 * @param outcome delivered, retrying, dropped, dry-run or empty; {@code in progress} when
 * delivery did not finish in time to answer, {@code submitted} for another submitter,
 * {@code disabled} when disabled
 */
public record FlushView(Instant flushedAt, Long durationMillis, int series, int distributions, int events,
		int serviceChecks, int payloads, int requests, long rawBytes, long compressedBytes,
		Map<String, Integer> responses, int transportErrors, long delivered, long parked, Map<String, Long> dropped,
		String outcome) {
}
