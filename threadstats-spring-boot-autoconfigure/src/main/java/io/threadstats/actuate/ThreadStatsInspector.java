package io.threadstats.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.threadstats.ThreadStats;
import io.threadstats.api.AggregatorSettings;
import io.threadstats.api.Normalization;
import io.threadstats.api.OpenSeries;
import io.threadstats.api.RecordingStatistics;
import io.threadstats.api.RejectReason;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.submission.ApiKeyValidation;
import io.threadstats.submission.DeliverySettings;
import io.threadstats.submission.DeliveryStatistics;
import io.threadstats.submission.DropReason;
import io.threadstats.submission.FlushOutcome;
import io.threadstats.submission.FlushRecord;
import io.threadstats.submission.ObservableDelivery;
import io.threadstats.submission.Submitter;

/**
 * The one place that reads the engine's and the delivery's statistics and turns them into
 * what people see: the status ({@link #status()}), the endpoint's report
 * ({@link #report()}), one metric's open series ({@link #metric(String)}) and an
 * on-demand flush ({@link #flush()}). Everything it returns is free of the API key:
 * messages that could echo it are redacted here once more.
 */
public final class ThreadStatsInspector {

	/** The most series {@link #metric(String)} lists; the count covers them all. */
	public static final int MAX_SERIES_SHOWN = 100;

	private static final String UNRECORDED_CALLS_RULE = "a call of a @Timed or @Counted method is recorded unless"
			+ " metering itself fails; the call and its result are untouched, and the failure is logged (the first per"
			+ " method as a warning)";

	private final ThreadStats threadStats;

	private final Submitter submitter;

	private final DeliverySettings settings;

	private final Duration flushInterval;

	private final boolean enabled;

	private final boolean validateApiKey;

	private final Duration flushAnswerTimeout;

	private final LongSupplier unrecordedAnnotatedCalls;

	/**
	 * Creates an inspector.
	 * @param threadStats the instance to inspect (the no-op one when disabled)
	 * @param submitter its submitter, or {@code null} when disabled; delivery is observed
	 * only when it is a {@link ObservableDelivery}
	 * @param settings the delivery settings, or {@code null} when disabled
	 * @param flushInterval the time between background flushes
	 * @param enabled whether threadstats is enabled ({@code threadstats.enabled})
	 * @param validateApiKey whether the key is validated at startup
	 * ({@code threadstats.validate-api-key})
	 * @param flushAnswerTimeout how long {@link #flush()} waits for the flush's delivery
	 * before answering that it is still in progress
	 * @param unrecordedAnnotatedCalls the calls the {@code @Timed} and {@code @Counted}
	 * advisors could not record, or {@code null} without the advisors
	 */
	public ThreadStatsInspector(ThreadStats threadStats, Submitter submitter, DeliverySettings settings,
			Duration flushInterval, boolean enabled, boolean validateApiKey, Duration flushAnswerTimeout,
			LongSupplier unrecordedAnnotatedCalls) {
		this.threadStats = threadStats;
		this.submitter = submitter;
		this.settings = settings;
		this.flushInterval = flushInterval;
		this.enabled = enabled;
		this.validateApiKey = validateApiKey;
		this.flushAnswerTimeout = flushAnswerTimeout;
		this.unrecordedAnnotatedCalls = unrecordedAnnotatedCalls;
	}

	/** Whether threadstats is getting metrics to Datadog. */
	public ThreadStatsStatus status() {
		ObservableDelivery datadog = datadog();
		return status((datadog != null) ? datadog.statistics() : null);
	}

	private ThreadStatsStatus status(DeliveryStatistics delivery) {
		if (!this.enabled) {
			return new ThreadStatsStatus(ThreadStatsStatus.State.DISABLED, null,
					"threadstats.enabled is false: nothing is recorded or sent");
		}
		if (delivery == null) {
			return new ThreadStatsStatus(ThreadStatsStatus.State.NOT_OBSERVED, null, "metrics are handed to "
					+ redact(String.valueOf(this.submitter)) + ", which reports nothing about their delivery");
		}
		if (delivery.dryRun()) {
			return new ThreadStatsStatus(ThreadStatsStatus.State.DRY_RUN, null, "no API key configured (DD_API_KEY or"
					+ " threadstats.api-key): metrics are aggregated and encoded but not sent");
		}
		if (delivery.apiKeyRejected()) {
			return new ThreadStatsStatus(ThreadStatsStatus.State.KEY_REJECTED, delivery.apiKeyRejectedSince(),
					"nothing is delivered until the API key is fixed (check DD_API_KEY or threadstats.api-key, and"
							+ " that the site matches the key's): " + redact(delivery.apiKeyRejection()));
		}
		if (delivery.failingSince() != null) {
			return new ThreadStatsStatus(ThreadStatsStatus.State.FAILING, delivery.failingSince(),
					"every attempt since " + ReportValues.instant(delivery.failingSince()) + " failed; "
							+ ((delivery.bufferedPayloads() > 0) ? "payloads wait in the retry buffer; " : "")
							+ "last error: " + redact(delivery.lastError()));
		}
		return new ThreadStatsStatus(ThreadStatsStatus.State.SENDING, null, sendingMessage(delivery));
	}

