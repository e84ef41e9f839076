package io.threadstats.demo.intake;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters of what the local intake was sent, answered, kept, rewrote and dropped. */
public final class IntakeStatistics {

	private final Map<String, Map<Integer, LongAdder>> responses = new ConcurrentHashMap<>();

	private final Map<DropReason, LongAdder> dropped = new ConcurrentHashMap<>();

	private final LongAdder acceptedPoints = new LongAdder();

	private final LongAdder evictedPoints = new LongAdder();

	private final LongAdder rewrittenMetricNames = new LongAdder();

	private final LongAdder rewrittenTags = new LongAdder();

	private final LongAdder bytesReceived = new LongAdder();

	private final LongAdder bytesDecompressed = new LongAdder();

	void response(String path, int status) {
		this.responses.computeIfAbsent(path, (p) -> new ConcurrentHashMap<>())
			.computeIfAbsent(status, (s) -> new LongAdder())
			.increment();
	}

	void dropped(DropReason reason, long count) {
		if (count > 0) {
			this.dropped.computeIfAbsent(reason, (r) -> new LongAdder()).add(count);
		}
	}

	void acceptedPoint() {
		this.acceptedPoints.increment();
	}

	void evictedPoints(int count) {
		this.evictedPoints.add(count);
	}

	void rewrittenMetricName() {
		this.rewrittenMetricNames.increment();
	}

	void rewrittenTag() {
		this.rewrittenTags.increment();
	}

	void body(long received, long decompressed) {
		this.bytesReceived.add(received);
		this.bytesDecompressed.add(decompressed);
	}

	/** How many times the given reason dropped something. */
	long dropped(DropReason reason) {
		LongAdder count = this.dropped.get(reason);
		return (count != null) ? count.sum() : 0;
	}

	Snapshot snapshot(int series, int events, long evictedEvents, int checks, long evictedChecks) {
		Map<String, Map<String, Long>> responseCounts = new TreeMap<>();
		this.responses.forEach((path, byStatus) -> {
			Map<String, Long> counts = new TreeMap<>();
			byStatus.forEach((status, count) -> counts.put(String.valueOf(status), count.sum()));
			responseCounts.put(path, counts);
		});
		Map<String, Long> droppedCounts = new TreeMap<>();
		this.dropped.forEach((reason, count) -> droppedCounts.put(reason.displayName(), count.sum()));
		return new Snapshot(responseCounts, this.acceptedPoints.sum(), droppedCounts, this.evictedPoints.sum(),
				this.rewrittenMetricNames.sum(), this.rewrittenTags.sum(), series, events, evictedEvents, checks,
				evictedChecks, this.bytesReceived.sum(), this.bytesDecompressed.sum());
	}

	/**
	 * What {@code /intake/stats} shows.
	 *
	 * @param responses per endpoint path (paths the intake does not implement together as
	 * {@code other}), how many requests were answered with each status
	 * @param acceptedPoints points kept (including those later evicted or replaced at the
	 * same timestamp)
	 * @param dropped per reason, what was accepted with {@code 202} but not kept
	 * @param evictedPoints points removed to keep within
	 * {@code demo.intake.max-points-per-series}
	 * @param rewrittenMetricNames metric names changed by Datadog's naming rules
	 * @param rewrittenTags tags changed by Datadog's tag rules (lower-cased, characters
	 * replaced)
	 * @param series series kept now
	 * @param events events kept now
	 * @param evictedEvents events removed to keep within {@code demo.intake.max-events}
	 * @param checks service checks kept now
	 * @param evictedChecks checks removed to keep within {@code demo.intake.max-checks}
	 * @param bytesReceived request body bytes as sent
	 * @param bytesDecompressed request body bytes once decompressed
	 */
	public record Snapshot(Map<String, Map<String, Long>> responses, long acceptedPoints, Map<String, Long> dropped,
			long evictedPoints, long rewrittenMetricNames, long rewrittenTags, int series, int events,
			long evictedEvents, int checks, long evictedChecks, long bytesReceived, long bytesDecompressed) {
	}

}
