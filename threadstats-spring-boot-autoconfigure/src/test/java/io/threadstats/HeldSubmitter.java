package io.threadstats;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.submission.Submitter;

/**
 * A submitter that keeps its first submission in flight until the test completes it (as a
 * distant intake keeps a request), and answers every later one at once; it notes each
 * snapshot and the thread that submitted it.
 */
public final class HeldSubmitter implements Submitter {

	private final List<FlushSnapshot> submitted = new CopyOnWriteArrayList<>();

	private final List<String> threads = new CopyOnWriteArrayList<>();

	private final CompletableFuture<Void> first = new CompletableFuture<>();

	@Override
	public CompletableFuture<Void> submit(FlushSnapshot snapshot) {
		this.threads.add(Thread.currentThread().getName());
		this.submitted.add(snapshot);
		return (this.submitted.size() == 1) ? this.first : CompletableFuture.completedFuture(null);
	}

	@Override
	public void close(Duration timeout) {
	}

	/** Ends the first submission (its callbacks run on the calling thread). */
	public void completeFirst() {
		this.first.complete(null);
	}

	/** The snapshots submitted so far, in order. */
	public List<FlushSnapshot> submitted() {
		return this.submitted;
	}

	/** The names of the threads that submitted them, in the same order. */
	public List<String> threads() {
		return this.threads;
	}

}
