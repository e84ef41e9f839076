package io.threadstats.submission;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.threadstats.snapshot.FlushSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Delivers flushes to Datadog's HTTP API: series, distribution points, service checks and
 * events, encoded with Jackson's streaming generator into size-limited compressed
 * payloads, posted with a {@link WebClient}, retried with jittered exponential backoff
 * from a retry buffer bounded in bytes. What happens on each answer of the intake is the
 * README's failure table ("Delivery to Datadog"); everything is counted in
 * {@link #statistics()}.
 *
 * <p>
 * This class is the front: it creates the parts, queues flushes, answers questions about
 * delivery and shuts it down. All delivery work runs on one background thread
 * ({@code threadstats-delivery}); {@link #submit} only queues the flush, so recording
 * threads never wait for the network. The returned future completes once each of the
 * flush's payloads was delivered, dropped (counted) or parked for retry. Payloads are
 * sent one at a time (events, one per request, a few at once: see
 * {@link IntakeEndpoint#maxInFlight()}), each request bounded by the connect plus
 * response timeout; while the intake cannot be reached, only the first request waits out
 * the timeout, since a transport error backs off every endpoint (they share a host) and
 * the remaining payloads are parked without waiting. A retry already running when a flush
 * arrives finishes first.
 *
 * <p>
 * {@link #close(Duration)} gives parked payloads an immediate attempt and drains within
 * its timeout, then stops: whatever is still queued, in flight or parked is dropped and
 * counted ({@code SHUTDOWN}).
 *
 * <p>
 * Without an API key the submitter runs in dry-run mode: payloads are encoded and
 * counted, never sent.
 */
public final class DatadogSubmitter implements Submitter, ObservableDelivery {

	private static final Logger logger = LoggerFactory.getLogger(DatadogSubmitter.class);

	private final DeliverySettings settings;

	private final URI baseUrl;

	private final IntakeClient client;

	private final ScheduledThreadPoolExecutor worker;

	private final DeliveryStatisticsRecorder statistics;

	private final DeliveryLoop loop;

	private final ApiKeyValidator keyValidator;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final FlushQueue flushes;

	private DatadogSubmitter(DeliverySettings settings, WebClient.Builder webClientBuilder, RetryPolicy retryPolicy,
			Clock clock) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.baseUrl = settings.baseUrl();
		this.statistics = new DeliveryStatisticsRecorder(clock, settings.flushHistorySize(), !settings.hasApiKey());
		if (settings.hasApiKey()) {
			this.client = (webClientBuilder != null) ? IntakeClient.fromBuilder(webClientBuilder, settings, clock)
					: IntakeClient.ownResources(settings, clock);
		}
		else {
			this.client = null;
			logger.warn("threadstats: no Datadog API key configured (DD_API_KEY or threadstats.api-key); running in"
					+ " dry-run mode: metrics are aggregated and encoded but not sent");
		}
		this.worker = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "threadstats-delivery");
			thread.setDaemon(true);
			return thread;
		});
		this.worker.setRemoveOnCancelPolicy(true);
		// at shutdown, pending retries are cancelled; the last report (due at once) still
		// runs
		this.worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		this.loop = new DeliveryLoop(settings, this.client, this.worker, retryPolicy, clock, this.statistics);
		this.flushes = new FlushQueue(this.loop, this.worker, settings.flushHistorySize());
		this.keyValidator = new ApiKeyValidator(this.client, this.baseUrl, settings, this.statistics, clock);
	}

	/**
	 * Creates a submitter on an HTTP connector of its own (released by
	 * {@link #close(Duration)}): Reactor Netty's, with a connection pool and event loop
	 * of its own, when Reactor Netty is on the class path, else the JDK's HTTP client;
	 * with the settings' connect and response timeouts. The settings were checked when
	 * they were built.
	 */
	public static DatadogSubmitter create(DeliverySettings settings) {
		return new DatadogSubmitter(settings, null, RetryPolicy.DEFAULT, Clock.systemUTC());
	}

	/**
	 * Creates a submitter on a {@link WebClient} built from {@code webClientBuilder}
	 * (e.g. Spring Boot's, so that its connector and customizations apply); the settings'
	 * connect plus response timeout bounds each request.
	 */
	public static DatadogSubmitter create(DeliverySettings settings, WebClient.Builder webClientBuilder) {
		Objects.requireNonNull(webClientBuilder, "webClientBuilder");
		return new DatadogSubmitter(settings, webClientBuilder, RetryPolicy.DEFAULT, Clock.systemUTC());
	}

	/** For tests: another retry policy and clock. */
	static DatadogSubmitter create(DeliverySettings settings, RetryPolicy retryPolicy, Clock clock) {
		return new DatadogSubmitter(settings, null, retryPolicy, clock);
	}

	/** The base URL payloads are posted to. */
	@Override
	public URI baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Whether no API key is configured, so payloads are encoded and counted but not sent.
	 */
	@Override
	public boolean isDryRun() {
		return this.client == null;
	}

	/** An immutable picture of delivery so far. Cheap; safe from any thread. */
	@Override
	public DeliveryStatistics statistics() {
		return this.statistics.snapshot();
	}

	/**
	 * The record of one submitted flush, completing once each of its payloads was
	 * delivered, dropped or parked (immediately if that already happened). Only the last
	 * flushes are remembered, as many as the statistics keep.
	 * @param snapshot a snapshot passed to {@link #submit}
	 * @return the flush's record; completes exceptionally with
	 * {@link IllegalArgumentException} when this snapshot was not submitted here or is
	 * too old to be remembered
	 */
	@Override
	public CompletableFuture<FlushRecord> flushRecord(FlushSnapshot snapshot) {
		CompletableFuture<FlushRecord> flushRecord = this.flushes.recordOf(snapshot);
		if (flushRecord != null) {
			// a copy: whoever completes or cancels it cannot change the flush's own
			return flushRecord.thenApply((theRecord) -> theRecord);
		}
		return CompletableFuture.failedFuture(new IllegalArgumentException(
				"threadstats: this snapshot was not submitted to this submitter, or is no longer remembered"));
	}

	/**
	 * Asks Datadog whether the API key is valid ({@code GET /api/v1/validate}) without
	 * blocking the caller. A rejection is logged once as an error and shows in
	 * {@link #statistics()} as {@link DeliveryStatistics#apiKeyRejected()}, as a rejected
	 * submission would; its verdict is kept in {@link #apiKeyValidation()}.
	 * @return the verdict; never completes exceptionally ({@code NOT_CHECKED} in dry-run
	 * mode, or when the intake cannot be reached)
	 */
	@Override
	public CompletableFuture<ApiKeyValidation> validateApiKey() {
		return this.keyValidator.validate(this.worker);
	}

	/**
	 * The verdict of the last {@link #validateApiKey()} that completed, or {@code null}.
	 */
	@Override
	public ApiKeyValidation apiKeyValidation() {
		return this.keyValidator.lastValidation();
	}

	/**
	 * Queues the flush for the delivery thread. Distribution points' values are
	 * {@linkplain io.threadstats.snapshot.DistributionPoint#releaseValues() released}
	 * once their payload was accepted (or, in dry-run mode, encoded): a caller must not
	 * read them after handing them here (points of {@code ThreadStats.flush()} are not
	 * affected, see there).
	 */
	@Override
	public CompletableFuture<Void> submit(FlushSnapshot snapshot) {
		this.statistics.flushReceived();
		return this.flushes.add(snapshot, this.closed.get()).thenApply((flushRecord) -> null);
	}

	/**
	 * Drains, then stops, all within {@code timeout}: parked payloads get an immediate
	 * attempt, queued and in-flight flushes are delivered, retries continue; shortly
	 * before the timeout is over, the wait for a request in flight is abandoned and
	 * whatever is still queued, in flight or parked is dropped, counted
	 * ({@code SHUTDOWN}) and logged with its count. The HTTP resources this submitter
	 * created are released in the background.
	 */
	@Override
	public void close(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		ShutdownDeadline deadline = ShutdownDeadline.after(timeout);
		CompletableFuture<Void> drained = new CompletableFuture<>();
		try {
			this.worker.execute(() -> this.loop.startDraining(drained));
			drained.get(deadline.nanosLeftToDrain(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException | ExecutionException | TimeoutException ex) {
			// what is left is reported below
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		stop(timeout, deadline);
		if (this.client != null) {
			try {
				this.client.close();
			}
			catch (RuntimeException ex) {
				logger.debug("threadstats: releasing HTTP resources failed", ex);
			}
		}
	}

	/**
	 * Abandons what is left, counted by the delivery thread itself, which alone may touch
	 * the retry buffer.
	 */
	private void stop(Duration timeout, ShutdownDeadline deadline) {
		this.loop.abandon();
		this.worker.execute(() -> this.loop.reportUndelivered(timeout, this.flushes.abandonQueued()));
		this.worker.shutdown();
		if (this.client != null) {
			// ends the wait for a request in flight; the delivery thread then parks
			// instead of sending
			this.client.abandonRequests();
		}
		boolean stopped = false;
		try {
			stopped = this.worker.awaitTermination(deadline.nanosLeft(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (!stopped && this.loop.isHolding()) {
			logger.warn(
					"threadstats: the delivery thread was still busy when the shutdown timeout of {} ms ran"
							+ " out; what it holds is dropped, counted (SHUTDOWN) and logged as it stops",
					timeout.toMillis());
		}
	}

	@Override
	public String toString() {
		return "DatadogSubmitter[" + this.baseUrl + ", " + this.settings + "]";
	}

}
