package io.threadstats.submission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.SeriesPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery thread's units of work: each flush, encoded into payloads one at a time
 * and handed to the {@link PayloadDispatcher}; each retry of the oldest parked payload
 * whose endpoint's backoff is over; the drain at shutdown and the count of what is left.
 * Each flush and each retry counts what happens to its items in its own
 * {@link DeliveryTally}, and counts what a failure left behind, so that every item is
 * delivered, parked or dropped exactly once. Runs on the delivery thread only, except
 * where a method says otherwise.
 *
 * <p>
 * Longer than a class should be because flush, retry and drain share one tally rule (each
 * item counted once) that is easier to check when the three are side by side.
 */
final class DeliveryLoop {

	private static final Logger logger = LoggerFactory.getLogger(DeliveryLoop.class);

	/** The tally id of a flush abandoned before it was encoded: it owns no payload. */
	private static final long NOTHING_ENCODED = -1;

	private final Compression compression;

	private final PayloadFormat<SeriesPoint> seriesFormat;

	private final boolean dryRun;

	private final Clock clock;

	private final DeliveryStatisticsRecorder statistics;

	private final RetryBuffer retryBuffer;

	private final IntakeBackoff backoff;

	private final PayloadDispatcher dispatcher;

	private final RetryTimer retryTimer;

	private final AtomicInteger flushesInProgress = new AtomicInteger();

	private long nextTallyId;

	private long nextSequence;

	private CompletableFuture<Void> drained;

	/**
	 * Items of a flush in progress at shutdown that were never encoded: counted, and
	 * logged in the report.
	 */
	private long leftUnsentAtShutdown;

	/**
	 * @param client the intake client, or {@code null} in dry-run mode (payloads are
	 * encoded and counted, not sent)
	 * @param worker the delivery thread's executor
	 */
	DeliveryLoop(DeliverySettings settings, IntakeClient client, ScheduledExecutorService worker,
			RetryPolicy retryPolicy, Clock clock, DeliveryStatisticsRecorder statistics) {
		this.compression = settings.compression();
		this.seriesFormat = (settings.seriesApi() == SeriesApi.V1) ? SeriesV1Format.INSTANCE : SeriesV2Format.INSTANCE;
		this.dryRun = client == null;
		this.clock = clock;
		this.statistics = statistics;
		this.retryBuffer = new RetryBuffer(settings.retryBufferBytes());
		this.backoff = new IntakeBackoff(retryPolicy);
		this.dispatcher = new PayloadDispatcher(settings, settings.baseUrl(), client, clock, statistics,
				this.retryBuffer, this.backoff);
		this.retryTimer = new RetryTimer(worker, clock, this::retryOldestDue);
	}

	/** A flush was submitted; any thread. */
	void flushAccepted() {
		this.flushesInProgress.incrementAndGet();
	}

	/**
	 * Delivers a flush: each payload delivered, dropped or parked.
	 * @return its record, once retries are scheduled (or the drain completed), so that
	 * whoever waits for it finds them
	 */
	FlushRecord deliver(FlushSnapshot snapshot) {
		DeliveryTally tally = start(DeliveryTally.forFlush(this.nextTallyId++, snapshot));
		try {
			deliverAll(this.seriesFormat, snapshot.series(), tally);
			deliverAll(DistributionFormat.INSTANCE, snapshot.distributions(), tally);
			deliverAll(ServiceCheckFormat.INSTANCE, snapshot.serviceChecks(), tally);
			deliverAll(EventFormat.INSTANCE, snapshot.events(), tally);
		}
		catch (RuntimeException ex) {
			logger.error("threadstats: unexpected failure while delivering a flush; its items not yet delivered,"
					+ " parked or dropped are counted as DELIVERY_ERROR", ex);
		}
		finally {
			finish(tally);
			logDropsBeforeSending(tally, "flush at " + snapshot.flushedAt());
		}
		FlushRecord flushRecord = recordFlush(tally, snapshot);
		scheduleRetry();
		return flushRecord;
	}

	/**
	 * Drops a flush that never started, every item counted ({@code SHUTDOWN}); any
	 * thread.
	 */
	FlushRecord abandoned(FlushSnapshot snapshot) {
		DeliveryTally tally = DeliveryTally.forFlush(NOTHING_ENCODED, snapshot);
		// nothing was encoded, so every item is dropped, in dry-run mode too
		dropUnaccounted(tally, DropReason.SHUTDOWN, false);
		this.statistics.finished(tally);
		return recordFlush(tally, snapshot);
	}

	private FlushRecord recordFlush(DeliveryTally tally, FlushSnapshot snapshot) {
		FlushRecord flushRecord = tally.toRecord(snapshot, this.dryRun);
		this.statistics.flushRecorded(flushRecord);
		this.flushesInProgress.decrementAndGet();
		return flushRecord;
	}

	private DeliveryTally start(DeliveryTally tally) {
		this.statistics.started(tally);
		return tally;
	}

	/**
	 * Counts what the work left behind, so that nothing goes uncounted, and adds its
	 * counts to the totals for good.
	 */
	private void finish(DeliveryTally tally) {
		boolean abandoning = this.dispatcher.isAbandoning();
		long left = dropUnaccounted(tally, abandoning ? DropReason.SHUTDOWN : DropReason.DELIVERY_ERROR, this.dryRun);
		if (abandoning) {
			this.leftUnsentAtShutdown += left;
		}
		this.statistics.finished(tally);
	}

	private static long dropUnaccounted(DeliveryTally tally, DropReason reason, boolean dryRun) {
		long left = tally.unaccounted(dryRun);
		if (left > 0) {
			tally.counts().dropped(reason, left);
		}
		return left;
	}

