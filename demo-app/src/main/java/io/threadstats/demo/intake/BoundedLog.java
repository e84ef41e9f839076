package io.threadstats.demo.intake;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The latest entries of something received (events, service checks), at most a fixed
 * number, counting those it evicted to stay within it.
 *
 * @param <T> what is kept
 */
final class BoundedLog<T> {

	private final int capacity;

	private final Deque<T> entries = new ArrayDeque<>();

	private final ReentrantLock lock = new ReentrantLock();

	private final LongAdder evicted = new LongAdder();

	BoundedLog(int capacity) {
		this.capacity = capacity;
	}

	void add(T entry) {
		this.lock.lock();
		try {
			this.entries.addFirst(entry);
			while (this.entries.size() > this.capacity) {
				this.entries.removeLast();
				this.evicted.increment();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The entries kept, newest first. */
	List<T> newestFirst() {
		this.lock.lock();
		try {
			return new ArrayList<>(this.entries);
		}
		finally {
			this.lock.unlock();
		}
	}

	long evicted() {
		return this.evicted.sum();
	}

}
