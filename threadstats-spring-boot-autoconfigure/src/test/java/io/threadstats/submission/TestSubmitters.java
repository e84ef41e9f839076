package io.threadstats.submission;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.threadstats.snapshot.AlertType;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.EventPriority;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.MetricType;
import io.threadstats.snapshot.SeriesPoint;

/** Settings, retry policies and snapshots for delivery tests. */
final class TestSubmitters {

	/**
	 * Retries within milliseconds, so fault tests take no longer than the faults
	 * themselves; honours a delay the intake asks for up to a minute.
	 */
	static final RetryPolicy FAST_RETRIES = new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(200),
			Duration.ofMinutes(1));

	static final long MIB = 1024 * 1024;

	private TestSubmitters() {
	}

	static DeliverySettings settings(URI url, SeriesApi seriesApi, Compression compression) {
		return new DeliverySettings(FakeIntake.API_KEY, null, url, seriesApi, compression, Duration.ofSeconds(2),
				Duration.ofSeconds(2), 32 * MIB, Duration.ofSeconds(5));
	}

	static DeliverySettings settings(FakeIntake intake) {
		return settings(intake.url(), SeriesApi.V2, Compression.DEFLATE);
	}

	static DatadogSubmitter fastRetrying(DeliverySettings settings) {
		return DatadogSubmitter.create(settings, FAST_RETRIES, Clock.systemUTC());
	}

	/** An event with every optional field set, dated {@code epochSecond}. */
	static Event eventWithEveryField(long epochSecond) {
		return Event.builder("Deployed", "version 2 is live")
			.alertType(AlertType.SUCCESS)
			.priority(EventPriority.LOW)
			.aggregationKey("deploy-2")
			.sourceTypeName("my_apps")
			.dateHappened(Instant.ofEpochSecond(epochSecond))
			.host("web-1")
			.tags("env:prod")
			.build();
	}

	static long now() {
		return Instant.now().getEpochSecond();
	}

	static SeriesPoint gauge(String metric, long timestamp, double value, String... tags) {
		return new SeriesPoint(metric, MetricType.GAUGE, timestamp, value, 10, "web-1", null, List.of(tags));
	}

	static FlushSnapshot seriesSnapshot(List<SeriesPoint> series) {
		return new FlushSnapshot(Instant.now(), series, List.of(), List.of(), List.of());
	}

	/**
	 * {@code count} gauges {@code metric} with tag {@code i:<n>} for n from
	 * {@code first}.
	 */
	static FlushSnapshot numberedGauges(String metric, int first, int count) {
		long now = now();
		return seriesSnapshot(java.util.stream.IntStream.range(first, first + count)
			.mapToObj((i) -> gauge(metric, now, i, "i:" + i))
			.toList());
	}

}
