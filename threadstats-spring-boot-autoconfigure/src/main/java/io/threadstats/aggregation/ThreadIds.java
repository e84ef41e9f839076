package io.threadstats.aggregation;

/**
 * The calling thread's id, which picks a writer's first counter cell or stripe slot and
 * marks the ones it owns. Read from the thread: no thread-local, no allocation. Pool
 * threads have consecutive ids, so threads running at once start on different cells.
 */
final class ThreadIds {

	private ThreadIds() {
	}

	@SuppressWarnings("deprecation") // Thread.getId(): threadId() is Java 19+
	static long current() {
		return Thread.currentThread().getId();
	}

}
