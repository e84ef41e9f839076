package io.threadstats.actuate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.threadstats.submission.FlushRecord;

/**
 * What {@code GET /actuator/threadstats} answers: the status, the configuration in
 * effect, totals since start, the state now and the last flushes. Never holds the API
 * key, only whether one is configured. Map keys are enum names in lower case with hyphens
 * ({@code out-of-window}); delivery sections are {@code null} when the submitter is not
 * Datadog's (nothing is known about delivery then).
 *
 * @param status the state in a word: sending, dry-run, disabled, not observed, failing,
 * key rejected
 * @param since when that state began (failing, key rejected), or {@code null}
 * @param message what the state means
 * @param configuration the configuration in effect
 * @param totals counts since start
 * @param now the state at this moment
 * @param recentFlushes the last flushes, newest first
 */
public record ThreadStatsReport(String status, Instant since, String message, Configuration configuration,
		Totals totals, Now now, List<FlushRecord> recentFlushes) {

	/**
	 * The configuration in effect, after environment fallbacks.
	 *
	 * @param url the base URL payloads are posted to, or {@code null} when not sending to
	 * Datadog
	 * @param site the Datadog site
	 * @param seriesApi the series endpoint version ({@code v1} or {@code v2})
	 * @param compression how request bodies are compressed
	 * @param flushInterval the time between background flushes
	 * @param rollUpInterval the width of the roll-up buckets
	 * @param namespace the prefix of every metric name, or {@code null}
	 * @param constantTags the tags added to every series, event and service check
	 * @param host the host sent with points recorded without one, or {@code null}
	 * @param apiKey whether a key is configured and what Datadog said about it
	 */
	public record Configuration(String url, String site, String seriesApi, String compression, String flushInterval,
			String rollUpInterval, String namespace, List<String> constantTags, String host, ApiKey apiKey) {
	}

	/**
	 * The API key, never its value.
	 *
	 * @param configured whether a key is configured
	 * @param validation what Datadog said when asked at startup: valid, rejected, not
	 * checked, pending, off ({@code threadstats.validate-api-key=false}), or {@code null}
	 * without a key
	 * @param validatedAt when Datadog answered, or {@code null}
	 * @param validationDetail the answer, or why there was none, or {@code null}
	 */
	public record ApiKey(boolean configured, String validation, Instant validatedAt, String validationDetail) {
	}

	/**
	 * Counts since start.
	 *
	 * @param explained what the counts that look alike count: shown with them because
	 * {@code pointsFlushed} and {@code delivery.itemsDelivered} differ even when nothing
	 * was lost
	 * @param pointsFlushed points emitted by flushes (one per series and roll-up bucket,
	 * a histogram's counting once, before it becomes its aggregate series), by metric
	 * kind
	 * @param droppedBeforeAggregation recording calls dropped before aggregation, by
	 * reason, each with the rule it broke (invalid input, timestamps out of range, the
	 * series cap, ...)
	 * @param normalized names, tags and texts changed to fit Datadog's rules and kept, by
	 * rule (counted when they are resolved, not per call)
	 * @param unrecordedAnnotatedCalls calls of {@code @Timed} and {@code @Counted}
	 * methods that ran but were not recorded because metering itself failed, with what
	 * that means; {@code null} without the advisors
	 * @param delivery what delivery did, or {@code null} when not observed
	 * @param lateUnmerged late points sent alone into a bucket already emitted (each an
	 * overwrite in Datadog), because its emitted value was no longer kept
	 */
	public record Totals(Explained explained, Map<String, Long> pointsFlushed,
			Map<String, RuleCount> droppedBeforeAggregation, Map<String, RuleCount> normalized,
			RuleCount unrecordedAnnotatedCalls, Delivery delivery, RuleCount lateUnmerged) {
	}

	/**
	 * What the two counts that look alike count, in words.
	 *
	 * @param pointsFlushed what {@link Totals#pointsFlushed()} counts
	 * @param itemsDelivered what {@link Delivery#itemsDelivered()} counts
	 */
	public record Explained(String pointsFlushed, String itemsDelivered) {

		/** The one explanation every report carries. */
		static final Explained COUNTS = new Explained(
				"points flushes took from the roll-up buckets, by metric kind: one per series and bucket; a"
						+ " histogram's bucket counts once here and is sent as one series point per aggregate and"
						+ " percentile (threadstats.histogram.*)",
				"items the intake accepted: series points (a histogram's bucket counts once per aggregate and"
						+ " percentile sent), distribution points, events and service checks, as each flush record"
						+ " counts them in series, distributions, events and serviceChecks");

	}

	/**
	 * How often one rule applied.
	 *
	 * @param count how many
	 * @param rule the rule, in words: what was broken, changed, or could not be recorded
	 */
	public record RuleCount(long count, String rule) {
	}

	/**
	 * What delivery did since start.
	 *
	 * @param flushes flushes handed to delivery
	 * @param itemsDelivered series points (a histogram's bucket counts once per aggregate
	 * and percentile sent), distribution points, events and service checks accepted
	 * @param possiblyDuplicated distribution points and events accepted on a re-send
	 * after an earlier send got no answer within the response timeout: Datadog may have
	 * accepted both, and counts what they carry twice
	 * @param payloads payloads encoded (413 halves included)
	 * @param rawBytes uncompressed JSON bytes encoded
	 * @param compressedBytes request body bytes encoded
	 * @param payloadsDelivered payloads accepted
	 * @param rawBytesDelivered uncompressed JSON bytes accepted
	 * @param compressedBytesDelivered request body bytes accepted
	 * @param requests HTTP requests made, retries included
	 * @param retries requests that re-sent a payload from the retry buffer
	 * @param responses HTTP responses by status code
	 * @param transportErrors requests that got no HTTP response
	 * @param dropped items dropped by delivery, by reason (out of window, buffer full,
	 * 400, 403, too big, ...)
	 */
	public record Delivery(long flushes, long itemsDelivered, long possiblyDuplicated, long payloads, long rawBytes,
			long compressedBytes, long payloadsDelivered, long rawBytesDelivered, long compressedBytesDelivered,
			long requests, long retries, Map<String, Long> responses, long transportErrors, Map<String, Long> dropped) {
	}

	/**
	 * The state at this moment.
	 *
	 * @param activeSeries series held in memory
	 * @param skippedFlushes background flushes put off because the previous one was still
	 * being delivered (each run as soon as it was)
	 * @param retryBuffer what waits for another attempt, or {@code null} when not
	 * observed
	 * @param lastSuccessAt when the intake last accepted a payload, or {@code null}
	 * @param lastError the last delivery error, without secrets, or {@code null}
	 * @param lastErrorAt when it happened, or {@code null}
	 */
	public record Now(long activeSeries, long skippedFlushes, RetryBuffer retryBuffer, Instant lastSuccessAt,
			String lastError, Instant lastErrorAt) {
	}

	/**
	 * What the retry buffer holds.
	 *
	 * @param payloads payloads waiting
	 * @param bytes their uncompressed JSON bytes
	 * @param items their items
	 * @param oldestAgeMillis how long the oldest has waited, in milliseconds (0 when
	 * empty)
	 */
	public record RetryBuffer(int payloads, long bytes, long items, long oldestAgeMillis) {
	}

}
