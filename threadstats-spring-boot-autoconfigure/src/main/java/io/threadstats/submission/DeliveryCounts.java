package io.threadstats.submission;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What delivery did with payloads and their items, one count per event. Each unit of
 * delivery work counts its own events here ({@link DeliveryTally}); the totals since
 * start are these counts summed ({@link DeliveryStatisticsRecorder}), so no event is
 * written twice. Written by one thread at a time, read by any.
 */
final class DeliveryCounts {

	/** The plain counters. */
	enum Count {

		/** Payloads encoded, 413 halves and dry-run payloads included. */
		PAYLOADS_ENCODED,

		/** Uncompressed JSON bytes of the payloads encoded. */
		RAW_BYTES_ENCODED,

		/** Request body bytes of the payloads encoded. */
		COMPRESSED_BYTES_ENCODED,

		/** HTTP requests that got an answer or a transport error. */
		REQUESTS,

		/** Requests that re-sent a payload from the retry buffer. */
		RETRIES,

		/** Requests that got no HTTP response. */
		TRANSPORT_ERRORS,

		/** Payloads the intake accepted. */
		PAYLOADS_DELIVERED,

		/** Uncompressed JSON bytes of the payloads accepted. */
		RAW_BYTES_DELIVERED,

		/** Request body bytes of the payloads accepted. */
		COMPRESSED_BYTES_DELIVERED,

		/** Items the intake accepted. */
		ITEMS_DELIVERED,

		/**
		 * Items accepted on a re-send after an earlier send of them got no answer in
		 * time, to an endpoint that adds what it receives: Datadog may count them twice.
		 */
		ITEMS_POSSIBLY_DUPLICATED,

		/** Items parked for retry and still parked (evicted ones are dropped instead). */
		ITEMS_PARKED

	}

	private final AtomicLongArray counts = new AtomicLongArray(Count.values().length);

	private final Map<Integer, AtomicLong> responses = new ConcurrentHashMap<>();

	private final Map<DropReason, AtomicLong> dropped = new ConcurrentHashMap<>();

	void encoded(Payload<?> payload) {
		add(Count.PAYLOADS_ENCODED, 1);
		add(Count.RAW_BYTES_ENCODED, payload.rawBytes());
		add(Count.COMPRESSED_BYTES_ENCODED, payload.compressedBytes());
	}

	void responded(IntakeResponse response, boolean retry) {
		add(Count.REQUESTS, 1);
		if (retry) {
			add(Count.RETRIES, 1);
		}
		if (response.isTransportError()) {
			add(Count.TRANSPORT_ERRORS, 1);
		}
		else {
			count(this.responses, response.status(), 1);
		}
	}

	void delivered(Payload<?> payload) {
		add(Count.PAYLOADS_DELIVERED, 1);
		add(Count.RAW_BYTES_DELIVERED, payload.rawBytes());
		add(Count.COMPRESSED_BYTES_DELIVERED, payload.compressedBytes());
		add(Count.ITEMS_DELIVERED, payload.itemCount());
		if (payload.mayDuplicate()) {
			add(Count.ITEMS_POSSIBLY_DUPLICATED, payload.itemCount());
		}
	}

	void parked(long items) {
		add(Count.ITEMS_PARKED, items);
	}

	/** Items parked here, evicted since to make room: no longer parked, dropped. */
	void evicted(long items) {
		add(Count.ITEMS_PARKED, -items);
		dropped(DropReason.RETRY_BUFFER_FULL, items);
	}

	void dropped(DropReason reason, long items) {
		count(this.dropped, reason, items);
	}

	long get(Count count) {
		return this.counts.get(count.ordinal());
	}

	/** Responses by HTTP status. */
	Map<Integer, Long> responses() {
		return copy(this.responses, new HashMap<>());
	}

	/** Items dropped, by reason. */
	Map<DropReason, Long> dropped() {
		return copy(this.dropped, new EnumMap<>(DropReason.class));
	}

	/** Items dropped, whatever the reason. */
	long droppedTotal() {
		return this.dropped.values().stream().mapToLong(AtomicLong::get).sum();
	}

	/** Adds every count of this one to {@code sum}. */
	void addTo(DeliveryCounts sum) {
		for (Count count : Count.values()) {
			sum.add(count, get(count));
		}
		this.responses.forEach((status, counter) -> count(sum.responses, status, counter.get()));
		this.dropped.forEach((reason, counter) -> count(sum.dropped, reason, counter.get()));
	}

	private void add(Count count, long amount) {
		this.counts.addAndGet(count.ordinal(), amount);
	}

	private static <K> void count(Map<K, AtomicLong> counters, K key, long amount) {
		counters.computeIfAbsent(key, (k) -> new AtomicLong()).addAndGet(amount);
	}

	private static <K> Map<K, Long> copy(Map<K, AtomicLong> counters, Map<K, Long> into) {
		counters.forEach((key, counter) -> into.put(key, counter.get()));
		return into;
	}

}
