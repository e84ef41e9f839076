package io.threadstats.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.submission.Submitter;

/** A submitter that keeps what it is given, for tests that look at what a flush emitted. */
class RecordingSubmitter implements Submitter {

	final List<FlushSnapshot> snapshots = new CopyOnWriteArrayList<>();

	final List<Duration> closeTimeouts = new CopyOnWriteArrayList<>();

	@Override
	public CompletableFuture<Void> submit(FlushSnapshot snapshot) {
		this.snapshots.add(snapshot);
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public void close(Duration timeout) {
		this.closeTimeouts.add(timeout);
	}

	List<SeriesPoint> series() {
		return this.snapshots.stream().flatMap((snapshot) -> snapshot.series().stream()).toList();
	}

}
