/**
 * Delivery of flush snapshots: the {@link io.threadstats.submission.Submitter} contract
 * and its Datadog HTTP implementation,
 * {@link io.threadstats.submission.DatadogSubmitter}.
 * {@link io.threadstats.submission.LoggingSubmitter} logs flushes instead of sending
 * them; {@link io.threadstats.submission.InMemorySubmitter} keeps them for tests.
 *
 * <p>
 * A flush goes one way through this package: {@code PayloadBatcher} writes items with
 * Jackson's streaming generator into size-limited compressed payloads
 * ({@code PayloadWriter}), {@code IntakeClient} posts them, failures that may pass are
 * parked in the {@code RetryBuffer} and retried when {@code IntakeBackoff} (with
 * {@code RetryPolicy}'s delays) lets the {@code RetryTimer} run them. Each flush, and
 * each retry, counts what happens to its items in a {@code DeliveryTally}, so that every
 * item is delivered, parked or dropped exactly once; the totals are kept for
 * {@link io.threadstats.submission.DeliveryStatistics}.
 */
package io.threadstats.submission;
