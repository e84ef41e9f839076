/**
 * Delivery of flush snapshots: the {@link io.threadstats.submission.Submitter} contract
 * and its Datadog HTTP implementation,
 * {@link io.threadstats.submission.DatadogSubmitter}.
 * {@link io.threadstats.submission.LoggingSubmitter} logs flushes instead of sending
 * them; {@link io.threadstats.submission.InMemorySubmitter} keeps them for tests.
 *
 * <p>
 * A flush goes one way through this package. {@code DatadogSubmitter} is the front: it
 * queues each flush for the delivery thread, where {@code DeliveryLoop} has
 * {@code PayloadBatcher} write its items with Jackson's streaming generator into
 * size-limited compressed payloads ({@code PayloadWriter}) and {@code PayloadDispatcher}
 * post each one ({@code IntakeClient}) and act on the answer as {@code AnswerPolicy}'s
 * table says: delivered, split, dropped, or parked in the {@code RetryBuffer} and retried
 * when {@code IntakeBackoff} (with {@code RetryPolicy}'s delays) lets the
 * {@code RetryTimer} run them. Each flush, and each retry, counts what happens to its
 * items once, in its {@code DeliveryTally}, so that every item is delivered, parked or
 * dropped exactly once; the totals of
 * {@link io.threadstats.submission.DeliveryStatistics} are those counts summed.
 */
package io.threadstats.submission;
