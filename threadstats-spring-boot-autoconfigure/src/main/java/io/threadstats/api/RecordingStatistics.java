package io.threadstats.api;

import java.util.Map;

/**
 * What was recorded, rejected and normalised since start: the recording side's half of
 * the flush statistics.
 *
 * <p>
 * {@code recorded} counts what flushes emitted (one per series and roll-up bucket), not
 * calls: counting every call would add a second atomic operation to the recording path,
 * whose budget is one. Rejections, in contrast, are counted per call.
 *
 * <p>
 * {@code normalized} counts input that was changed to fit Datadog's rules and then kept
 * (not dropped, so not in {@code rejected}), by the rule that changed it. It is counted
 * where names and tags are resolved, not per recorded call: once per pre-resolved handle,
 * once per by-name call whenever the by-name lookup resolves it afresh (its first call,
 * or after other inputs pushed it out of the lookup cache), and once per event or service
 * check. One tag both upper-case and too long counts once under each rule.
 *
 * @param recorded series points (one per series and bucket; one per histogram, not per
 * aggregate) emitted by flushes, by kind
 * @param rejected points and calls dropped before aggregation, by reason
 * @param activeSeries series currently held in memory
 * @param skippedFlushes background flush ticks put off because the previous submission
 * was still running (each flushed as soon as it was done)
 * @param normalized names, tags and texts normalised and kept, by rule
 * @param lateUnmerged points (one per series and bucket) sent into a bucket already
 * emitted without being merged with it, because what it held was no longer kept (see
 * {@link #LATE_UNMERGED_RULE}): Datadog keeps the later one, so each is an overwrite
 */
public record RecordingStatistics(Map<MetricKind, Long> recorded, Map<RejectReason, Long> rejected, long activeSeries,
		long skippedFlushes, Map<Normalization, Long> normalized, long lateUnmerged) {

	/** What {@link #lateUnmerged()} counts, in words. */
	public static final String LATE_UNMERGED_RULE = "a late point is sent merged with its bucket's emitted value "
			+ "while that is kept (an hour, within late-data.max-bytes); beyond, it is sent alone and overwrites it";

	public RecordingStatistics {
		recorded = Map.copyOf(recorded);
		rejected = Map.copyOf(rejected);
		normalized = Map.copyOf(normalized);
	}

	/** Statistics with no late point sent unmerged. */
	public RecordingStatistics(Map<MetricKind, Long> recorded, Map<RejectReason, Long> rejected, long activeSeries,
			long skippedFlushes, Map<Normalization, Long> normalized) {
		this(recorded, rejected, activeSeries, skippedFlushes, normalized, 0);
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

	/**
	 * How many inputs this rule changed (0 if none); see the class description for what
	 * one counts.
	 */
	public long normalized(Normalization rule) {
		return this.normalized.getOrDefault(rule, 0L);
	}

}
