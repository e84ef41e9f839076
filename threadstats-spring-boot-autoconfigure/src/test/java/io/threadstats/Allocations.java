package io.threadstats;

import java.lang.management.ManagementFactory;

/**
 * Measures what the current thread allocates (HotSpot's per-thread allocation counter),
 * not how long anything takes.
 */
public final class Allocations {

	private Allocations() {
	}

	/**
	 * Runs the calls once to warm up, then the given number of measured rounds, and
	 * returns the fewest bytes one round allocated: a real per-call allocation shows in
	 * every round, while one-off noise (a JIT recompilation) does not.
	 */
	public static long fewestBytesAllocated(Runnable calls, int rounds) {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long threadId = Thread.currentThread().getId();
		calls.run();
		long fewest = Long.MAX_VALUE;
		for (int round = 0; round < rounds; round++) {
			long before = threads.getThreadAllocatedBytes(threadId);
			calls.run();
			fewest = Math.min(fewest, threads.getThreadAllocatedBytes(threadId) - before);
		}
		return fewest;
	}

}
