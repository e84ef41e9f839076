/**
 * Delivery of flush snapshots: the {@link io.threadstats.submission.Submitter} contract, payload
 * encoding, size-aware batching, compression, the HTTP intake client, the retry buffer and flush
 * statistics.
 */
package io.threadstats.submission;
