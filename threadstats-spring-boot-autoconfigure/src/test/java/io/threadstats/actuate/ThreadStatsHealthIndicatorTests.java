package io.threadstats.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.threadstats.ThreadStats;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.MetricType;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.submission.Compression;
import io.threadstats.submission.DatadogSubmitter;
import io.threadstats.submission.DeliverySettings;
import io.threadstats.submission.FakeIntake;
import io.threadstats.submission.SeriesApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failure window: failing shorter than it is UP (with the failure in the details),
 * then FAILING, or DOWN when asked for; and what the status says after answers that are
 * neither a success nor a retryable failure.
 */
class ThreadStatsHealthIndicatorTests {

	private final FakeIntake intake = new FakeIntake();

	private final DeliverySettings settings = new DeliverySettings(FakeIntake.API_KEY, null, this.intake.url(),
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
	void upWhileFailingWithinTheWindowThenFailingOnceTheWindowIsOver() {
		this.intake.fault(FakeIntake.SERIES_V2, FakeIntake.failingEchoingTheKey());
		this.submitter.submit(oneGauge()).join();
		Health withinWindow = indicator(Duration.ofHours(1)).health(true);
		assertThat(withinWindow.getStatus()).isEqualTo(Status.UP);
		assertThat(withinWindow.getDetails()).containsEntry("status", "failing").containsKey("since");
		assertThat(String.valueOf(withinWindow.getDetails())).contains("HTTP 500").doesNotContain(FakeIntake.API_KEY);
		Health windowOver = indicator(Duration.ZERO).health(true);
		assertThat(windowOver.getStatus()).isEqualTo(ThreadStatsHealthIndicator.FAILING);
		assertThat(windowOver.getDetails()).isEqualTo(withinWindow.getDetails());
	}

	@Test
	void downOnceTheWindowIsOverOnlyWhenAskedFor() {
		this.intake.fault(FakeIntake.SERIES_V2, FakeIntake.failingEchoingTheKey());
		this.submitter.submit(oneGauge()).join();
		assertThat(new ThreadStatsHealthIndicator(this.inspector, Duration.ofHours(1), true).health(true).getStatus())
			.as("within the window")
			.isEqualTo(Status.UP);
		assertThat(new ThreadStatsHealthIndicator(this.inspector, Duration.ZERO, true).health(true).getStatus())
			.isEqualTo(Status.DOWN);
	}

	@Test
	void upWhenNothingNeededSending() {
		Health health = indicator(Duration.ZERO).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("status", "sending")
			.containsEntry("message", "nothing needed sending yet");
	}

	@Test
	void failingWhenValidationAtStartupRejectedTheKey() {
		DeliverySettings wrongKey = new DeliverySettings("not-the-key", null, this.intake.url(), SeriesApi.V2,
				Compression.DEFLATE, Duration.ofSeconds(2), Duration.ofSeconds(2), 1024, Duration.ZERO);
		DatadogSubmitter rejected = DatadogSubmitter.create(wrongKey);
		try {
			this.intake.validateAnswer(FakeIntake.keyRejected());
			assertThat(rejected.validateApiKey().join().result())
				.isEqualTo(io.threadstats.submission.ApiKeyValidation.Result.REJECTED);
			ThreadStatsInspector inspector = new ThreadStatsInspector(ThreadStats.noop(), rejected, wrongKey,
					Duration.ofSeconds(10), true, true, Duration.ofSeconds(10), null);
			Health health = new ThreadStatsHealthIndicator(inspector, Duration.ofHours(1), false).health(true);
			assertThat(health.getStatus()).as("whatever the window").isEqualTo(ThreadStatsHealthIndicator.FAILING);
			assertThat(new ThreadStatsHealthIndicator(inspector, Duration.ofHours(1), true).health(true).getStatus())
				.isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("status", "key rejected");
			assertThat(inspector.report().configuration().apiKey().validation()).isEqualTo("rejected");
		}
		finally {
			rejected.close(Duration.ZERO);
		}
	}

	@Test
	void aWrongPathIsFailingAndSoIsHealth() {
		this.intake.fault(FakeIntake.SERIES_V2,
				WireMock.aResponse()
					.withStatus(404)
					.withHeader("Content-Type", "text/html")
					.withBody("<html><body>Not Found</body></html>"));
		this.submitter.submit(oneGauge()).join();

		ThreadStatsStatus status = this.inspector.status();
		assertThat(status.state()).isEqualTo(ThreadStatsStatus.State.FAILING);
		assertThat(status.since()).isNotNull();
		assertThat(status.message()).contains("HTTP 404", "/api/v2/series").doesNotContain("nothing needed sending");
		assertThat(indicator(Duration.ZERO).health(true).getStatus()).isEqualTo(ThreadStatsHealthIndicator.FAILING);
		assertThat(this.inspector.report().totals().delivery().dropped()).containsEntry("rejected-by-intake", 1L);

		this.intake.recover();
		this.submitter.submit(oneGauge()).join();
		assertThat(this.inspector.status().state()).isEqualTo(ThreadStatsStatus.State.SENDING);
	}

	@Test
	void aRefusedPayloadBeforeAnySuccessIsShownInsteadOfNothingNeededSending() {
		this.intake.fault(FakeIntake.SERIES_V2,
				WireMock.aResponse().withStatus(400).withBody("{\"errors\":[\"Invalid metric\"]}"));
		this.submitter.submit(oneGauge()).join();

		ThreadStatsStatus status = this.inspector.status();
		assertThat(status.state()).as("a bad payload is not a failing intake")
			.isEqualTo(ThreadStatsStatus.State.SENDING);
		assertThat(status.message()).startsWith("nothing delivered yet; last error")
			.contains("HTTP 400", "Invalid metric");
		Health health = indicator(Duration.ZERO).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("message", status.message());
	}

	@Test
	void keyRejectedIsDatedFromTheFirstRejectionAndQuotesIt() {
		this.intake.fault(FakeIntake.SERIES_V2, FakeIntake.keyRejected());
		this.submitter.submit(oneGauge()).join();
		Instant firstRejection = this.submitter.statistics().apiKeyRejectedSince();
		this.submitter.submit(oneGauge()).join();
		// then an error of another kind
		this.intake.fault(FakeIntake.SERIES_V2, FakeIntake.failingEchoingTheKey());
		this.submitter.submit(oneGauge()).join();

		ThreadStatsStatus status = this.inspector.status();
		assertThat(status.state()).isEqualTo(ThreadStatsStatus.State.KEY_REJECTED);
		assertThat(status.since()).isEqualTo(firstRejection).isBefore(this.submitter.statistics().lastErrorAt());
		assertThat(status.message()).contains("HTTP 403").doesNotContain("HTTP 500");
		assertThat(this.inspector.report().now().lastError()).contains("HTTP 500");
	}

	private ThreadStatsHealthIndicator indicator(Duration failureWindow) {
		return new ThreadStatsHealthIndicator(this.inspector, failureWindow, false);
	}

	private static FlushSnapshot oneGauge() {
		long now = Instant.now().getEpochSecond();
		return new FlushSnapshot(Instant.now(),
				List.of(new SeriesPoint("queue.depth", MetricType.GAUGE, now, 3, 10, "web-1", null, List.of())),
				List.of(), List.of(), List.of());
	}

}
