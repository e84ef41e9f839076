package io.threadstats.aggregation;

import java.util.Map;

/**
 * What was recorded and rejected since start: the recording side's half of the flush statistics.
 *
 * @param recorded points accepted, by kind
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

}
