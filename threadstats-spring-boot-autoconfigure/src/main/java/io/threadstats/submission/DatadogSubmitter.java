package io.threadstats.submission;

import java.lang.ref.WeakReference;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
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
import java.util.concurrent.ScheduledFuture;
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
 * Delivers flushes to Datadog's HTTP API: series, distribution points, service checks and events,
 * encoded with Jackson's streaming generator into size-limited compressed payloads, posted with a
 * {@link WebClient}, retried with jittered exponential backoff from a retry buffer bounded in bytes.
 *
 * <p>All delivery work runs on one background thread ({@code threadstats-delivery}); {@link #submit}
 * only queues the flush. The returned future completes once each of the flush's payloads was delivered,
 * dropped (counted) or parked for retry, so a failing intake delays the next flush by at most one
 * request timeout: after a retryable failure the endpoint is backed off and the flush's remaining
 * payloads are parked without waiting on the network.
 *
 * <p>What happens on each answer: 2xx delivered; 400 (and other 4xx that retrying cannot fix) dropped,
 * body logged; 401/403 dropped, one ERROR saying the key was rejected; 413 split in half and re-sent
 * (a single item still too large is dropped); 408, 429, 5xx, connection errors and timeouts parked and
 * retried, honouring {@code Retry-After} and {@code X-RateLimit-Reset}. Before every attempt, points
 * outside Datadog's time window are dropped and counted. Everything is visible in {@link #statistics()}.
 *
 * <p>Without an API key the submitter runs in dry-run mode: payloads are encoded and counted, never sent.
 */
public final class DatadogSubmitter implements Submitter {

	private static final Logger logger = LoggerFactory.getLogger(DatadogSubmitter.class);

	private final DeliverySettings settings;

	private final URI baseUrl;

	private final IntakeClient client;

	private final RetryPolicy retryPolicy;

	private final Clock clock;

	private final ScheduledThreadPoolExecutor worker;

	private final DeliveryStatisticsRecorder statistics;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final AtomicInteger flushesInProgress = new AtomicInteger();

	private final ConcurrentLinkedDeque<FlushHandle> recentSubmissions = new ConcurrentLinkedDeque<>();

	private final Queue<FlushTask> queuedFlushes = new ConcurrentLinkedQueue<>();

	/** Set when the drain timeout ran out: the delivery thread then parks instead of sending. */
	private volatile boolean abandoning;

	// Everything below is used by the delivery thread only.

	private final RetryBuffer retryBuffer;

	private final Map<IntakeEndpoint, EndpointState> endpoints = new EnumMap<>(IntakeEndpoint.class);

	private FlushTally currentFlush;

	private ScheduledFuture<?> retryTask;

	private Instant retryTaskAt;

	private CompletableFuture<Void> drained;

	private boolean keyRejectionLogged;

	private DatadogSubmitter(DeliverySettings settings, WebClient.Builder webClientBuilder, RetryPolicy retryPolicy,
			Clock clock) {
		checkSettings(settings);
		this.settings = settings;
		this.baseUrl = IntakeUrl.resolve(settings);
		this.retryPolicy = retryPolicy;
		this.clock = clock;
		this.retryBuffer = new RetryBuffer(settings.retryBufferBytes());
		this.statistics = new DeliveryStatisticsRecorder(clock, settings.flushHistorySize(), !settings.hasApiKey());
		for (IntakeEndpoint endpoint : IntakeEndpoint.values()) {
			this.endpoints.put(endpoint, new EndpointState());
		}
		if (settings.hasApiKey()) {
			this.client = (webClientBuilder != null)
					? IntakeClient.fromBuilder(webClientBuilder, this.baseUrl, settings.apiKey(), settings)
					: IntakeClient.ownResources(this.baseUrl, settings.apiKey(), settings);
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
	}

	/**
	 * Creates a submitter on its own Reactor Netty connection pool and event loop (released by
	 * {@link #close(Duration)}), with the settings' connect and response timeouts.
	 * @throws IllegalArgumentException when the settings are invalid (unknown site, plain http to a
	 * non-loopback host, missing or negative values)
	 */
	public static DatadogSubmitter create(DeliverySettings settings) {
		return new DatadogSubmitter(settings, null, RetryPolicy.DEFAULT, Clock.systemUTC());
	}

	/**
	 * Creates a submitter on a {@link WebClient} built from {@code webClientBuilder} (e.g. Spring Boot's, so
	 * that its connector and customizations apply); the settings' connect plus response timeout bounds each
	 * request.
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
		require(isPositive(settings.connectTimeout()), "connectTimeout must be positive, was "
				+ settings.connectTimeout());
		require(isPositive(settings.responseTimeout()), "responseTimeout must be positive, was "
				+ settings.responseTimeout());
		require(settings.drainTimeout() != null && !settings.drainTimeout().isNegative(),
				"drainTimeout must be zero or positive, was " + settings.drainTimeout());
		require(settings.retryBufferBytes() >= 0, "retryBufferBytes must be zero or positive, was "
				+ settings.retryBufferBytes());
		require(settings.flushHistorySize() >= 1, "flushHistorySize must be at least 1, was "
				+ settings.flushHistorySize());
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
	public URI baseUrl() {
		return this.baseUrl;
	}

	/** Whether no API key is configured, so payloads are encoded and counted but not sent. */
	public boolean isDryRun() {
		return this.client == null;
	}

	/** An immutable picture of delivery so far. Cheap; safe from any thread. */
	public DeliveryStatistics statistics() {
		return this.statistics.snapshot();
	}

	/**
	 * The record of one submitted flush, completing once each of its payloads was delivered, dropped or
	 * parked (immediately if that already happened). Only the last flushes are remembered, as many as the
	 * statistics keep.
	 * @param snapshot a snapshot passed to {@link #submit}
	 * @return the flush's record; completes exceptionally with {@link IllegalArgumentException} when this
	 * snapshot was not submitted here or is too old to be remembered
	 */
	public CompletableFuture<FlushRecord> flushRecord(FlushSnapshot snapshot) {
		for (FlushHandle handle : this.recentSubmissions) {
			if (handle.snapshot.get() == snapshot) {
				return handle.record.thenApply((flushRecord) -> flushRecord);
			}
		}
		return CompletableFuture.failedFuture(new IllegalArgumentException(
				"threadstats: this snapshot was not submitted to this submitter, or is no longer remembered"));
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

	@Override
	public void close(Duration timeout) {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		CompletableFuture<Void> drainedSignal = new CompletableFuture<>();
		try {
			this.worker.execute(() -> startDraining(drainedSignal));
			drainedSignal.get(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException | ExecutionException | TimeoutException ex) {
			// what is left is reported below
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.abandoning = true;
		this.worker.shutdownNow();
		boolean terminated = false;
		try {
			terminated = this.worker.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (terminated) {
			reportUndelivered(timeout);
		}
		else {
			logger.warn("threadstats: the delivery thread did not stop within 5 s of the drain timeout; what it"
					+ " still held is not counted");
		}
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
		// One immediate attempt for what is parked: waiting out a long backoff would lose it at shutdown.
		Instant now = this.clock.instant();
		this.endpoints.values().forEach((state) -> state.blockedUntil = now);
		scheduleRetry();
	}

	private void reportUndelivered(Duration timeout) {
		long items = 0;
		int payloads = 0;
		for (FlushTask task : this.queuedFlushes) {
			items += task.abandon();
		}
		for (Payload<?> payload : this.retryBuffer.takeAll()) {
			payloads++;
			items += payload.itemCount();
			dropped(DropReason.SHUTDOWN, payload.itemCount());
		}
		this.statistics.bufferChanged(this.retryBuffer);
		if (items > 0) {
			String lastError = this.statistics.snapshot().lastError();
			logger.warn("threadstats: {} items ({} parked payloads) could not be delivered within the drain timeout"
					+ " of {} and were dropped; last error: {}", items, payloads, timeout,
					(lastError != null) ? lastError : "none");
		}
	}

	// ---- delivery thread ----

	private void deliverFlush(FlushSnapshot snapshot, FlushHandle handle) {
		FlushTally tally = new FlushTally(snapshot);
		this.currentFlush = tally;
		try {
			Instant now = this.clock.instant();
			PayloadFormat<SeriesPoint> seriesFormat = (this.settings.seriesApi() == SeriesApi.V1)
					? SeriesV1Format.INSTANCE : SeriesV2Format.INSTANCE;
			deliverAll(seriesFormat, snapshot.series(), now);
			deliverAll(DistributionFormat.INSTANCE, snapshot.distributions(), now);
			deliverAll(ServiceCheckFormat.INSTANCE, snapshot.serviceChecks(), now);
			deliverAll(EventFormat.INSTANCE, snapshot.events(), now);
		}
		catch (RuntimeException ex) {
			logger.error("threadstats: unexpected failure while delivering a flush", ex);
		}
		finally {
			long unaccounted = tally.unaccounted(isDryRun());
			if (unaccounted > 0) {
				dropped(DropReason.DELIVERY_ERROR, unaccounted);
			}
			this.currentFlush = null;
			FlushRecord flushRecord = tally.toRecord(isDryRun());
			logDrops(flushRecord);
			this.statistics.flushRecorded(flushRecord);
			this.flushesInProgress.decrementAndGet();
			handle.record.complete(flushRecord);
			scheduleRetry();
		}
	}

	private <T> void deliverAll(PayloadFormat<T> format, List<T> items, Instant now) {
		if (items.isEmpty()) {
			return;
		}
		PayloadBatcher<T> batcher = new PayloadBatcher<>(format, items, this.settings.compression(), now, now,
				this::dropped);
		while (batcher.hasNext()) {
			Payload<T> payload = batcher.next();
			encoded(payload);
			if (!isDryRun()) {
				dispatch(payload, false);
			}
		}
	}

	/** Sends a payload, or parks it straight away while its endpoint is backed off. */
	private void dispatch(Payload<?> payload, boolean fromRetryBuffer) {
		EndpointState state = this.endpoints.get(payload.endpoint());
		if (this.abandoning || state.isBlocked(this.clock.instant())) {
			park(payload, fromRetryBuffer);
			return;
		}
		IntakeResponse response = this.client.post(payload.endpoint(), payload.body(), payload.compression());
		this.statistics.responded(response, fromRetryBuffer);
		if (this.currentFlush != null) {
			this.currentFlush.responded(response);
		}
		if (response.isSuccess()) {
			delivered(payload, state);
		}
		else if (response.isKeyRejected()) {
			keyRejected(payload, response);
		}
		else if (response.isTooLarge()) {
			splitAndResend(payload, fromRetryBuffer);
		}
		else if (response.isRetryable()) {
			failed(payload, response, state, fromRetryBuffer);
		}
		else {
			String message = "intake answered " + response.describe() + " for " + payload.endpoint().path();
			this.statistics.error(redact(message), false, false);
			logger.warn("threadstats: {}; {} items dropped (not retried)", redact(message), payload.itemCount());
			dropped(DropReason.BAD_REQUEST, payload.itemCount());
		}
	}

	private void delivered(Payload<?> payload, EndpointState state) {
		this.statistics.delivered(payload);
		if (this.currentFlush != null) {
			this.currentFlush.delivered(payload.itemCount());
		}
		if (state.consecutiveFailures > 0) {
			logger.info("threadstats: delivery to {}{} recovered after {} failed attempts", this.baseUrl,
					payload.endpoint().path(), state.consecutiveFailures);
		}
		state.consecutiveFailures = 0;
		state.blockedUntil = Instant.EPOCH;
		this.keyRejectionLogged = false;
	}

	private void keyRejected(Payload<?> payload, IntakeResponse response) {
		String message = "Datadog rejected the API key (HTTP " + response.status() + " from " + this.baseUrl
				+ payload.endpoint().path() + ")";
		this.statistics.error(message, true, true);
		dropped(DropReason.API_KEY_REJECTED, payload.itemCount());
		if (!this.keyRejectionLogged) {
			this.keyRejectionLogged = true;
			logger.error("threadstats: API key rejected: {}; nothing is delivered until the key is fixed (check"
					+ " DD_API_KEY or threadstats.api-key, and that the site {} matches the key's); dropped items are"
					+ " counted in the delivery statistics", message, this.baseUrl);
		}
		else {
			logger.debug("threadstats: API key rejected again; {} items dropped", payload.itemCount());
		}
	}

	private void splitAndResend(Payload<?> payload, boolean fromRetryBuffer) {
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
		for (Payload<?> part : halves(payload, half)) {
			encoded(part);
			dispatch(part, fromRetryBuffer);
		}
	}

	private static <T> List<Payload<?>> reencode(Payload<T> payload, List<T> items, Instant now,
			DropListener drops) {
		return new ArrayList<>(PayloadBatcher.encodeAll(payload.format(), items, payload.compression(), now,
				payload.createdAt(), drops));
	}

	private <T> List<Payload<?>> halves(Payload<T> payload, int half) {
		Instant now = this.clock.instant();
		List<Payload<?>> parts = reencode(payload, payload.items().subList(0, half), now, this::dropped);
		parts.addAll(reencode(payload, payload.items().subList(half, payload.itemCount()), now, this::dropped));
		return parts;
	}

	private void failed(Payload<?> payload, IntakeResponse response, EndpointState state, boolean fromRetryBuffer) {
		if (this.abandoning) {
			// Our own interruption at the end of the drain timeout: not the intake's failure to report.
			park(payload, fromRetryBuffer);
			return;
		}
		state.consecutiveFailures++;
		Duration delay = this.retryPolicy.delay(state.consecutiveFailures, response.retryAfter());
		state.blockedUntil = this.clock.instant().plus(delay);
		String message = redact("delivery to " + this.baseUrl + payload.endpoint().path() + " failed: "
				+ response.describe());
		this.statistics.error(message, true, false);
		if (state.consecutiveFailures == 1) {
			logger.warn("threadstats: {}; retrying in {} ms ({} items parked for retry)", message, delay.toMillis(),
					payload.itemCount());
		}
		else {
			logger.debug("threadstats: {} (failure {} in a row); retrying in {} ms", message,
					state.consecutiveFailures, delay.toMillis());
		}
		park(payload, fromRetryBuffer);
	}

	private void park(Payload<?> payload, boolean fromRetryBuffer) {
		List<Payload<?>> evicted = fromRetryBuffer ? this.retryBuffer.addOldest(payload)
				: this.retryBuffer.addNewest(payload);
		boolean parkedItself = true;
		long evictedItems = 0;
		for (Payload<?> gone : evicted) {
			parkedItself &= (gone != payload);
			evictedItems += gone.itemCount();
			dropped(DropReason.RETRY_BUFFER_FULL, gone.itemCount());
		}
		if (parkedItself && this.currentFlush != null && !fromRetryBuffer) {
			this.currentFlush.parked(payload.itemCount());
		}
		if (evictedItems > 0) {
			logger.warn("threadstats: retry buffer full ({} bytes); dropped the oldest {} items", 
					this.settings.retryBufferBytes(), evictedItems);
		}
		this.statistics.bufferChanged(this.retryBuffer);
	}

	private void retryOldestDue() {
		this.retryTask = null;
		this.retryTaskAt = null;
		try {
			Instant now = this.clock.instant();
			Payload<?> payload = this.retryBuffer.takeOldest(
					(parked) -> !this.endpoints.get(parked.endpoint()).isBlocked(now));
			this.statistics.bufferChanged(this.retryBuffer);
			if (payload != null) {
				// Rebuilt now so that points which left Datadog's window while waiting are dropped, not sent.
				for (Payload<?> fresh : reencode(payload, now)) {
					dispatch(fresh, true);
				}
			}
		}
		catch (RuntimeException ex) {
			logger.error("threadstats: unexpected failure while retrying a payload", ex);
		}
		finally {
			scheduleRetry();
		}
	}

	private <T> List<Payload<?>> reencode(Payload<T> payload, Instant now) {
		Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
		List<Payload<?>> fresh = reencode(payload, payload.items(), now, (reason, items, endpoint) -> {
			dropped(reason, items);
			drops.merge(reason, (long) items, Long::sum);
		});
		if (!drops.isEmpty()) {
			logger.warn("threadstats: dropped before retrying on {}: {}", payload.endpoint().path(), drops);
		}
		return fresh;
	}

	/** Schedules the next retry when the earliest backed-off endpoint with parked payloads opens. */
	private void scheduleRetry() {
		try {
			scheduleNextRetry();
		}
		catch (RuntimeException ex) {
			// Executor tasks swallow exceptions: without this, retries would stop without a trace.
			logger.error("threadstats: unexpected failure while scheduling retries", ex);
		}
	}

	private void scheduleNextRetry() {
		if (this.retryBuffer.isEmpty()) {
			cancelRetryTask();
			if (this.drained != null && this.flushesInProgress.get() == 0) {
				this.drained.complete(null);
			}
			return;
		}
		Instant due = null;
		Set<IntakeEndpoint> seen = EnumSet.noneOf(IntakeEndpoint.class);
		for (Payload<?> parked : this.retryBuffer.view()) {
			if (seen.add(parked.endpoint())) {
				Instant blockedUntil = this.endpoints.get(parked.endpoint()).blockedUntil;
				due = (due == null || blockedUntil.isBefore(due)) ? blockedUntil : due;
			}
		}
		if (this.retryTask != null && !this.retryTaskAt.isAfter(due)) {
			return;
		}
		cancelRetryTask();
		long delayMillis = Math.max(0, Duration.between(this.clock.instant(), due).toMillis());
		try {
			this.retryTaskAt = due;
			this.retryTask = this.worker.schedule(this::retryOldestDue, delayMillis, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// shutting down: what is parked is reported by close()
			this.retryTask = null;
			this.retryTaskAt = null;
		}
	}

	private void cancelRetryTask() {
		if (this.retryTask != null) {
			this.retryTask.cancel(false);
			this.retryTask = null;
			this.retryTaskAt = null;
		}
	}

	private void encoded(Payload<?> payload) {
		this.statistics.encoded(payload);
		if (this.currentFlush != null) {
			this.currentFlush.encoded(payload);
		}
	}

	private void dropped(DropReason reason, int items, IntakeEndpoint endpoint) {
		dropped(reason, items);
	}

	private void dropped(DropReason reason, long items) {
		this.statistics.dropped(reason, items);
		if (this.currentFlush != null) {
			this.currentFlush.dropped(reason, items);
		}
	}

	private void logDrops(FlushRecord flushRecord) {
		Map<DropReason, Long> beforeSending = new EnumMap<>(DropReason.class);
		flushRecord.dropped().forEach((reason, items) -> {
			if (reason == DropReason.OUT_OF_WINDOW || reason == DropReason.TOO_BIG) {
				beforeSending.put(reason, items);
			}
		});
		if (!beforeSending.isEmpty()) {
			logger.warn("threadstats: flush at {} dropped items Datadog would not keep: {} (out of window: more than"
					+ " 1 hour old or 10 minutes ahead, 10 minutes for service checks; too big: larger than a whole"
					+ " payload)", flushRecord.flushedAt(), beforeSending);
		}
	}

	/** Never lets the key reach a log line or the statistics, whatever a server or exception echoes. */
	private String redact(String text) {
		return (this.settings.hasApiKey() && text != null) ? text.replace(this.settings.apiKey(), "(api key)")
				: text;
	}

	@Override
	public String toString() {
		return "DatadogSubmitter[" + this.baseUrl + ", " + this.settings + "]";
	}

	/** Backoff state of one endpoint. */
	private static final class EndpointState {

		int consecutiveFailures;

		Instant blockedUntil = Instant.EPOCH;

		boolean isBlocked(Instant now) {
			return this.blockedUntil.isAfter(now);
		}

	}

	/** A submitted flush, remembered weakly so that {@link #flushRecord} can find its record. */
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
			if (this.claimed.compareAndSet(false, true)) {
				try {
					deliverFlush(this.snapshot, this.handle);
				}
				finally {
					DatadogSubmitter.this.queuedFlushes.remove(this);
				}
			}
		}

		/** Drops the whole flush (counted) unless it already started; returns the items dropped. */
		long abandon() {
			if (!this.claimed.compareAndSet(false, true)) {
				return 0;
			}
			DatadogSubmitter.this.queuedFlushes.remove(this);
			FlushTally tally = new FlushTally(this.snapshot);
			long items = tally.unaccounted(false);
			if (items > 0) {
				DatadogSubmitter.this.statistics.dropped(DropReason.SHUTDOWN, items);
				tally.dropped(DropReason.SHUTDOWN, items);
			}
			FlushRecord flushRecord = tally.toRecord(isDryRun());
			DatadogSubmitter.this.statistics.flushRecorded(flushRecord);
			DatadogSubmitter.this.flushesInProgress.decrementAndGet();
			this.handle.record.complete(flushRecord);
			return items;
		}

	}

}
