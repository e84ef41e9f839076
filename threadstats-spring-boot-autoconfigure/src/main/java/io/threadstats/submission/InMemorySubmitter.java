package io.threadstats.submission;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.threadstats.snapshot.DistributionPoint;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.snapshot.ServiceCheck;

/**
 * Keeps every submitted snapshot in memory, for tests: build with
 * {@code .submitter(new InMemorySubmitter())}, record, flush, then assert on
 * {@link #allSeries()} and friends. Thread-safe.
 */
public final class InMemorySubmitter implements Submitter {

	private final List<FlushSnapshot> snapshots = new CopyOnWriteArrayList<>();

	private final List<Duration> closeTimeouts = new CopyOnWriteArrayList<>();

	@Override
	public CompletableFuture<Void> submit(FlushSnapshot snapshot) {
		this.snapshots.add(snapshot);
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public void close(Duration timeout) {
		this.closeTimeouts.add(timeout);
	}

	/** Every snapshot submitted so far (including empty ones), oldest first. */
	public List<FlushSnapshot> snapshots() {
		return List.copyOf(this.snapshots);
	}

	/** Every series point submitted so far, in submission order. */
	public List<SeriesPoint> allSeries() {
		return collect(FlushSnapshot::series);
	}

	/**
	 * The series points submitted so far for one metric name (namespace and suffix
	 * included).
	 */
	public List<SeriesPoint> series(String metric) {
		return allSeries().stream().filter((point) -> point.metric().equals(metric)).toList();
	}

	/** Every distribution point submitted so far, in submission order. */
	public List<DistributionPoint> allDistributions() {
		return collect(FlushSnapshot::distributions);
	}

	/** Every event submitted so far, in submission order. */
	public List<Event> allEvents() {
		return collect(FlushSnapshot::events);
	}

	/** Every service check submitted so far, in submission order. */
	public List<ServiceCheck> allServiceChecks() {
		return collect(FlushSnapshot::serviceChecks);
	}

	/** Forgets everything submitted so far. */
	public void clear() {
		this.snapshots.clear();
	}

	/** Whether {@link #close(Duration)} was called. */
	public boolean isClosed() {
		return !this.closeTimeouts.isEmpty();
	}

	/** The timeout of each {@link #close(Duration)} call so far, oldest first. */
	public List<Duration> closeTimeouts() {
		return List.copyOf(this.closeTimeouts);
	}

	private <T> List<T> collect(Function<FlushSnapshot, List<T>> part) {
		return this.snapshots.stream().flatMap((snapshot) -> part.apply(snapshot).stream()).toList();
	}

	@Override
	public String toString() {
		return "InMemorySubmitter[" + this.snapshots.size() + " snapshots]";
	}

}
