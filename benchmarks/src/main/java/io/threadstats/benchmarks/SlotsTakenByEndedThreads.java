package io.threadstats.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Before each iteration, {@value #THREADS} short-lived threads write one value each to
 * the counter and histogram handles and end: each takes a cell of the counter's current
 * bucket and a stripe of the histogram's, as the threads of a pool that wrote first in a
 * bucket do, so the benchmark's own threads find every one taken by a thread that no
 * longer writes. (A bucket lasts 10 s: an iteration that crosses a bucket boundary
 * measures the rest of its second on fresh cells.)
 */
@State(Scope.Benchmark)
public class SlotsTakenByEndedThreads {

	/** As many as the most cells or stripes a bucket has, on any machine. */
	static final int THREADS = 32;

	/** Runs the ending threads, one after another. */
	@Setup(Level.Iteration)
	public void takeSlots(ThreadStatsState state) throws InterruptedException {
		for (int i = 0; i < THREADS; i++) {
			Thread writer = new Thread(() -> {
				state.counter.increment();
				state.histogram.record(1);
			}, "ended-writer-" + i);
			writer.start();
			writer.join();
		}
	}

}
