package io.threadstats.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An immutable picture of delivery since start, taken by
 * {@link DatadogSubmitter#statistics()}: what was encoded, sent, retried and dropped,
 * what is waiting for retry, and the last flushes. Never holds the API key;
 * {@link #lastError()} is stripped of it.
 *
 * @param takenAt when this picture was taken
 * @param dryRun whether no API key is configured (payloads are encoded and counted, not
 * sent)
 * @param apiKeyRejectedSince when Datadog first rejected the API key (401/403, or the
 * validation at startup) since the last success, or {@code null} when it is not rejected
 * @param apiKeyRejection what that first rejection said, without secrets, or {@code null}
 * @param flushes flush submissions received
 * @param payloadsEncoded payloads encoded (including 413 halves and dry-run payloads)
 * @param rawBytesEncoded uncompressed JSON bytes of the payloads encoded
 * @param compressedBytesEncoded request body bytes of the payloads encoded
 * @param requests HTTP requests made, retries included
 * @param retries requests that re-sent a payload from the retry buffer
 * @param payloadsDelivered payloads the intake accepted (2xx)
 * @param rawBytesDelivered uncompressed JSON bytes of the payloads accepted
 * @param compressedBytesDelivered request body bytes of the payloads accepted
 * @param itemsDelivered items the intake accepted
 * @param itemsPossiblyDuplicated distribution points and events accepted on a re-send
 * after an earlier send got no answer within the response timeout: that send may have
 * been accepted too, and Datadog then counts them twice
 * @param responses HTTP responses by status code
 * @param transportErrors requests that got no HTTP response (connection errors, timeouts)
 * @param dropped items dropped, by reason
 * @param bufferedPayloads payloads in the retry buffer now
 * @param bufferedBytes uncompressed JSON bytes of the payloads in the retry buffer
 * (bounded by the configured retry buffer size)
 * @param bufferedItems items in the retry buffer now
 * @param oldestBufferedAt when the oldest payload in the retry buffer was first encoded,
 * or {@code null}
 * @param lastSuccessAt when the intake last accepted a payload, or {@code null}
 * @param failingSince when delivery started failing (first failure after the last
 * success), or {@code null} when the last attempt succeeded
 * @param lastError the last error, without secrets, or {@code null}
 * @param lastErrorAt when the last error happened, or {@code null}
 * @param recentFlushes the last flushes' records, oldest first
 */
public record DeliveryStatistics(Instant takenAt, boolean dryRun, Instant apiKeyRejectedSince, String apiKeyRejection,
		long flushes, long payloadsEncoded, long rawBytesEncoded, long compressedBytesEncoded, long requests,
		long retries, long payloadsDelivered, long rawBytesDelivered, long compressedBytesDelivered,
		long itemsDelivered, long itemsPossiblyDuplicated, Map<Integer, Long> responses, long transportErrors,
		Map<DropReason, Long> dropped, int bufferedPayloads, long bufferedBytes, long bufferedItems,
		Instant oldestBufferedAt, Instant lastSuccessAt, Instant failingSince, String lastError, Instant lastErrorAt,
		List<FlushRecord> recentFlushes) {

	public DeliveryStatistics {
		responses = Map.copyOf(responses);
		dropped = Map.copyOf(dropped);
		recentFlushes = List.copyOf(recentFlushes);
	}

	/** Whether Datadog rejected the API key and nothing was accepted since. */
	public boolean apiKeyRejected() {
		return this.apiKeyRejectedSince != null;
	}

	/**
	 * How long the oldest buffered payload has waited, or zero when the buffer is empty.
	 */
	public Duration oldestBufferedAge() {
		return (this.oldestBufferedAt != null) ? Duration.between(this.oldestBufferedAt, this.takenAt) : Duration.ZERO;
	}

	/** Items dropped, whatever the reason. */
	public long droppedTotal() {
		return this.dropped.values().stream().mapToLong(Long::longValue).sum();
	}

	/** Items dropped for one reason. */
	public long dropped(DropReason reason) {
		return this.dropped.getOrDefault(reason, 0L);
	}

	/**
	 * The most recent flush's record, or {@code null} before the first flush completed.
	 */
	public FlushRecord lastFlush() {
		return this.recentFlushes.isEmpty() ? null : this.recentFlushes.get(this.recentFlushes.size() - 1);
	}

}
