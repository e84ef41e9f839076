package io.threadstats;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Measures what the current thread allocates (HotSpot's per-thread allocation counter),
 * not how long anything takes.
 */
public final class Allocations {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private Allocations() {
	}

	/** Skips the calling test where the JVM cannot count what a thread allocates. */
	public static void assumeCounted() {
		assumeTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
				"the JVM counts what each thread allocates");
	}

	/** The bytes the current thread allocated so far (allocates nothing itself). */
	public static long byCurrentThread() {
		return THREADS.getCurrentThreadAllocatedBytes();
	}

	/**
	 * Runs the calls once to warm up, then the given number of measured rounds, and
	 * returns the fewest bytes one round allocated: a real per-call allocation shows in
	 * every round, while one-off noise (a JIT recompilation) does not.
	 */
	public static long fewestBytesAllocated(Runnable calls, int rounds) {
		calls.run();
		long fewest = Long.MAX_VALUE;
		for (int round = 0; round < rounds; round++) {
			long before = byCurrentThread();
			calls.run();
			fewest = Math.min(fewest, byCurrentThread() - before);
		}
		return fewest;
	}

}
