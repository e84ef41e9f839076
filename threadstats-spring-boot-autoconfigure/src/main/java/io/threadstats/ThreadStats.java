package io.threadstats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.threadstats.aggregation.Aggregator;
import io.threadstats.api.AggregatorSettings;
import io.threadstats.api.OpenSeries;
import io.threadstats.api.RecordingStatistics;
import io.threadstats.snapshot.CheckStatus;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.ServiceCheck;
import io.threadstats.submission.Submitter;

/**
 * Records metrics into in-process roll-up buckets and flushes closed buckets, in the
 * background or on demand, to a {@link io.threadstats.submission.Submitter}: the Java
 * counterpart of Datadog's Python {@code threadstats}.
 *
 * <pre>{@code
 * ThreadStats stats = ThreadStats.builder().namespace("app").build();
 * stats.increment("page.views", "env:prod");
 * stats.increment("page.views", 3, Instant.ofEpochSecond(ts), "env:prod");
 * stats.close(); // flushes every bucket, then drains delivery
 * }</pre>
 *
 * Thread-safe; recording never blocks on a lock or on the network.
 */
public interface ThreadStats extends MetricRecorder, AutoCloseable {

	/** Starts building an aggregating instance. */
	static ThreadStatsBuilder builder() {
		return new ThreadStatsBuilder();
	}

	/**
	 * An aggregating instance made of resolved settings (see
	 * {@link ThreadStatsBuilder#settings()}), flushing into {@code submitter}.
	 * @param autoFlush whether a thread of its own flushes every flush interval; false:
	 * only when asked ({@link #flush()}, or {@link #backgroundFlush()} from a scheduler
	 * of yours, such as the Spring Boot auto-configuration's)
	 */
	static ThreadStats create(ThreadStatsSettings settings, Submitter submitter, boolean autoFlush) {
		return new DefaultThreadStats(new Aggregator(settings.aggregation()), settings.aggregation().defaultHost(),
				Objects.requireNonNull(submitter, "submitter"), settings.flushInterval(), autoFlush,
				settings.delivery().drainTimeout());
	}

	/**
	 * An instance that records nothing and sends nothing (for
	 * {@code threadstats.enabled=false}).
	 */
	static ThreadStats noop() {
		return NoopThreadStats.INSTANCE;
	}

	/** Queues an event, sent (one per request) at the next flush. */
	void event(Event event);

	/** Queues a service check, sent at the next flush. */
	void serviceCheck(ServiceCheck check);

	/** Queues a service check with a status and tags, timestamped now. */
	default void serviceCheck(String check, CheckStatus status, String... tags) {
		serviceCheck(ServiceCheck.builder(check, status).tags(tags).build());
	}

	/**
	 * Flushes every bucket that is closed now (the clock's now as cutoff) with the queued
	 * events and checks, hands the snapshot to the submitter, and returns it. Its values
	 * stay readable whatever the submitter does with them.
	 */
	FlushSnapshot flush();

	/**
	 * The original's {@code flush(timestamp)}: emits every bucket whose start is before
	 * {@code cutoff - cutoff mod R}; the bucket in progress and future-dated ones stay.
	 */
	FlushSnapshot flush(Instant cutoff);

	/**
	 * One tick of a background flush, for a scheduler outside this instance (the Spring
	 * Boot auto-configuration's flusher): {@link #flush()}, unless the previous flush's
	 * submission is still running, in which case the tick is put off and counted in
	 * {@link RecordingStatistics#skippedFlushes()}: the flush runs as soon as that
	 * submission is done, through the {@link #onFullChunks} signal (with none registered,
	 * at the next tick). Never throws. The built-in auto-flush thread runs exactly this.
	 */
	default void backgroundFlush() {
		flush();
	}

	/**
	 * Hands the distributions' full chunks waiting now to the submitter, each as a point
	 * of its own at its bucket's timestamp (Datadog adds distribution points together),
	 * unless the previous submission is still running. For the thread that runs the
	 * flushes, when {@link #onFullChunks signalled}; never throws. The submitter is the
	 * only one to see these points: the values it releases are reused for new values.
	 */
	default void handOffFullChunks() {
	}

	/**
	 * Registers what runs when a distribution's full chunks start waiting, for a
	 * scheduler outside this instance (the Spring Boot auto-configuration's flusher): it
	 * should make the flushing thread call {@link #handOffFullChunks()} soon. It runs on
	 * a recording thread, at most once per hand-off, and must not block; {@code null}
	 * stops it. The built-in auto-flush thread registers its own.
	 * @param signal what to run, or {@code null}
	 */
	default void onFullChunks(Runnable signal) {
	}

	/**
	 * Counters of what was recorded and rejected since start, for statistics endpoints.
	 */
	RecordingStatistics statistics();

	/**
	 * The active series of one metric and the values waiting in their open buckets, for
	 * diagnostics (such as checking that an annotated method records). Read without
	 * disturbing recording.
	 * @param metric the metric name as recorded, or as emitted (with the namespace)
	 * @return the matching series; empty when none is active (always, for an instance
	 * that records nothing)
	 */
	default List<OpenSeries> openSeries(String metric) {
		return List.of();
	}

	/**
	 * The aggregation settings in effect (roll-up, namespace, constant tags and host
	 * after environment fallbacks), or {@code null} for an instance that records nothing.
	 */
	default AggregatorSettings settings() {
		return null;
	}

	/**
	 * Stops the background flush, flushes every bucket (including the current and
	 * future-dated ones), then lets the submitter drain within its timeout. Idempotent;
	 * recording afterwards is counted and dropped.
	 */
	@Override
	void close();

	/**
	 * Like {@link #close()}, all within {@code timeout} instead of the configured drain
	 * timeout: waiting for a flush in progress, the final flush and the delivery drain
	 * share it, and what the submitter still holds when it is over is dropped and
	 * counted. This default ignores the timeout.
	 * @param timeout the time allowed for the whole of closing
	 */
	default void close(Duration timeout) {
		close();
	}

}
