package io.threadstats.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * Everything one flush emits: the closed buckets' series and distributions, and the
 * events and service checks queued since the previous flush. Immutable.
 *
 * @param flushedAt when the flush ran (wall clock)
 * @param series the emitted series points
 * @param distributions the emitted distribution points
 * @param events the queued events, oldest first
 * @param serviceChecks the queued service checks, oldest first
 */
public record FlushSnapshot(Instant flushedAt, List<SeriesPoint> series, List<DistributionPoint> distributions,
		List<Event> events, List<ServiceCheck> serviceChecks) {

	public FlushSnapshot {
		series = List.copyOf(series);
		distributions = List.copyOf(distributions);
		events = List.copyOf(events);
		serviceChecks = List.copyOf(serviceChecks);
	}

	/** Whether this flush has nothing to send. */
	public boolean isEmpty() {
		return series.isEmpty() && distributions.isEmpty() && events.isEmpty() && serviceChecks.isEmpty();
	}

}
