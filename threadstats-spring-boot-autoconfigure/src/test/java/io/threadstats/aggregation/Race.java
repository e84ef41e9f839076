package io.threadstats.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test helper: writers released together, each on its own thread, while another thread
 * repeats a task (a flush, a close) until every writer is done.
 */
final class Race {

	private Race() {
	}

	/** Runs the race; rethrows the first failure of any of its threads. */
	static void run(List<Runnable> writers, Runnable repeated) throws InterruptedException {
		AtomicBoolean writing = new AtomicBoolean(true);
		CountDownLatch start = new CountDownLatch(1);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		List<Thread> threads = new ArrayList<>();
		for (Runnable writer : writers) {
			threads.add(new Thread(() -> {
				awaitQuietly(start);
				writer.run();
			}));
		}
		Thread background = new Thread(() -> {
			while (writing.get()) {
				repeated.run();
			}
		});
		threads.add(background);
		for (Thread thread : threads) {
			thread.setUncaughtExceptionHandler((t, ex) -> failure.compareAndSet(null, ex));
			thread.start();
		}
		start.countDown();
		for (Thread thread : threads) {
			if (thread != background) {
				thread.join();
			}
		}
		writing.set(false);
		background.join();
		if (failure.get() != null) {
			throw new AssertionError("a racing thread failed", failure.get());
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
