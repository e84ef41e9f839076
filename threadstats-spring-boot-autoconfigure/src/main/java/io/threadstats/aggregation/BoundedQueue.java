package io.threadstats.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lock-free FIFO queue holding at most {@code capacity} items: offering beyond it fails
 * (the caller counts).
 */
final class BoundedQueue<T> {

	private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	private final int capacity;

	BoundedQueue(int capacity) {
		this.capacity = capacity;
	}

	/** Adds the item unless the queue is full; returns whether it was added. */
	boolean offer(T item) {
		if (this.size.incrementAndGet() > this.capacity) {
			this.size.decrementAndGet();
			return false;
		}
		this.items.add(item);
		return true;
	}

	/** Removes and returns everything queued, oldest first. */
	List<T> drain() {
		List<T> drained = new ArrayList<>();
		for (T item = this.items.poll(); item != null; item = this.items.poll()) {
			this.size.decrementAndGet();
			drained.add(item);
		}
		return drained;
	}

}
