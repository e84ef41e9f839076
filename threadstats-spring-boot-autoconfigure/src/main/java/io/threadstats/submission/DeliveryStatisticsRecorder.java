package io.threadstats.submission;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.threadstats.submission.DeliveryCounts.Count;

/**
 * The totals behind {@link DeliveryStatistics}: the counts of every unit of delivery
 * work, finished or in progress, summed when a picture is taken, and the state of
 * delivery (last success, last error, key rejection, retry buffer, recent flushes).
 * Written by the delivery thread, read by anyone through {@link #snapshot()}.
 */
final class DeliveryStatisticsRecorder {

	private final Clock clock;

	private final int historySize;

	private final boolean dryRun;

	private final AtomicLong flushes = new AtomicLong();

	/**
	 * The counts of finished work, and drops that belong to no work in progress. Guarded
	 * by this, with {@link #current}, so that a picture never counts a tally twice.
	 */
	private final DeliveryCounts finished = new DeliveryCounts();

	private DeliveryTally current;

	private final AtomicReference<List<FlushRecord>> recentFlushes = new AtomicReference<>(List.of());

	private volatile BufferState buffer = new BufferState(0, 0, 0, null);

	private volatile KeyRejection keyRejection;

	private volatile Instant lastSuccessAt;

	private volatile Instant failingSince;

	private volatile String lastError;

	private volatile Instant lastErrorAt;

	DeliveryStatisticsRecorder(Clock clock, int historySize, boolean dryRun) {
		this.clock = clock;
		this.historySize = historySize;
		this.dryRun = dryRun;
	}

	void flushReceived() {
		this.flushes.incrementAndGet();
	}

	/** {@code tally}'s counts show in the totals from now on, while it runs. */
	synchronized void started(DeliveryTally tally) {
		this.current = tally;
	}

	/**
	 * {@code tally}'s work is over: its counts join the totals for good (a flush
	 * abandoned at shutdown comes here without having started).
	 */
	synchronized void finished(DeliveryTally tally) {
		tally.counts().addTo(this.finished);
		if (this.current == tally) {
			this.current = null;
		}
	}

	/**
	 * Items dropped that belong to no work in progress: parked payloads of earlier work,
	 * evicted or dropped at shutdown.
	 */
	synchronized void droppedOutsideWork(DropReason reason, long items) {
		this.finished.dropped(reason, items);
	}

	/** The intake accepted a payload: delivery works (again). */
	void succeeded() {
		this.lastSuccessAt = this.clock.instant();
		this.failingSince = null;
		this.keyRejection = null;
	}

	/**
	 * An error worth showing; {@code failing} when it means delivery is not working (not
	 * a bad payload). A key rejection is remembered from the first one after the last
	 * success, with its own message, whatever errors come after it.
	 */
	void error(String message, boolean failing, boolean keyRejected) {
		Instant now = this.clock.instant();
		this.lastError = message;
		this.lastErrorAt = now;
		if (failing && this.failingSince == null) {
			this.failingSince = now;
		}
		if (keyRejected && this.keyRejection == null) {
			this.keyRejection = new KeyRejection(now, message);
		}
	}

	/** Whether a key rejection is remembered: one came after the last success. */
	boolean isKeyRejected() {
		return this.keyRejection != null;
	}

	void bufferChanged(RetryBuffer retryBuffer) {
		this.buffer = new BufferState(retryBuffer.size(), retryBuffer.bytes(), retryBuffer.items(),
				retryBuffer.oldestCreatedAt());
	}

	/**
	 * Keeps the record in the recent flushes; a run of empty flushes takes one entry, so
	 * that idle flushes do not push out the records worth reading.
	 */
	void flushRecorded(FlushRecord record) {
		this.recentFlushes.updateAndGet((current) -> {
			FlushRecord last = current.isEmpty() ? null : current.get(current.size() - 1);
			if (last != null && last.isJoinedBy(record)) {
				List<FlushRecord> next = new ArrayList<>(current);
				next.set(next.size() - 1, last.joinedBy(record));
				return List.copyOf(next);
			}
			List<FlushRecord> next = new ArrayList<>(current.size() + 1);
			next.addAll(current.subList(Math.max(0, current.size() + 1 - this.historySize), current.size()));
			next.add(record);
			return List.copyOf(next);
		});
	}

	DeliveryStatistics snapshot() {
		DeliveryCounts totals = new DeliveryCounts();
		synchronized (this) {
			this.finished.addTo(totals);
			if (this.current != null) {
				this.current.counts().addTo(totals);
			}
		}
		BufferState buffered = this.buffer;
		KeyRejection rejection = this.keyRejection;
		return new DeliveryStatistics(this.clock.instant(), this.dryRun, (rejection != null) ? rejection.since() : null,
				(rejection != null) ? rejection.message() : null, this.flushes.get(),
				totals.get(Count.PAYLOADS_ENCODED), totals.get(Count.RAW_BYTES_ENCODED),
				totals.get(Count.COMPRESSED_BYTES_ENCODED), totals.get(Count.REQUESTS), totals.get(Count.RETRIES),
				totals.get(Count.PAYLOADS_DELIVERED), totals.get(Count.RAW_BYTES_DELIVERED),
				totals.get(Count.COMPRESSED_BYTES_DELIVERED), totals.get(Count.ITEMS_DELIVERED),
				totals.get(Count.ITEMS_POSSIBLY_DUPLICATED), totals.responses(), totals.get(Count.TRANSPORT_ERRORS),
				totals.dropped(), buffered.payloads(), buffered.bytes(), buffered.items(), buffered.oldestAt(),
				this.lastSuccessAt, this.failingSince, this.lastError, this.lastErrorAt, this.recentFlushes.get());
	}

	private record BufferState(int payloads, long bytes, long items, Instant oldestAt) {
	}

	private record KeyRejection(Instant since, String message) {
	}

}
