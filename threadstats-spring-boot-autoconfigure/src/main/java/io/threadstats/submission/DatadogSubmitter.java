package io.threadstats.submission;

import java.lang.ref.WeakReference;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.SeriesPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Delivers flushes to Datadog's HTTP API: series, distribution points, service checks and
 * events, encoded with Jackson's streaming generator into size-limited compressed
 * payloads, posted with a {@link WebClient}, retried with jittered exponential backoff
 * from a retry buffer bounded in bytes.
 *
 * <p>
 * All delivery work runs on one background thread ({@code threadstats-delivery});
 * {@link #submit} only queues the flush, so recording threads never wait for the network.
 * The returned future completes once each of the flush's payloads was delivered, dropped
 * (counted) or parked for retry. Payloads are sent one at a time, each request bounded by
 * the connect plus response timeout, so a flush takes as long as its requests: one per
 * payload while the intake answers, however slowly; while it cannot be reached, only the
 * first request waits out the timeout, since a transport error backs off every endpoint
 * (they share a host) and the remaining payloads are parked without waiting; an endpoint
 * answering 408, 429 or 5xx backs off alone, so an intake failing slowly costs one answer
 * per endpoint (four at most). A retry already running when a flush arrives finishes
 * first.
 *
 * <p>
 * What happens on each answer: 2xx delivered; 400 and 422 dropped, body logged; 401/403
 * dropped, one ERROR saying the key was rejected; 413 split in half and re-sent (a single
 * item still too large is dropped); 408, 429, 5xx, connection errors and timeouts parked
 * and retried, waiting longer when {@code Retry-After} or {@code X-RateLimit-Reset} asks
 * for it; any other status (404, 405, a redirect, another 4xx: a wrong URL or a proxy in
 * the way) dropped, one ERROR per status, and delivery counts as failing until a payload
 * is accepted. Before every attempt, points outside Datadog's time window are dropped and
 * counted. Everything is visible in {@link #statistics()}.
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

	private static final String VALIDATE_PATH = "/api/v1/validate";

	/** The tally id of a flush abandoned before it was encoded: it owns no payload. */
	private static final long NOTHING_ENCODED = -1;

	private final DeliverySettings settings;

	private final URI baseUrl;

	private final IntakeClient client;

	private final Clock clock;

	private final ScheduledThreadPoolExecutor worker;

	private final DeliveryStatisticsRecorder statistics;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final AtomicInteger flushesInProgress = new AtomicInteger();

	private final ConcurrentLinkedDeque<FlushHandle> recentSubmissions = new ConcurrentLinkedDeque<>();

	private final Queue<FlushTask> queuedFlushes = new ConcurrentLinkedQueue<>();

	private volatile ApiKeyValidation lastValidation;

	/**
	 * Set when the shutdown timeout is (nearly) over: the delivery thread then parks
	 * instead of sending.
	 */
	private volatile boolean abandoning;

	// Everything below is used by the delivery thread only.

	private final RetryBuffer retryBuffer;

	private final IntakeBackoff backoff;

	/**
	 * The flush or retry being delivered: it counts what happens to the payloads it
	 * encodes.
	 */
	private DeliveryTally current;

	private long nextTallyId;

	private long nextSequence;

	private final RetryTimer retryTimer;

	private CompletableFuture<Void> drained;

	/**
	 * Items of a flush in progress at shutdown that were never encoded: counted, and
	 * logged in the report.
	 */
	private long leftUnsentAtShutdown;

	private final Set<Integer> rejectionsLogged = new HashSet<>();

	private DatadogSubmitter(DeliverySettings settings, WebClient.Builder webClientBuilder, RetryPolicy retryPolicy,
			Clock clock) {
		checkSettings(settings);
		this.settings = settings;
		this.baseUrl = IntakeUrl.resolve(settings);
		this.clock = clock;
		this.retryBuffer = new RetryBuffer(settings.retryBufferBytes());
		this.backoff = new IntakeBackoff(retryPolicy);
		this.statistics = new DeliveryStatisticsRecorder(clock, settings.flushHistorySize(), !settings.hasApiKey());
		if (settings.hasApiKey()) {
			this.client = (webClientBuilder != null)
					? IntakeClient.fromBuilder(webClientBuilder, this.baseUrl, settings.apiKey(), settings, clock)
					: IntakeClient.ownResources(this.baseUrl, settings.apiKey(), settings, clock);
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
		this.retryTimer = new RetryTimer(this.worker, clock, this::retryOldestDue);
	}

	/**
	 * Creates a submitter on its own Reactor Netty connection pool and event loop
	 * (released by {@link #close(Duration)}), with the settings' connect and response
	 * timeouts.
	 * @throws IllegalArgumentException when the settings are invalid (unknown site, plain
	 * http to a non-loopback host, missing or negative values)
	 */
	public static DatadogSubmitter create(DeliverySettings settings) {
		return new DatadogSubmitter(settings, null, RetryPolicy.DEFAULT, Clock.systemUTC());
	}

	/**
	 * Creates a submitter on a {@link WebClient} built from {@code webClientBuilder}
	 * (e.g. Spring Boot's, so that its connector and customizations apply); the settings'
	 * connect plus response timeout bounds each request.
	 * @throws IllegalArgumentException when the settings are invalid
	 */
	public static DatadogSubmitter create(DeliverySettings settings, WebClient.Builder webClientBuilder) {
		Objects.requireNonNull(webClientBuilder, "webClientBuilder");
		return new DatadogSubmitter(settings, webClientBuilder, RetryPolicy.DEFAULT, Clock.systemUTC());
	}

	/** For tests: another retry policy and clock. */
	static DatadogSubmitter create(DeliverySettings settings, RetryPolicy retryPolicy, Clock clock) {
		return new DatadogSubmitter(settings, null, retryPolicy, clock);
	}

	private static void checkSettings(DeliverySettings settings) {
		Objects.requireNonNull(settings, "settings");
		require(settings.seriesApi() != null, "seriesApi must be set (V2 or V1)");
		require(settings.compression() != null, "compression must be set (DEFLATE, GZIP or NONE)");
		require(isPositive(settings.connectTimeout()),
				"connectTimeout must be positive, was " + settings.connectTimeout());
		require(isPositive(settings.responseTimeout()),
				"responseTimeout must be positive, was " + settings.responseTimeout());
		require(settings.drainTimeout() != null && !settings.drainTimeout().isNegative(),
				"drainTimeout must be zero or positive, was " + settings.drainTimeout());
		require(settings.retryBufferBytes() >= 0,
				"retryBufferBytes must be zero or positive, was " + settings.retryBufferBytes());
		require(settings.flushHistorySize() >= 1,
				"flushHistorySize must be at least 1, was " + settings.flushHistorySize());
	}

	private static boolean isPositive(Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException("threadstats delivery: " + message);
		}
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
		for (FlushHandle handle : this.recentSubmissions) {
			if (handle.snapshot.get() == snapshot) {
				return handle.record.thenApply((flushRecord) -> flushRecord);
			}
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
		if (isDryRun()) {
			return CompletableFuture.completedFuture(remember(new ApiKeyValidation(ApiKeyValidation.Result.NOT_CHECKED,
					this.clock.instant(), "no API key configured")));
		}
		CompletableFuture<ApiKeyValidation> verdict = new CompletableFuture<>();
		this.client.get(VALIDATE_PATH).whenComplete((response, failure) -> {
			try {
				// on the delivery thread, which alone writes the statistics
				this.worker.execute(() -> verdict.complete(validated(response, failure)));
			}
			catch (RejectedExecutionException ex) {
				verdict.complete(remember(new ApiKeyValidation(ApiKeyValidation.Result.NOT_CHECKED,
						this.clock.instant(), "the submitter was closed")));
			}
		});
		return verdict;
	}

	/**
	 * The verdict of the last {@link #validateApiKey()} that completed, or {@code null}.
	 */
	@Override
	public ApiKeyValidation apiKeyValidation() {
		return this.lastValidation;
	}

	private ApiKeyValidation validated(IntakeResponse response, Throwable failure) {
		Instant now = this.clock.instant();
		if (failure != null || response == null) {
			String reason = (failure != null) ? failure.getClass().getSimpleName() : "no response";
			return remember(new ApiKeyValidation(ApiKeyValidation.Result.NOT_CHECKED, now, reason));
		}
		String answer = redact(response.describe());
		if (response.isSuccess()) {
			logger.debug("threadstats: Datadog accepted the API key ({})", answer);
			return remember(new ApiKeyValidation(ApiKeyValidation.Result.VALID, now, answer));
		}
		if (response.isKeyRejected()) {
			String message = keyRejection(response, VALIDATE_PATH);
			this.statistics.error(message, false, true);
			logger.error(
					"threadstats: API key rejected: {}; nothing will be delivered until the key is fixed (check"
							+ " DD_API_KEY or threadstats.api-key, and that the site {} matches the key's)",
					message, this.baseUrl);
			return remember(new ApiKeyValidation(ApiKeyValidation.Result.REJECTED, now, "HTTP " + response.status()));
		}
		logger.warn("threadstats: could not validate the API key with {}{}: {}", this.baseUrl, VALIDATE_PATH, answer);
		return remember(new ApiKeyValidation(ApiKeyValidation.Result.NOT_CHECKED, now, answer));
	}

	private ApiKeyValidation remember(ApiKeyValidation validation) {
		this.lastValidation = validation;
		return validation;
	}

	@Override
	public CompletableFuture<Void> submit(FlushSnapshot snapshot) {
		FlushHandle handle = new FlushHandle(snapshot);
		remember(handle);
		this.statistics.flushReceived();
		this.flushesInProgress.incrementAndGet();
		FlushTask task = new FlushTask(snapshot, handle);
		this.queuedFlushes.add(task);
		if (this.closed.get()) {
			task.abandon();
		}
		else {
			try {
				this.worker.execute(task);
			}
			catch (RejectedExecutionException ex) {
				task.abandon();
			}
		}
		return handle.record.thenApply((flushRecord) -> null);
	}

	private void remember(FlushHandle handle) {
		this.recentSubmissions.addLast(handle);
		while (this.recentSubmissions.size() > this.settings.flushHistorySize()) {
			this.recentSubmissions.pollFirst();
		}
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
		CompletableFuture<Void> drainedSignal = new CompletableFuture<>();
		try {
			this.worker.execute(() -> startDraining(drainedSignal));
			drainedSignal.get(deadline.nanosLeftToDrain(), TimeUnit.NANOSECONDS);
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

	private void startDraining(CompletableFuture<Void> drainedSignal) {
		this.drained = drainedSignal;
		// One immediate attempt for what is parked: waiting out a long backoff would lose
		// it at shutdown.
		this.backoff.openAll();
		scheduleRetry();
	}

	/**
	 * Abandons what is left, counted by the delivery thread itself, which alone may touch
	 * the buffer.
	 */
	private void stop(Duration timeout, ShutdownDeadline deadline) {
		this.abandoning = true;
		this.worker.execute(() -> reportUndelivered(timeout));
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
		DeliveryStatistics now = this.statistics.snapshot();
		if (!stopped && (now.bufferedPayloads() > 0 || this.flushesInProgress.get() > 0)) {
			logger.warn(
					"threadstats: the delivery thread was still busy when the shutdown timeout of {} ms ran"
							+ " out; what it holds is dropped, counted (SHUTDOWN) and logged as it stops",
					timeout.toMillis());
		}
	}

	private void reportUndelivered(Duration timeout) {
		long items = this.leftUnsentAtShutdown;
		int payloads = 0;
		for (FlushTask task : this.queuedFlushes) {
			items += task.abandon();
		}
		for (Payload<?> payload : this.retryBuffer.takeAll()) {
			payloads++;
			items += payload.itemCount();
			this.statistics.dropped(DropReason.SHUTDOWN, payload.itemCount());
		}
		this.statistics.bufferChanged(this.retryBuffer);
		if (items > 0) {
			String lastError = this.statistics.snapshot().lastError();
			logger.warn(
					"threadstats: {} items ({} parked payloads) could not be delivered within the shutdown"
							+ " timeout ({} ms left for delivery) and were dropped (SHUTDOWN); last error: {}",
					items, payloads, timeout.toMillis(), (lastError != null) ? lastError : "none");
		}
	}

	// ---- delivery thread ----

	private void deliverFlush(FlushSnapshot snapshot, FlushHandle handle) {
		DeliveryTally tally = DeliveryTally.forFlush(this.nextTallyId++, snapshot);
		this.current = tally;
		try {
			PayloadFormat<SeriesPoint> seriesFormat = (this.settings.seriesApi() == SeriesApi.V1)
					? SeriesV1Format.INSTANCE : SeriesV2Format.INSTANCE;
			deliverAll(seriesFormat, snapshot.series(), tally);
			deliverAll(DistributionFormat.INSTANCE, snapshot.distributions(), tally);
			deliverAll(ServiceCheckFormat.INSTANCE, snapshot.serviceChecks(), tally);
			deliverAll(EventFormat.INSTANCE, snapshot.events(), tally);
		}
		catch (RuntimeException ex) {
			logger.error("threadstats: unexpected failure while delivering a flush; its items not yet delivered,"
					+ " parked or dropped are counted as DELIVERY_ERROR", ex);
		}
		finally {
			this.current = null;
			countLeftBehind(tally);
			logDropsBeforeSending(tally.dropped(), "flush at " + snapshot.flushedAt());
			FlushRecord flushRecord = recordFlush(tally, snapshot);
			// before the record completes: whoever waits for it finds the retries
			// scheduled (or drained)
			scheduleRetry();
			handle.record.complete(flushRecord);
		}
	}

	/**
	 * The last count of a flush, delivered or abandoned: its record, kept in the
	 * statistics, and the flush no longer in progress. The caller completes the handle's
	 * record with it.
	 */
	private FlushRecord recordFlush(DeliveryTally tally, FlushSnapshot snapshot) {
		FlushRecord flushRecord = tally.toRecord(snapshot, isDryRun());
		this.statistics.flushRecorded(flushRecord);
		this.flushesInProgress.decrementAndGet();
		return flushRecord;
	}

	private <T> void deliverAll(PayloadFormat<T> format, List<T> items, DeliveryTally tally) {
		if (items.isEmpty()) {
			return;
		}
		PayloadBatcher<T> batcher = new PayloadBatcher<>(format, items, this.settings.compression(), this.clock,
				(encodedAt) -> new Payload.Origin(encodedAt, this.nextSequence++, tally.id()), this::dropped);
		while (!this.abandoning && batcher.hasNext()) {
			Payload<T> payload = batcher.next();
			encoded(payload);
			if (!isDryRun()) {
				dispatch(payload);
			}
		}
	}

	/**
	 * Items of a tally neither delivered, parked nor dropped, counted so that nothing
	 * goes uncounted.
	 */
	private void countLeftBehind(DeliveryTally tally) {
		DropReason reason = this.abandoning ? DropReason.SHUTDOWN : DropReason.DELIVERY_ERROR;
		long left = dropUnaccounted(tally, reason, isDryRun());
		if (this.abandoning) {
			this.leftUnsentAtShutdown += left;
		}
	}

	/**
	 * Drops what {@code tally} has not accounted for, counted in the totals and in the
	 * tally.
	 * @param dryRun whether encoding accounts for an item (nothing is sent in dry-run
	 * mode)
	 * @return the items dropped
	 */
	private long dropUnaccounted(DeliveryTally tally, DropReason reason, boolean dryRun) {
		long left = tally.unaccounted(dryRun);
		if (left > 0) {
			this.statistics.dropped(reason, left);
			tally.dropped(reason, left);
		}
		return left;
	}

	/**
	 * Sends a payload of the current tally, or parks it straight away while its endpoint
	 * is backed off.
	 */
	private void dispatch(Payload<?> payload) {
		if (this.abandoning || this.backoff.isBlocked(payload.endpoint(), this.clock.instant())) {
			park(payload);
			return;
		}
		IntakeResponse response = this.client.post(payload.endpoint(), payload.body(), payload.compression());
		if (response.isAbandoned()) {
			// our own end of the wait at the end of the shutdown timeout, not an answer
			// of the intake; an
			// answer that came first, even after the shutdown began, counts as it is
			park(payload);
			return;
		}
		this.statistics.responded(response, this.current.isRetry());
		this.current.responded(response);
		if (response.isSuccess()) {
			delivered(payload);
		}
		else if (response.isKeyRejected()) {
			keyRejected(payload, response);
		}
		else if (response.isTooLarge()) {
			splitAndResend(payload);
		}
		else if (response.isRetryable()) {
			failed(payload, response);
		}
		else if (response.isBadPayload()) {
			String message = redact("intake answered " + response.describe() + " for " + payload.endpoint().path());
			this.statistics.error(message, false, false);
			logger.warn("threadstats: {}; {} items dropped (not retried)", message, payload.itemCount());
			dropped(DropReason.BAD_REQUEST, payload.itemCount());
		}
		else {
			rejectedByIntake(payload, response);
		}
	}

	private void delivered(Payload<?> payload) {
		this.statistics.delivered(payload);
		this.current.delivered(payload.itemCount());
		int failures = this.backoff.failuresInARow(payload.endpoint());
		if (failures > 0) {
			logger.info("threadstats: delivery to {}{} recovered after {} failed attempts", this.baseUrl,
					payload.endpoint().path(), failures);
		}
		this.backoff.succeeded(payload.endpoint());
		this.rejectionsLogged.clear();
	}

	private void keyRejected(Payload<?> payload, IntakeResponse response) {
		String message = keyRejection(response, payload.endpoint().path());
		// logged once until a payload is accepted, which is as long as the statistics
		// remember a rejection
		boolean first = !this.statistics.isKeyRejected();
		this.statistics.error(message, true, true);
		dropped(DropReason.API_KEY_REJECTED, payload.itemCount());
		if (first) {
			logger.error("threadstats: API key rejected: {}; nothing is delivered until the key is fixed (check"
					+ " DD_API_KEY or threadstats.api-key, and that the site {} matches the key's); dropped items are"
					+ " counted in the delivery statistics", message, this.baseUrl);
		}
		else {
			logger.debug("threadstats: API key rejected again; {} items dropped", payload.itemCount());
		}
	}

	private String keyRejection(IntakeResponse response, String path) {
		return "Datadog rejected the API key (HTTP " + response.status() + " from " + this.baseUrl + path + ")";
	}

	/**
	 * A status retrying cannot fix that is not about the payload: the request went to the
	 * wrong place.
	 */
	private void rejectedByIntake(Payload<?> payload, IntakeResponse response) {
		String message = redact(
				"intake at " + this.baseUrl + " answered " + response.describe() + " for " + payload.endpoint().path());
		this.statistics.error(message, true, false);
		dropped(DropReason.REJECTED_BY_INTAKE, payload.itemCount());
		if (this.rejectionsLogged.add(response.status())) {
			logger.error("threadstats: {}; this is not a Datadog intake that takes it (check threadstats.api-url and"
					+ " any proxy in between): items sent there are dropped and counted (REJECTED_BY_INTAKE) until a"
					+ " payload is accepted", message);
		}
		else {
			logger.debug("threadstats: intake answered HTTP {} again; {} items dropped", response.status(),
					payload.itemCount());
		}
	}

	private void splitAndResend(Payload<?> payload) {
		if (payload.itemCount() == 1) {
			String message = "intake answered 413 for a single item on " + payload.endpoint().path();
			this.statistics.error(message, false, false);
			logger.warn("threadstats: {}; it is dropped", message);
			dropped(DropReason.TOO_BIG, 1);
			return;
		}
		logger.debug("threadstats: intake answered 413 for {} items on {}; splitting in half", payload.itemCount(),
				payload.endpoint().path());
		int half = payload.itemCount() / 2;
		List<Payload<?>> parts = new ArrayList<>(reencode(payload, 0, half));
		parts.addAll(reencode(payload, half, payload.itemCount()));
		for (Payload<?> part : parts) {
			encoded(part);
			dispatch(part);
		}
	}

	/**
	 * Encodes the payload's items from {@code from} to {@code to} (exclusive) again, for
	 * the current tally: the parts keep the payload's place in delivery order, and drop
	 * what has left Datadog's window.
	 */
	private <T> List<Payload<T>> reencode(Payload<T> payload, int from, int to) {
		long owner = this.current.id();
		return PayloadBatcher.encodeAll(payload.format(), payload.items().subList(from, to), payload.compression(),
				this.clock, (encodedAt) -> payload.origin().ownedBy(owner), this::dropped);
	}

	private void failed(Payload<?> payload, IntakeResponse response) {
		Duration delay = this.backoff.failed(payload.endpoint(), response, this.clock.instant());
		String message = redact(
				"delivery to " + this.baseUrl + payload.endpoint().path() + " failed: " + response.describe());
		this.statistics.error(message, true, false);
		String waiting = response.isTransportError() ? "every endpoint of the intake waits" : "retrying in";
		int failures = this.backoff.failuresInARow(payload.endpoint());
		if (failures == 1) {
			logger.warn("threadstats: {}; {} {} ms ({} items parked for retry)", message, waiting, delay.toMillis(),
					payload.itemCount());
		}
		else {
			logger.debug("threadstats: {} (failure {} in a row); {} {} ms", message, failures, waiting,
					delay.toMillis());
		}
		park(payload);
	}

	/**
	 * Parks a payload of the current tally. What the full buffer evicts is counted in the
	 * totals, and in the current tally only when it is its own: a flush's record never
	 * counts another flush's items.
	 */
	private void park(Payload<?> payload) {
		List<Payload<?>> evicted = this.retryBuffer.add(payload);
		boolean parked = true;
		long evictedItems = 0;
		for (Payload<?> gone : evicted) {
			evictedItems += gone.itemCount();
			this.statistics.dropped(DropReason.RETRY_BUFFER_FULL, gone.itemCount());
			if (gone == payload) {
				parked = false;
				this.current.dropped(DropReason.RETRY_BUFFER_FULL, gone.itemCount());
			}
			else if (this.current.owns(gone)) {
				this.current.evicted(gone.itemCount());
			}
		}
		if (parked) {
			this.current.parked(payload.itemCount());
		}
		if (evictedItems > 0) {
			logger.warn("threadstats: retry buffer full ({} bytes); dropped the oldest {} items",
					this.settings.retryBufferBytes(), evictedItems);
		}
		this.statistics.bufferChanged(this.retryBuffer);
	}

	private void retryOldestDue() {
		this.retryTimer.fired();
		try {
			if (!this.abandoning) {
				retryOne();
			}
		}
		catch (RuntimeException ex) {
			logger.error("threadstats: unexpected failure while retrying", ex);
		}
		finally {
			scheduleRetry();
		}
	}

	private void retryOne() {
		Instant now = this.clock.instant();
		Payload<?> payload = this.retryBuffer.takeOldest((parked) -> !this.backoff.isBlocked(parked.endpoint(), now));
		if (payload == null) {
			return;
		}
		DeliveryTally tally = DeliveryTally.forRetry(this.nextTallyId++, payload);
		this.current = tally;
		try {
			this.statistics.bufferChanged(this.retryBuffer);
			// Rebuilt now so that points which left Datadog's window while waiting are
			// dropped, not sent.
			for (Payload<?> part : reencode(payload, 0, payload.itemCount())) {
				dispatch(part);
			}
		}
		catch (RuntimeException ex) {
			logger.error(
					"threadstats: unexpected failure while retrying a payload to {}; its items not yet"
							+ " delivered, parked or dropped are counted as DELIVERY_ERROR",
					payload.endpoint().path(), ex);
		}
		finally {
			this.current = null;
			countLeftBehind(tally);
			logDropsBeforeSending(tally.dropped(), "retry on " + payload.endpoint().path());
		}
	}

	/**
	 * Schedules the next retry when the earliest backed-off endpoint with parked payloads
	 * opens.
	 */
	private void scheduleRetry() {
		try {
			scheduleNextRetry();
		}
		catch (RuntimeException ex) {
			// Executor tasks swallow exceptions: without this, retries would stop without
			// a trace.
			logger.error("threadstats: unexpected failure while scheduling retries", ex);
		}
	}

	private void scheduleNextRetry() {
		if (this.retryBuffer.isEmpty()) {
			this.retryTimer.cancel();
			if (this.drained != null && this.flushesInProgress.get() == 0) {
				this.drained.complete(null);
			}
			return;
		}
		this.retryTimer.wakeAt(this.backoff.earliestOpening(this.retryBuffer.endpoints()));
	}

	private void encoded(Payload<?> payload) {
		this.statistics.encoded(payload);
		this.current.encoded(payload);
	}

	/**
	 * Items of the current tally dropped on the way: counted in the totals and in the
	 * tally.
	 */
	private void dropped(DropReason reason, long items) {
		this.statistics.dropped(reason, items);
		this.current.dropped(reason, items);
	}

	private static void logDropsBeforeSending(Map<DropReason, Long> dropped, String what) {
		Map<DropReason, Long> beforeSending = new EnumMap<>(DropReason.class);
		dropped.forEach((reason, items) -> {
			if (reason == DropReason.OUT_OF_WINDOW || reason == DropReason.TOO_BIG) {
				beforeSending.put(reason, items);
			}
		});
		if (!beforeSending.isEmpty()) {
			logger.warn("threadstats: {} dropped items Datadog would not keep: {} (out of window: more than 1 hour"
					+ " old or 10 minutes ahead, 10 minutes for service checks; too big: larger than a whole"
					+ " payload)", what, beforeSending);
		}
	}

	/**
	 * Never lets the key reach a log line or the statistics, whatever a server or
	 * exception echoes.
	 */
	private String redact(String text) {
		return (this.settings.hasApiKey() && text != null) ? text.replace(this.settings.apiKey(), "(api key)") : text;
	}

	@Override
	public String toString() {
		return "DatadogSubmitter[" + this.baseUrl + ", " + this.settings + "]";
	}

	/**
	 * A submitted flush, remembered weakly so that {@link #flushRecord} can find its
	 * record.
	 */
	private static final class FlushHandle {

		final WeakReference<FlushSnapshot> snapshot;

		final CompletableFuture<FlushRecord> record = new CompletableFuture<>();

		FlushHandle(FlushSnapshot snapshot) {
			this.snapshot = new WeakReference<>(snapshot);
		}

	}

	/** One flush waiting for the delivery thread; run or abandoned, exactly once. */
	private final class FlushTask implements Runnable {

		private final FlushSnapshot snapshot;

		private final FlushHandle handle;

		private final AtomicBoolean claimed = new AtomicBoolean();

		FlushTask(FlushSnapshot snapshot, FlushHandle handle) {
			this.snapshot = snapshot;
			this.handle = handle;
		}

		@Override
		public void run() {
			if (DatadogSubmitter.this.abandoning) {
				// left to the last report, which counts and logs it with the rest
				return;
			}
			if (this.claimed.compareAndSet(false, true)) {
				try {
					deliverFlush(this.snapshot, this.handle);
				}
				finally {
					DatadogSubmitter.this.queuedFlushes.remove(this);
				}
			}
		}

		/**
		 * Drops the whole flush (counted) unless it already started; returns the items
		 * dropped.
		 */
		long abandon() {
			if (!this.claimed.compareAndSet(false, true)) {
				return 0;
			}
			DatadogSubmitter.this.queuedFlushes.remove(this);
			DeliveryTally tally = DeliveryTally.forFlush(NOTHING_ENCODED, this.snapshot);
			// nothing was encoded, so every item is dropped, in dry-run mode too
			long items = dropUnaccounted(tally, DropReason.SHUTDOWN, false);
			this.handle.record.complete(recordFlush(tally, this.snapshot));
			return items;
		}

	}

}