	private String sendingMessage(DeliveryStatistics delivery) {
		String accepted = (delivery.lastSuccessAt() != null)
				? "the intake last accepted a payload at " + ReportValues.instant(delivery.lastSuccessAt()) : null;
		// an error after the last success is a refused payload (a 400, an item too big):
		// worth showing
		boolean errorSinceSuccess = delivery.lastErrorAt() != null
				&& (delivery.lastSuccessAt() == null || delivery.lastErrorAt().isAfter(delivery.lastSuccessAt()));
		if (!errorSinceSuccess) {
			return (accepted != null) ? accepted : "nothing needed sending yet";
		}
		return ((accepted != null) ? accepted : "nothing delivered yet") + "; last error, at "
				+ ReportValues.instant(delivery.lastErrorAt()) + ": " + redact(delivery.lastError());
	}

	/**
	 * Everything the endpoint's read operation shows, from one picture of the statistics.
	 */
	public ThreadStatsReport report() {
		ObservableDelivery datadog = datadog();
		DeliveryStatistics delivery = (datadog != null) ? datadog.statistics() : null;
		RecordingStatistics recording = this.threadStats.statistics();
		ThreadStatsStatus status = status(delivery);
		List<FlushRecord> flushes = new ArrayList<>();
		if (delivery != null) {
			flushes.addAll(delivery.recentFlushes());
			Collections.reverse(flushes);
		}
		return new ThreadStatsReport(status.state().label(), ReportValues.instant(status.since()), status.message(),
				configuration(datadog), totals(recording, delivery), now(recording, delivery), flushes);
	}

	private ThreadStatsReport.Configuration configuration(ObservableDelivery datadog) {
		AggregatorSettings aggregation = this.threadStats.settings();
		DeliverySettings delivery = this.settings;
		return new ThreadStatsReport.Configuration((datadog != null) ? datadog.baseUrl().toString() : null,
				(delivery != null && delivery.apiUrl() == null) ? delivery.site() : null,
				(delivery != null) ? ReportValues.key(delivery.seriesApi()) : null,
				(delivery != null) ? delivery.compression().shownFor(delivery.seriesApi()) : null,
				ReportValues.duration(this.flushInterval),
				(aggregation != null) ? ReportValues.duration(Duration.ofSeconds(aggregation.rollUpSeconds())) : null,
				(aggregation != null) ? aggregation.namespace() : null,
				(aggregation != null) ? aggregation.constantTags() : List.of(),
				(aggregation != null) ? aggregation.defaultHost() : null, apiKey(datadog));
	}

	private ThreadStatsReport.ApiKey apiKey(ObservableDelivery datadog) {
		if (this.settings == null || !this.settings.hasApiKey()) {
			return new ThreadStatsReport.ApiKey(false, null, null, null);
		}
		if (!this.validateApiKey || datadog == null) {
			return new ThreadStatsReport.ApiKey(true, "off", null, null);
		}
		ApiKeyValidation validation = datadog.apiKeyValidation();
		if (validation == null) {
			return new ThreadStatsReport.ApiKey(true, "pending", null, null);
		}
		return new ThreadStatsReport.ApiKey(true, ReportValues.key(validation.result()).replace('-', ' '),
				ReportValues.instant(validation.checkedAt()), redact(validation.detail()));
	}

