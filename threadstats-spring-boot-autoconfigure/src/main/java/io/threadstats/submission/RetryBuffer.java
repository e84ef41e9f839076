package io.threadstats.submission;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Parked payloads waiting for a retry, oldest first, bounded by the uncompressed size of
 * their JSON (which is of the order of the memory their items hold). When a payload does
 * not fit, the oldest go first. Used by the delivery thread only.
 *
 * <p>
 * "Oldest" is by creation time, then by order of first encoding: a payload taken out for
 * a retry and put back (or the parts it was re-encoded into) returns to its place, behind
 * nothing younger, so that eviction and the oldest age stay right however often it fails.
 */
final class RetryBuffer {

	private static final Comparator<Payload<?>> OLDEST_FIRST = Comparator
		.comparing((Payload<?> payload) -> payload.origin().createdAt())
		.thenComparingLong((payload) -> payload.origin().sequence());

	private final long capacityBytes;

	private final LinkedList<Payload<?>> payloads = new LinkedList<>();

	private long bytes;

	private long items;

	RetryBuffer(long capacityBytes) {
		this.capacityBytes = capacityBytes;
	}

	/**
	 * Parks a payload (without its body) at its place by age.
	 * @return the payloads evicted to make room, oldest first; the payload itself when it
	 * is bigger than the whole buffer
	 */
	List<Payload<?>> add(Payload<?> payload) {
		List<Payload<?>> evicted = new ArrayList<>(0);
		if (payload.rawBytes() > this.capacityBytes) {
			evicted.add(payload);
			return evicted;
		}
		while (this.bytes + payload.rawBytes() > this.capacityBytes) {
			evicted.add(removeOldest());
		}
		insertInOrder(payload.withoutBody());
		this.bytes += payload.rawBytes();
		this.items += payload.itemCount();
		return evicted;
	}

	/**
	 * Behind every payload as old or older, so that parts of one payload keep their
	 * order.
	 */
	private void insertInOrder(Payload<?> parked) {
		if (this.payloads.isEmpty() || OLDEST_FIRST.compare(this.payloads.getLast(), parked) <= 0) {
			this.payloads.addLast(parked);
			return;
		}
		// a payload put back is usually among the oldest: search from the front
		ListIterator<Payload<?>> position = this.payloads.listIterator();
		while (position.hasNext()) {
			if (OLDEST_FIRST.compare(position.next(), parked) > 0) {
				position.previous();
				break;
			}
		}
		position.add(parked);
	}

	/**
	 * Whether a payload older than {@code payload} waits here for the same endpoint.
	 */
	boolean holdsOlderFor(Payload<?> payload) {
		for (Payload<?> parked : this.payloads) {
			if (OLDEST_FIRST.compare(parked, payload) >= 0) {
				return false;
			}
			if (parked.endpoint() == payload.endpoint()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Removes and returns the oldest payload matching {@code eligible}, or {@code null}.
	 */
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

	/** When the oldest payload was created, or {@code null} when empty. */
	Instant oldestCreatedAt() {
		return this.payloads.isEmpty() ? null : this.payloads.getFirst().createdAt();
	}

	/** The endpoints the parked payloads go to. */
	Set<IntakeEndpoint> endpoints() {
		Set<IntakeEndpoint> endpoints = EnumSet.noneOf(IntakeEndpoint.class);
		this.payloads.forEach((payload) -> endpoints.add(payload.endpoint()));
		return endpoints;
	}

}
