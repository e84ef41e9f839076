package io.threadstats.submission;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Parked payloads waiting for a retry, oldest first, bounded by the uncompressed size of their JSON
 * (which is of the order of the memory their items hold). When a payload does not fit, the oldest
 * go first. Used by the delivery thread only.
 */
final class RetryBuffer {

	private final long capacityBytes;

	private final Deque<Payload<?>> payloads = new ArrayDeque<>();

	private long bytes;

	private long items;

	RetryBuffer(long capacityBytes) {
		this.capacityBytes = capacityBytes;
	}

	/**
	 * Parks a payload (without its body) behind the others.
	 * @return the payloads evicted to make room, oldest first; the payload itself when it is bigger
	 * than the whole buffer
	 */
	List<Payload<?>> addNewest(Payload<?> payload) {
		return add(payload, false);
	}

	/** Puts back a payload that was the oldest, keeping the order; evicts like {@link #addNewest}. */
	List<Payload<?>> addOldest(Payload<?> payload) {
		return add(payload, true);
	}

	private List<Payload<?>> add(Payload<?> payload, boolean asOldest) {
		List<Payload<?>> evicted = new ArrayList<>(0);
		if (payload.rawBytes() > this.capacityBytes) {
			evicted.add(payload);
			return evicted;
		}
		while (this.bytes + payload.rawBytes() > this.capacityBytes) {
			evicted.add(removeOldest());
		}
		Payload<?> parked = payload.withoutBody();
		if (asOldest) {
			this.payloads.addFirst(parked);
		}
		else {
			this.payloads.addLast(parked);
		}
		this.bytes += payload.rawBytes();
		this.items += payload.itemCount();
		return evicted;
	}

	/** Removes and returns the oldest payload matching {@code eligible}, or {@code null}. */
	Payload<?> takeOldest(Predicate<Payload<?>> eligible) {
		for (Iterator<Payload<?>> it = this.payloads.iterator(); it.hasNext();) {
			Payload<?> payload = it.next();
			if (eligible.test(payload)) {
				it.remove();
				forget(payload);
				return payload;
			}
		}
		return null;
	}

	/** Removes and returns everything, oldest first. */
	List<Payload<?>> takeAll() {
		List<Payload<?>> all = new ArrayList<>(this.payloads);
		this.payloads.clear();
		this.bytes = 0;
		this.items = 0;
		return all;
	}

	private Payload<?> removeOldest() {
		Payload<?> oldest = this.payloads.removeFirst();
		forget(oldest);
		return oldest;
	}

	private void forget(Payload<?> payload) {
		this.bytes -= payload.rawBytes();
		this.items -= payload.itemCount();
	}

	boolean isEmpty() {
		return this.payloads.isEmpty();
	}

	int size() {
		return this.payloads.size();
	}

	long bytes() {
		return this.bytes;
	}

	long items() {
		return this.items;
	}

	/** The payloads, oldest first, for looking only. */
	Iterable<Payload<?>> view() {
		return this.payloads;
	}

}
