package io.threadstats.submission;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running totals behind {@link DeliveryStatistics}: written by the delivery thread,
 * read by anyone through {@link #snapshot()}.
 */
final class DeliveryStatisticsRecorder {

	private final Clock clock;

	private final int historySize;

	private final boolean dryRun;

	private final AtomicLong flushes = new AtomicLong();

	private final AtomicLong payloadsEncoded = new AtomicLong();

	private final AtomicLong rawBytesEncoded = new AtomicLong();

	private final AtomicLong compressedBytesEncoded = new AtomicLong();

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong retries = new AtomicLong();

	private final AtomicLong payloadsDelivered = new AtomicLong();

	private final AtomicLong rawBytesDelivered = new AtomicLong();

	private final AtomicLong compressedBytesDelivered = new AtomicLong();

	private final AtomicLong itemsDelivered = new AtomicLong();

	private final AtomicLong transportErrors = new AtomicLong();

	private final Map<Integer, AtomicLong> responses = new ConcurrentHashMap<>();

	private final Map<DropReason, AtomicLong> dropped = new ConcurrentHashMap<>();

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

	void encoded(Payload<?> payload) {
		this.payloadsEncoded.incrementAndGet();
		this.rawBytesEncoded.addAndGet(payload.rawBytes());
		this.compressedBytesEncoded.addAndGet(payload.compressedBytes());
	}

	void responded(IntakeResponse response, boolean retry) {
		this.requests.incrementAndGet();
		if (retry) {
			this.retries.incrementAndGet();
		}
		if (response.isTransportError()) {
			this.transportErrors.incrementAndGet();
		}
		else {
			count(this.responses, response.status(), 1);
		}
	}

	void delivered(Payload<?> payload) {
		this.payloadsDelivered.incrementAndGet();
		this.rawBytesDelivered.addAndGet(payload.rawBytes());
		this.compressedBytesDelivered.addAndGet(payload.compressedBytes());
		this.itemsDelivered.addAndGet(payload.itemCount());
		this.lastSuccessAt = this.clock.instant();
		this.failingSince = null;
		this.keyRejection = null;
	}

	void dropped(DropReason reason, long items) {
		count(this.dropped, reason, items);
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

	void flushRecorded(FlushRecord record) {
		this.recentFlushes.updateAndGet((current) -> {
			List<FlushRecord> next = new ArrayList<>(current.size() + 1);
			next.addAll(current.subList(Math.max(0, current.size() + 1 - this.historySize), current.size()));
			next.add(record);
			return List.copyOf(next);
		});
	}

	DeliveryStatistics snapshot() {
		BufferState buffered = this.buffer;
		KeyRejection rejection = this.keyRejection;
		return new DeliveryStatistics(this.clock.instant(), this.dryRun, (rejection != null) ? rejection.since() : null,
				(rejection != null) ? rejection.message() : null, this.flushes.get(), this.payloadsEncoded.get(),
				this.rawBytesEncoded.get(), this.compressedBytesEncoded.get(), this.requests.get(), this.retries.get(),
				this.payloadsDelivered.get(), this.rawBytesDelivered.get(), this.compressedBytesDelivered.get(),
				this.itemsDelivered.get(), copy(this.responses), this.transportErrors.get(), copy(this.dropped),
				buffered.payloads(), buffered.bytes(), buffered.items(), buffered.oldestAt(), this.lastSuccessAt,
				this.failingSince, this.lastError, this.lastErrorAt, this.recentFlushes.get());
	}

	private static <K> void count(Map<K, AtomicLong> counters, K key, long amount) {
		counters.computeIfAbsent(key, (k) -> new AtomicLong()).addAndGet(amount);
	}

	private static <K> Map<K, Long> copy(Map<K, AtomicLong> counters) {
		Map<K, Long> copy = new HashMap<>();
		counters.forEach((key, counter) -> copy.put(key, counter.get()));
		return copy;
	}

	private record BufferState(int payloads, long bytes, long items, Instant oldestAt) {
	}

	private record KeyRejection(Instant since, String message) {
	}

}
