package io.threadstats.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Runs one recording operation on T threads as fast as they can for a fixed time and
 * counts every call made. Each thread cycles over the series indexes
 * {@code 0 .. series-1}.
 */
final class RecordingLoop {

	/** One recording call for the series with this index. */
	@FunctionalInterface
	interface Operation {

		void record(int series);

	}

	/** Records per stop-flag check: keeps the volatile read off most iterations. */
	private static final int BATCH = 256;

	private RecordingLoop() {
	}

	/**
	 * Runs {@code operationPerThread} (one operation per thread, so no state is shared by
	 * accident) on {@code threads} threads for {@code seconds}, each thread held to
	 * {@code callsPerSecond / threads} when {@code callsPerSecond > 0}.
	 * @return the calls made and the wall time they took
	 */
	static Outcome run(int threads, int seconds, int series, long callsPerSecond,
			IntFunction<Operation> operationPerThread) throws InterruptedException {
		Worker[] workers = new Worker[threads];
		List<Thread> started = new ArrayList<>();
		long nanosPerBatch = (callsPerSecond > 0) ? BATCH * 1_000_000_000L * threads / callsPerSecond : 0;
		for (int t = 0; t < threads; t++) {
			workers[t] = new Worker(operationPerThread.apply(t), series, nanosPerBatch);
		}
		long start = System.nanoTime();
		for (int t = 0; t < threads; t++) {
			Thread thread = new Thread(workers[t], "recorder-" + t);
			thread.start();
			started.add(thread);
		}
		Thread.sleep(seconds * 1000L);
		for (Worker worker : workers) {
			worker.stop = true;
		}
		for (Thread thread : started) {
			thread.join();
		}
		long elapsed = System.nanoTime() - start;
		long calls = 0;
		for (Worker worker : workers) {
			calls += worker.calls;
		}
		return new Outcome(calls, elapsed);
	}

	/** What a run did. */
	record Outcome(long calls, long elapsedNanos) {

		double callsPerSecond() {
			return this.calls * 1e9 / this.elapsedNanos;
		}

	}

	private static final class Worker implements Runnable {

		private final Operation operation;

		private final int series;

		private final long nanosPerBatch;

		volatile boolean stop;

		long calls;

		Worker(Operation operation, int series, long nanosPerBatch) {
			this.operation = operation;
			this.series = series;
			this.nanosPerBatch = nanosPerBatch;
		}

		@Override
		public void run() {
			int next = 0;
			long made = 0;
			long due = System.nanoTime();
			while (!this.stop) {
				for (int i = 0; i < BATCH; i++) {
					this.operation.record(next);
					next = (next + 1 == this.series) ? 0 : next + 1;
				}
				made += BATCH;
				if (this.nanosPerBatch > 0) {
					due += this.nanosPerBatch;
					long ahead = due - System.nanoTime();
					if (ahead > 0) {
						LockSupport.parkNanos(ahead);
					}
				}
			}
			this.calls = made;
		}

	}

}
