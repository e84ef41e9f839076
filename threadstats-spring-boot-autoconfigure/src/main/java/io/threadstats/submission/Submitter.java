package io.threadstats.submission;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.threadstats.snapshot.FlushSnapshot;

/**
 * Delivers flush snapshots. Replaceable: the default sends to Datadog's HTTP API; tests
 * use an in-memory one.
 *
 * <p>
 * Called by one flush at a time, from the flushing thread, never from a recording thread.
 * Implementations must not block on the network in {@link #submit}. One that is done with
 * a distribution point (sent it, and keeps nothing of it) should
 * {@link io.threadstats.snapshot.DistributionPoint#releaseValues() release its values},
 * so that a hot distribution's memory is reused instead of allocated anew. A submitter
 * that hands a snapshot on to another (a {@link DatadogSubmitter}, which releases what it
 * delivered) hands over its points' values with it: it must not read them afterwards.
 */
public interface Submitter {

	/**
	 * Starts delivering one flush.
	 * @param snapshot what the flush emitted (never empty of meaning, but may be empty)
	 * @return completes when this flush's payloads were each delivered, dropped (counted)
	 * or parked for retry; never completes exceptionally
	 */
	CompletableFuture<Void> submit(FlushSnapshot snapshot);

	/**
	 * Delivers what is buffered and in flight, then stops and releases resources, all
	 * within {@code timeout}; logs what could not be sent (count and reason). Idempotent.
	 */
	void close(Duration timeout);

}
