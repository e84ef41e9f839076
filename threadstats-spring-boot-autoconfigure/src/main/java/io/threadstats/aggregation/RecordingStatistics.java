package io.threadstats.aggregation;

import java.util.Map;

/**
 * What was recorded and rejected since start: the recording side's half of the flush statistics.
 *
 * <p>{@code recorded} counts what flushes emitted (one per series and roll-up bucket), not calls: counting
 * every call would add a second atomic operation to the recording path, whose budget is one.
 * Rejections, in contrast, are counted per call.
 *
 * @param recorded series points (one per series and bucket; one per histogram, not per aggregate) emitted
 * by flushes, by kind
 * @param rejected points and calls dropped before aggregation, by reason
 * @param activeSeries series currently held in memory
 * @param skippedFlushes background flush ticks skipped because the previous submission was still running
 */
public record RecordingStatistics(Map<MetricKind, Long> recorded, Map<RejectReason, Long> rejected,
		long activeSeries, long skippedFlushes) {

	public RecordingStatistics {
		recorded = Map.copyOf(recorded);
		rejected = Map.copyOf(rejected);
	}

	/** How many calls were dropped for this reason (0 if none). */
	public long rejected(RejectReason reason) {
		return this.rejected.getOrDefault(reason, 0L);
	}

	/** How many points of this kind flushes emitted (0 if none). */
	public long recorded(MetricKind kind) {
		return this.recorded.getOrDefault(kind, 0L);
	}

	/** All calls dropped, whatever the reason. */
	public long totalRejected() {
		return this.rejected.values().stream().mapToLong(Long::longValue).sum();
	}

}