	private <T> void deliverAll(PayloadFormat<T> format, List<T> items, DeliveryTally tally) {
		if (items.isEmpty()) {
			return;
		}
		PayloadBatcher<T> batcher = new PayloadBatcher<>(format, items, this.compression, this.clock,
				(encodedAt) -> new Payload.Origin(encodedAt, this.nextSequence++, tally.id()), tally.counts()::dropped);
		int inFlight = format.endpoint().maxInFlight();
		List<Payload<T>> sending = new ArrayList<>(inFlight);
		while (!this.dispatcher.isAbandoning() && batcher.hasNext()) {
			Payload<T> payload = batcher.next();
			tally.counts().encoded(payload);
			if (this.dryRun) {
				payload.releaseItems();
			}
			else {
				sending.add(payload);
				if (sending.size() == inFlight) {
					this.dispatcher.dispatchAll(sending, tally);
					sending.clear();
				}
			}
		}
		if (!sending.isEmpty()) {
			this.dispatcher.dispatchAll(sending, tally);
		}
	}

	private void retryOldestDue() {
		this.retryTimer.fired();
		try {
			if (!this.dispatcher.isAbandoning()) {
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
		List<Payload<?>> due = takeDue(this.clock.instant());
		if (due.isEmpty()) {
			return;
		}
		Payload<?> payload = due.get(0);
		DeliveryTally tally = start(DeliveryTally.forRetry(this.nextTallyId++, due));
		try {
			this.statistics.bufferChanged(this.retryBuffer);
			// rebuilt now, so that points which left Datadog's window while waiting are
			// dropped, not sent
			List<Payload<?>> parts = new ArrayList<>();
			for (Payload<?> parked : due) {
				parts.addAll(this.dispatcher.reencode(parked, 0, parked.itemCount(), tally));
			}
			this.dispatcher.dispatchAll(parts, tally);
		}
		catch (RuntimeException ex) {
			logger.error(
					"threadstats: unexpected failure while retrying a payload to {}; its items not yet"
							+ " delivered, parked or dropped are counted as DELIVERY_ERROR",
					payload.endpoint().path(), ex);
		}
		finally {
			finish(tally);
			logDropsBeforeSending(tally, "retry on " + payload.endpoint().path());
		}
	}

	/**
	 * The oldest parked payload whose endpoint's backoff is over, and, where its endpoint
	 * takes several requests at once, as many more of that endpoint's as it takes.
	 */
	private List<Payload<?>> takeDue(Instant now) {
		Payload<?> oldest = this.retryBuffer.takeOldest((parked) -> !this.backoff.isBlocked(parked.endpoint(), now));
		if (oldest == null) {
			return List.of();
		}
		IntakeEndpoint endpoint = oldest.endpoint();
		List<Payload<?>> due = new ArrayList<>(endpoint.maxInFlight());
		due.add(oldest);
		while (due.size() < endpoint.maxInFlight()) {
			Payload<?> next = this.retryBuffer.takeOldest((parked) -> parked.endpoint() == endpoint);
			if (next == null) {
				break;
			}
			due.add(next);
		}
		return due;
	}

	/**
	 * Schedules the next retry for when the earliest backed-off endpoint with parked
	 * payloads opens, or completes the drain once nothing is left.
	 */
	private void scheduleRetry() {
		try {
			if (!this.retryBuffer.isEmpty()) {
				this.retryTimer.wakeAt(this.backoff.earliestOpening(this.retryBuffer.endpoints()));
				return;
			}
			this.retryTimer.cancel();
			if (this.drained != null && this.flushesInProgress.get() == 0) {
				this.drained.complete(null);
			}
		}
		catch (RuntimeException ex) {
			// executor tasks swallow exceptions: without this, retries would stop without
			// a trace
			logger.error("threadstats: unexpected failure while scheduling retries", ex);
		}
	}

	/**
	 * Starts draining: {@code signal} completes once nothing is parked or in progress.
	 */
	void startDraining(CompletableFuture<Void> signal) {
		this.drained = signal;
		// one immediate attempt for what is parked: waiting out a long backoff would lose
		// it at shutdown
		this.backoff.openAll();
		scheduleRetry();
	}

	/**
	 * Stops sending: what is still to be sent is parked, to be dropped by
	 * {@link #reportUndelivered}. Any thread.
	 */
	void abandon() {
		this.dispatcher.abandon();
	}

	boolean isAbandoning() {
		return this.dispatcher.isAbandoning();
	}

	/** Whether payloads are parked or flushes not yet delivered; any thread. */
	boolean isHolding() {
		return this.statistics.snapshot().bufferedPayloads() > 0 || this.flushesInProgress.get() > 0;
	}

	/**
	 * Drops what is left at the end of the shutdown timeout, counted ({@code SHUTDOWN}),
	 * and logs it.
	 * @param abandonedItems the items of flushes abandoned before they started
	 */
	void reportUndelivered(Duration timeout, long abandonedItems) {
		long items = this.leftUnsentAtShutdown + abandonedItems;
		int payloads = 0;
		for (Payload<?> payload : this.retryBuffer.takeAll()) {
			payloads++;
			items += payload.itemCount();
			this.statistics.droppedOutsideWork(DropReason.SHUTDOWN, payload.itemCount());
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

	private static void logDropsBeforeSending(DeliveryTally tally, String what) {
		Map<DropReason, Long> beforeSending = new EnumMap<>(DropReason.class);
		tally.counts().dropped().forEach((reason, items) -> {
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

}
