package io.threadstats.actuate;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.threadstats.ThreadStats;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.MetricType;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.submission.Compression;
import io.threadstats.submission.DatadogSubmitter;
import io.threadstats.submission.DeliverySettings;
import io.threadstats.submission.SeriesApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/** The failure window: failing shorter than it is UP (with the failure in the details), then DOWN. */
class ThreadStatsHealthIndicatorTests {

	private final IntakeStub intake = new IntakeStub();

	private final DeliverySettings settings = new DeliverySettings(IntakeStub.API_KEY, null, URI.create(this.intake.url()),
			SeriesApi.V2, Compression.DEFLATE, Duration.ofSeconds(2), Duration.ofSeconds(2), 1024 * 1024,
			Duration.ZERO);

	private final DatadogSubmitter submitter = DatadogSubmitter.create(this.settings);

	private final ThreadStatsInspector inspector = new ThreadStatsInspector(ThreadStats.noop(), this.submitter,
			this.settings, Duration.ofSeconds(10), true, false, Duration.ofSeconds(10), null);

	@AfterEach
	void close() {
		this.submitter.close(Duration.ZERO);
		this.intake.close();
	}

	@Test
	void upWhileFailingWithinTheWindowThenDownOnceTheWindowIsOver() {
		this.intake.seriesAnswer(IntakeStub.failing());
		this.submitter.submit(oneGauge()).join();
		Health withinWindow = new ThreadStatsHealthIndicator(this.inspector, Duration.ofHours(1)).health(true);
		assertThat(withinWindow.getStatus()).isEqualTo(Status.UP);
		assertThat(withinWindow.getDetails()).containsEntry("status", "failing").containsKey("since");
		assertThat(String.valueOf(withinWindow.getDetails())).contains("HTTP 500").doesNotContain(IntakeStub.API_KEY);
		Health windowOver = new ThreadStatsHealthIndicator(this.inspector, Duration.ZERO).health(true);
		assertThat(windowOver.getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void upWhenNothingNeededSending() {
		Health health = new ThreadStatsHealthIndicator(this.inspector, Duration.ZERO).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("status", "sending")
			.containsEntry("message", "nothing needed sending yet");
	}

	@Test
	void downWhenValidationAtStartupRejectedTheKey() {
		DeliverySettings wrongKey = new DeliverySettings("not-the-key", null, URI.create(this.intake.url()),
				SeriesApi.V2, Compression.DEFLATE, Duration.ofSeconds(2), Duration.ofSeconds(2), 1024, Duration.ZERO);
		DatadogSubmitter rejected = DatadogSubmitter.create(wrongKey);
		try {
			this.intake.validateAnswer(IntakeStub.keyRejected());
			assertThat(rejected.validateApiKey().join().result())
				.isEqualTo(io.threadstats.submission.ApiKeyValidation.Result.REJECTED);
			ThreadStatsInspector inspector = new ThreadStatsInspector(ThreadStats.noop(), rejected, wrongKey,
					Duration.ofSeconds(10), true, true, Duration.ofSeconds(10), null);
			Health health = new ThreadStatsHealthIndicator(inspector, Duration.ofHours(1)).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("status", "key rejected");
			assertThat(inspector.report().configuration().apiKey().validation()).isEqualTo("rejected");
		}
		finally {
			rejected.close(Duration.ZERO);
		}
	}

	private static FlushSnapshot oneGauge() {
		long now = Instant.now().getEpochSecond();
		return new FlushSnapshot(Instant.now(),
				List.of(new SeriesPoint("queue.depth", MetricType.GAUGE, now, 3, 10, "web-1", null, List.of())),
				List.of(), List.of(), List.of());
	}

}
