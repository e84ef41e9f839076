/**
 * Delivery of flush snapshots: the {@link io.threadstats.submission.Submitter} contract, payload
 * encoding, size-aware batching, compression, the HTTP intake client, the retry buffer and flush
 * statistics. {@link io.threadstats.submission.LoggingSubmitter} logs flushes instead of sending them;
 * {@link io.threadstats.submission.InMemorySubmitter} keeps them for tests.
 */
package io.threadstats.submission;
