package io.threadstats.submission;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

import io.threadstats.snapshot.FlushSnapshot;

/**
 * A {@link Submitter} whose delivery can be watched: its statistics, the record of each
 * flush, and the verdict on the API key. The actuator endpoint and health indicator read
 * delivery only through this.
 */
public interface ObservableDelivery {

	/** The base URL payloads are posted to. */
	URI baseUrl();

	/**
	 * Whether no API key is configured, so payloads are encoded and counted but not sent.
	 */
	boolean isDryRun();

	/** An immutable picture of delivery so far. Cheap; safe from any thread. */
	DeliveryStatistics statistics();

	/**
	 * The record of one submitted flush, completing once each of its payloads was
	 * delivered, dropped or parked (immediately if that already happened).
	 * @param snapshot a snapshot passed to {@link Submitter#submit}
	 * @return the flush's record; completes exceptionally with
	 * {@link IllegalArgumentException} when this snapshot was not submitted here or is
	 * too old to be remembered
	 */
	CompletableFuture<FlushRecord> flushRecord(FlushSnapshot snapshot);

	/**
	 * Asks Datadog whether the API key is valid without blocking the caller; the verdict
	 * is kept in {@link #apiKeyValidation()}.
	 * @return the verdict; never completes exceptionally
	 */
	CompletableFuture<ApiKeyValidation> validateApiKey();

	/**
	 * The verdict of the last {@link #validateApiKey()} that completed, or {@code null}.
	 */
	ApiKeyValidation apiKeyValidation();

}
