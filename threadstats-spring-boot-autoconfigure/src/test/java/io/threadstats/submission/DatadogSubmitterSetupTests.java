package io.threadstats.submission;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import io.threadstats.ThreadStats;
import io.threadstats.snapshot.DistributionPoint;
import io.threadstats.snapshot.FlushSnapshot;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Construction rules, dry-run mode, and the API key staying secret. */
class DatadogSubmitterSetupTests {

	private static DeliverySettings settings(String apiKey, String site, URI apiUrl) {
		return new DeliverySettings(apiKey, site, apiUrl, SeriesApi.V2, Compression.DEFLATE, Duration.ofSeconds(1),
				Duration.ofSeconds(1), 1024, Duration.ofSeconds(1));
	}

	private static URI baseUrlOf(DeliverySettings settings) {
		DatadogSubmitter submitter = DatadogSubmitter.create(settings);
		try {
			return submitter.baseUrl();
		}
		finally {
			submitter.close(Duration.ZERO);
		}
	}

	@Test
	void siteSelectsTheApiHost() {
		assertThat(baseUrlOf(settings("k", null, null))).hasToString("https://api.datadoghq.com");
		assertThat(baseUrlOf(settings("k", "datadoghq.eu", null))).hasToString("https://api.datadoghq.eu");
		assertThat(baseUrlOf(settings("k", "US5.datadoghq.com", null))).hasToString("https://api.us5.datadoghq.com");
	}