	private ThreadStatsReport.Totals totals(RecordingStatistics recording, DeliveryStatistics delivery) {
		Map<String, Long> pointsFlushed = new TreeMap<>();
		recording.recorded().forEach((kind, count) -> pointsFlushed.put(ReportValues.key(kind), count));
		Map<String, ThreadStatsReport.RuleCount> rejected = byRule(recording.rejected(), RejectReason::rule);
		Map<String, ThreadStatsReport.RuleCount> normalized = byRule(recording.normalized(), Normalization::rule);
		ThreadStatsReport.RuleCount unrecorded = (this.unrecordedAnnotatedCalls != null)
				? new ThreadStatsReport.RuleCount(this.unrecordedAnnotatedCalls.getAsLong(), UNRECORDED_CALLS_RULE)
				: null;
		ThreadStatsReport.Delivery sent = null;
		if (delivery != null) {
			sent = new ThreadStatsReport.Delivery(delivery.flushes(), delivery.itemsDelivered(),
					delivery.itemsPossiblyDuplicated(), delivery.payloadsEncoded(), delivery.rawBytesEncoded(),
					delivery.compressedBytesEncoded(), delivery.payloadsDelivered(), delivery.rawBytesDelivered(),
					delivery.compressedBytesDelivered(), delivery.requests(), delivery.retries(),
					byStatus(delivery.responses()), delivery.transportErrors(), byReason(delivery.dropped()));
		}
		return new ThreadStatsReport.Totals(ThreadStatsReport.Explained.COUNTS, pointsFlushed, rejected, normalized,
				unrecorded, sent,
				new ThreadStatsReport.RuleCount(recording.lateUnmerged(), RecordingStatistics.LATE_UNMERGED_RULE));
	}

	private ThreadStatsReport.Now now(RecordingStatistics recording, DeliveryStatistics delivery) {
		if (delivery == null) {
			return new ThreadStatsReport.Now(recording.activeSeries(), recording.skippedFlushes(), null, null, null,
					null);
		}
		ThreadStatsReport.RetryBuffer buffer = new ThreadStatsReport.RetryBuffer(delivery.bufferedPayloads(),
				delivery.bufferedBytes(), delivery.bufferedItems(), delivery.oldestBufferedAge().toMillis());
		return new ThreadStatsReport.Now(recording.activeSeries(), recording.skippedFlushes(), buffer,
				ReportValues.instant(delivery.lastSuccessAt()), redact(delivery.lastError()),
				ReportValues.instant(delivery.lastErrorAt()));
	}

	/**
	 * One metric's active series and the values waiting in their open buckets.
	 * @param metric the metric name as recorded, or as emitted (with the namespace)
	 * @return the report, or {@code null} when no series of that metric is active
	 */
	public MetricReport metric(String metric) {
		List<OpenSeries> series = this.threadStats.openSeries(metric);
		if (series.isEmpty()) {
			return null;
		}
		return new MetricReport(metric, series.size(),
				series.stream().limit(MAX_SERIES_SHOWN).map(SeriesView::of).toList());
	}

	/**
	 * Flushes every closed bucket now, with the queued events and checks, and waits (up
	 * to the configured time) until each of the flush's payloads was delivered, dropped
	 * or parked for retry.
	 * @return the flush's record
	 */
	public FlushRecord flush() {
		FlushSnapshot snapshot = this.threadStats.flush();
		if (!this.enabled) {
			return FlushRecord.notFollowed(snapshot, FlushOutcome.DISABLED);
		}
		ObservableDelivery datadog = datadog();
		if (datadog == null) {
			return FlushRecord.notFollowed(snapshot, FlushOutcome.SUBMITTED);
		}
		try {
			return datadog.flushRecord(snapshot).get(this.flushAnswerTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return FlushRecord.notFollowed(snapshot, FlushOutcome.IN_PROGRESS);
		}
		catch (ExecutionException ex) {
			// the ThreadStats hands its flushes to another submitter than the one
			// observed
			return FlushRecord.notFollowed(snapshot, FlushOutcome.SUBMITTED);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return FlushRecord.notFollowed(snapshot, FlushOutcome.IN_PROGRESS);
		}
	}

	private ObservableDelivery datadog() {
		return (this.enabled && this.submitter instanceof ObservableDelivery datadog) ? datadog : null;
	}

	private String redact(String text) {
		return (this.settings != null) ? this.settings.redact(text) : text;
	}

	private static Map<String, Long> byStatus(Map<Integer, Long> responses) {
		Map<String, Long> byStatus = new TreeMap<>();
		responses.forEach((status, count) -> byStatus.put(String.valueOf(status), count));
		return byStatus;
	}

	private static Map<String, Long> byReason(Map<DropReason, Long> counts) {
		Map<String, Long> byReason = new TreeMap<>();
		counts.forEach((reason, count) -> byReason.put(reason.key(), count));
		return byReason;
	}

	private static <E extends Enum<E>> Map<String, ThreadStatsReport.RuleCount> byRule(Map<E, Long> counts,
			Function<E, String> rule) {
		Map<String, ThreadStatsReport.RuleCount> byRule = new TreeMap<>();
		counts.forEach((key, count) -> byRule.put(ReportValues.key(key),
				new ThreadStatsReport.RuleCount(count, rule.apply(key))));
		return byRule;
	}

}