	@Test
	void unknownSiteIsRejectedWithTheKnownOnes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DatadogSubmitter.create(settings("k", "datadog.com", null)))
			.withMessageStartingWith("threadstats.site must be one of datadoghq.com")
			.withMessageEndingWith(", was datadog.com")
			.withMessageContaining("datadoghq.eu")
			.withMessageContaining("ddog-gov.com");
	}

	@Test
	void apiUrlOverridesTheSite() {
		assertThat(baseUrlOf(settings("k", "datadoghq.eu", URI.create("https://proxy.internal:8443/datadog/"))))
			.hasToString("https://proxy.internal:8443/datadog");
	}

	@Test
	void plainHttpIsOnlyAllowedToLoopback() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DatadogSubmitter.create(settings("k", null, URI.create("http://proxy.internal:8080"))))
			.withMessageContaining("must be an https URL");
		assertThat(baseUrlOf(settings("k", null, URI.create("http://localhost:8080"))))
			.hasToString("http://localhost:8080");
		assertThat(baseUrlOf(settings("k", null, URI.create("http://127.0.0.1:8080"))))
			.hasToString("http://127.0.0.1:8080");
		assertThat(baseUrlOf(settings("k", null, URI.create("http://[::1]:8080")))).hasToString("http://[::1]:8080");
	}

	@Test
	void invalidSettingsNameTheSetting() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DeliverySettings("k", null, null, SeriesApi.V2, Compression.DEFLATE,
					Duration.ofSeconds(1), Duration.ofSeconds(1), -1, Duration.ofSeconds(1)))
			.withMessage("threadstats.retry.buffer-size must be a size of 0B or more (for example 32MB), was -1B");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DeliverySettings("k", null, null, SeriesApi.V2, Compression.DEFLATE, Duration.ZERO,
					Duration.ofMillis(1500), 1, Duration.ofSeconds(1)))
			.withMessage("threadstats.connect-timeout must be a duration greater than 0s, was 0s");
	}

	@Test
	void withoutApiKeyPayloadsAreEncodedAndCountedButNotSent() {
		try (FakeIntake intake = new FakeIntake(); CapturedLogs logs = new CapturedLogs()) {
			DatadogSubmitter submitter = DatadogSubmitter.create(settings(null, null, intake.url()));
			try {
				FlushSnapshot snapshot = TestSubmitters.numberedGauges("app.queue", 0, 3);
				submitter.submit(snapshot).join();
				FlushRecord flushRecord = submitter.flushRecord(snapshot).join();
				assertThat(flushRecord.outcome()).isEqualTo(FlushOutcome.DRY_RUN);
				assertThat(flushRecord.payloads()).isEqualTo(1);
				assertThat(flushRecord.requests()).isZero();
				DeliveryStatistics statistics = submitter.statistics();
				assertThat(statistics.dryRun()).isTrue();
				assertThat(statistics.payloadsEncoded()).isEqualTo(1);
				assertThat(statistics.rawBytesEncoded()).isPositive();
				assertThat(statistics.compressedBytesEncoded()).isPositive();
				assertThat(intake.requestCount()).isZero();
				assertThat(logs.at(Level.WARN)).singleElement().asString().contains("dry-run");
			}
			finally {
				submitter.close(Duration.ofSeconds(1));
			}
		}
	}

	@Test
	void apiKeyAppearsInNoLogLineExceptionMessageOrToString() {
		String key = FakeIntake.API_KEY;
		try (FakeIntake intake = new FakeIntake(); CapturedLogs logs = CapturedLogs.everywhere()) {
			// A misbehaving proxy that echoes the key back in error bodies, on every kind
			// of answer.
			intake.fault(FakeIntake.SERIES_V2,
					aResponse().withStatus(500).withBody("upstream said: DD-API-KEY=" + key));
			intake.fault(FakeIntake.EVENTS, aResponse().withStatus(400).withBody("bad event for key " + key));
			intake.fault(FakeIntake.CHECK_RUN,
					aResponse().withStatus(403).withBody("<html>key " + key + " denied</html>"));
			intake.fault(FakeIntake.DISTRIBUTIONS, aResponse().withStatus(404).withBody("no route for " + key));
			intake.fault(com.github.tomakehurst.wiremock.client.WireMock.get("/api/v1/validate")
				.willReturn(aResponse().withStatus(418).withBody("validate? " + key)));
			DeliverySettings settings = TestSubmitters.settings(intake);
			DatadogSubmitter submitter = TestSubmitters.fastRetrying(settings);
			ThreadStats stats = ThreadStats.builder()
				.submitter(submitter)
				.autoFlush(false)
				.noHost()
				.environment((name) -> null)
				.drainTimeout(Duration.ofMillis(300))
				.build();
			ApiKeyValidation validation = submitter.validateApiKey().join();
			FlushSnapshot snapshot = new FlushSnapshot(java.time.Instant.now(),
					List.of(TestSubmitters.gauge("app.queue", TestSubmitters.now(), 1)),
					List.of(new DistributionPoint("app.latency", TestSubmitters.now(), List.of(1.0), null, List.of())),
					List.of(io.threadstats.snapshot.Event.builder("t", "x").build()),
					List.of(io.threadstats.snapshot.ServiceCheck
						.builder("app.up", io.threadstats.snapshot.CheckStatus.OK)
						.timestamp(java.time.Instant.now())
						.build()));
			submitter.submit(snapshot).join();
			FlushRecord flushRecord = submitter.flushRecord(snapshot).join();
			assertThat(flushRecord.responses()).containsOnly(Map.entry(500, 1), Map.entry(400, 1), Map.entry(403, 1),
					Map.entry(404, 1));
			DeliveryStatistics statistics = submitter.statistics();
			List<String> texts = List.of(submitter.toString(), stats.toString(), settings.toString(),
					statistics.toString(), flushRecord.toString(), validation.toString(),
					String.valueOf(submitter.apiKeyValidation()));
			stats.close();

			assertThat(logs.lines()).as("Reactor Netty and WebClient log at DEBUG too").isGreaterThan(20);
			assertThat(logs.everything()).contains("HTTP 500", "HTTP 400", "HTTP 404", "API key rejected", "(api key)")
				.doesNotContain(key);
			assertThat(texts).allSatisfy((text) -> assertThat(text).doesNotContain(key));
			assertThat(statistics.lastError()).isNotNull().doesNotContain(key);
			assertThat(statistics.apiKeyRejection()).isNotNull().doesNotContain(key);
			assertThat(validation.detail()).contains("418").doesNotContain(key);
			assertThat(settings.toString()).contains("apiKey=(configured)");
			Throwable rejected = catchThrowable(() -> DatadogSubmitter
				.create(new DeliverySettings(key, null, URI.create("http://example.com"), SeriesApi.V2,
						Compression.DEFLATE, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, Duration.ofSeconds(1))));
			assertThat(rejected).isInstanceOf(IllegalArgumentException.class);
			assertThat(rejected.getMessage()).doesNotContain(key);
			Throwable invalid = catchThrowable(() -> DatadogSubmitter
				.create(new DeliverySettings(key, null, intake.url(), SeriesApi.V2, Compression.DEFLATE,
						Duration.ofSeconds(1), Duration.ofSeconds(-1), 1, Duration.ofSeconds(1))));
			assertThat(invalid).isInstanceOf(IllegalArgumentException.class);
			assertThat(invalid.getMessage()).contains("threadstats.response-timeout").doesNotContain(key);
		}
	}

}
