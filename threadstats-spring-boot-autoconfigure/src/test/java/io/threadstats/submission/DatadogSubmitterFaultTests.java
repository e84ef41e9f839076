package io.threadstats.submission;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.FlushSnapshot;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One intake fault per test, each checked for exactly what was delivered, retried and dropped. The
 * faulty answer is given once (a WireMock scenario), then the intake behaves normally again.
 */
class DatadogSubmitterFaultTests extends FakeIntakeTestSupport {

	private static final int POINTS = 5;

	private void failOnce(String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
		this.intake.fault(post(urlPathEqualTo(path)).inScenario("fault")
			.whenScenarioStateIs(Scenario.STARTED)
			.willSetStateTo("answered")
			.willReturn(response));
	}

	private FlushRecord submitGauges(DatadogSubmitter submitter) {
		this.submitter = submitter;
		return submit(TestSubmitters.numberedGauges("app.queue", 0, POINTS));
	}

	private DeliveryStatistics awaitBufferEmptyAndDelivered(long items) {
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.submitter.statistics().itemsDelivered() == items
					&& this.submitter.statistics().bufferedPayloads() == 0);
		return this.submitter.statistics();
	}

	/** The flush parked its payload, one retry delivered it, and nothing was dropped. */
	private void assertRetriedOnceThenDelivered(FlushRecord flushRecord, int failedStatus) {
		assertThat(flushRecord.outcome()).isEqualTo(FlushOutcome.RETRYING);
		assertThat(flushRecord.parked()).isEqualTo(POINTS);
		DeliveryStatistics statistics = awaitBufferEmptyAndDelivered(POINTS);
		assertThat(statistics.requests()).isEqualTo(2);
		assertThat(statistics.retries()).isEqualTo(1);
		assertThat(statistics.dropped()).isEmpty();
		if (failedStatus == 0) {
			assertThat(statistics.transportErrors()).isEqualTo(1);
			assertThat(statistics.responses()).containsExactly(Map.entry(202, 1L));
		}
		else {
			assertThat(statistics.responses()).containsOnly(Map.entry(failedStatus, 1L), Map.entry(202, 1L));
		}
		List<FakeIntake.Received> received = this.intake.received(FakeIntake.SERIES_V2);
		assertThat(received).hasSize(2);
		assertThat(received.get(1).json()).isEqualTo(received.get(0).json());
		assertThat(received.get(1).json()).contains("\"i:0\"", "\"i:4\"");
		assertThat(statistics.failingSince()).isNull();
		assertThat(statistics.lastError()).isNotNull();
		assertThat(this.logs.at(Level.WARN)).singleElement().asString().contains("failed");
		assertThat(this.logs.at(Level.INFO)).singleElement().asString().contains("recovered");
	}

	@Test
	void serverErrorIsRetriedAndDeliveredOnce() {
		failOnce(FakeIntake.SERIES_V2, FakeIntake.json(500, "{\"errors\":[\"Internal Server Error\"]}"));
		FlushRecord flushRecord = submitGauges(TestSubmitters.fastRetrying(TestSubmitters.settings(this.intake)));
		assertThat(flushRecord.responses()).containsExactly(Map.entry(500, 1));
		assertRetriedOnceThenDelivered(flushRecord, 500);
	}

	@Test
	void unavailableWithRetryAfterIsRetriedWhenTheIntakeSays() {
		failOnce(FakeIntake.SERIES_V2, aResponse().withStatus(503)
			.withHeader("Content-Type", "text/plain")
			.withHeader("Retry-After", "1")
			.withBody("Service Unavailable"));
		// Backoff alone would wait a minute: only honouring Retry-After delivers within the await.
		RetryPolicy slow = new RetryPolicy(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofMinutes(5));
		FlushRecord flushRecord = submitGauges(
				DatadogSubmitter.create(TestSubmitters.settings(this.intake), slow, Clock.systemUTC()));
		assertRetriedOnceThenDelivered(flushRecord, 503);
	}

	@Test
	void rateLimitedWithResetHeaderIsRetriedWhenTheLimitResets() {
		failOnce(FakeIntake.SERIES_V2, FakeIntake.json(429, "{\"errors\":[\"Too many requests\"]}")
			.withHeader("X-RateLimit-Limit", "500")
			.withHeader("X-RateLimit-Period", "60")
			.withHeader("X-RateLimit-Remaining", "0")
			.withHeader("X-RateLimit-Reset", "1")
			.withHeader("X-RateLimit-Name", "metrics"));
		RetryPolicy slow = new RetryPolicy(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofMinutes(5));
		FlushRecord flushRecord = submitGauges(
				DatadogSubmitter.create(TestSubmitters.settings(this.intake), slow, Clock.systemUTC()));
		assertRetriedOnceThenDelivered(flushRecord, 429);
	}

	@Test
	void readTimeoutIsRetried() {
		failOnce(FakeIntake.SERIES_V2, FakeIntake.json(202, "{\"errors\":[]}").withFixedDelay(3_000));
		DeliverySettings settings = TestSubmitters.settings(this.intake);
		settings = new DeliverySettings(settings.apiKey(), null, settings.apiUrl(), SeriesApi.V2,
				Compression.DEFLATE, Duration.ofSeconds(1), Duration.ofMillis(500), settings.retryBufferBytes(),
				settings.drainTimeout());
		FlushRecord flushRecord = submitGauges(TestSubmitters.fastRetrying(settings));
		assertThat(flushRecord.transportErrors()).isEqualTo(1);
		assertRetriedOnceThenDelivered(flushRecord, 0);
		assertThat(this.submitter.statistics().lastError()).contains("timeout");
	}

	@Test
	void connectionResetIsRetried() {
		failOnce(FakeIntake.SERIES_V2, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
		FlushRecord flushRecord = submitGauges(TestSubmitters.fastRetrying(TestSubmitters.settings(this.intake)));
		assertThat(flushRecord.transportErrors()).isEqualTo(1);
		assertRetriedOnceThenDelivered(flushRecord, 0);
	}

	@Test
	void errorWithEmptyBodyIsRetried() {
		failOnce(FakeIntake.SERIES_V2, aResponse().withStatus(500));
		FlushRecord flushRecord = submitGauges(TestSubmitters.fastRetrying(TestSubmitters.settings(this.intake)));
		assertRetriedOnceThenDelivered(flushRecord, 500);
		assertThat(this.submitter.statistics().lastError()).endsWith("HTTP 500");
	}

	@Test
	void errorWithHtmlBodyIsRetried() {
		failOnce(FakeIntake.SERIES_V2, aResponse().withStatus(502)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><body><h1>502 Bad Gateway</h1></body></html>"));
		FlushRecord flushRecord = submitGauges(TestSubmitters.fastRetrying(TestSubmitters.settings(this.intake)));
		assertRetriedOnceThenDelivered(flushRecord, 502);
		assertThat(this.submitter.statistics().lastError()).contains("502 Bad Gateway");
	}

	@Test
	void successWithEmptyOrPlainTextBodyIsDelivered() {
		this.intake.fault(FakeIntake.SERIES_V2, aResponse().withStatus(202));
		this.intake.fault(FakeIntake.EVENTS, aResponse().withStatus(202)
			.withHeader("Content-Type", "text/plain")
			.withBody("accepted"));
		this.submitter = DatadogSubmitter.create(TestSubmitters.settings(this.intake));
		FlushSnapshot snapshot = new FlushSnapshot(java.time.Instant.now(),
				List.of(TestSubmitters.gauge("app.queue", TestSubmitters.now(), 1)), List.of(),
				List.of(Event.builder("t", "x").build()), List.of());
		FlushRecord flushRecord = submit(snapshot);
		assertThat(flushRecord.outcome()).isEqualTo(FlushOutcome.DELIVERED);
		assertThat(flushRecord.delivered()).isEqualTo(2);
	}

	@Test
	void htmlForbiddenPageMeansTheKeyWasRejected() {
		this.intake.fault(FakeIntake.SERIES_V2, aResponse().withStatus(403)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><head><title>403 Forbidden</title></head><body>Request blocked</body></html>"));
		this.submitter = TestSubmitters.fastRetrying(TestSubmitters.settings(this.intake));
		FlushRecord first = submit(TestSubmitters.numberedGauges("app.queue", 0, POINTS));
		FlushRecord second = submit(TestSubmitters.numberedGauges("app.queue", 0, POINTS));
		assertThat(first.outcome()).isEqualTo(FlushOutcome.DROPPED);
		assertThat(first.dropped()).containsExactly(Map.entry(DropReason.API_KEY_REJECTED, (long) POINTS));
		assertThat(second.dropped()).containsExactly(Map.entry(DropReason.API_KEY_REJECTED, (long) POINTS));
		DeliveryStatistics statistics = this.submitter.statistics();
		assertThat(statistics.apiKeyRejected()).isTrue();
		assertThat(statistics.failingSince()).isNotNull();
		assertThat(statistics.requests()).as("not retried").isEqualTo(2);
		assertThat(statistics.bufferedPayloads()).isZero();
		assertThat(statistics.dropped(DropReason.API_KEY_REJECTED)).isEqualTo(2 * POINTS);
		assertThat(this.logs.at(Level.ERROR)).singleElement().asString().contains("API key rejected");

		this.intake.recover();
		submit(TestSubmitters.numberedGauges("app.queue", 0, POINTS));
		assertThat(this.submitter.statistics().apiKeyRejected()).isFalse();
		assertThat(this.submitter.statistics().failingSince()).isNull();
	}

	@Test
	void jsonForbiddenFromTheIntakeMeansTheKeyWasRejected() {
		DeliverySettings good = TestSubmitters.settings(this.intake);
		this.submitter = DatadogSubmitter.create(new DeliverySettings("wrong-key", null, good.apiUrl(), SeriesApi.V2,
				Compression.DEFLATE, good.connectTimeout(), good.responseTimeout(), good.retryBufferBytes(),
				good.drainTimeout()));
		FlushRecord flushRecord = submit(TestSubmitters.numberedGauges("app.queue", 0, POINTS));
		assertThat(flushRecord.responses()).containsExactly(Map.entry(403, 1));
		assertThat(flushRecord.dropped()).containsExactly(Map.entry(DropReason.API_KEY_REJECTED, (long) POINTS));
		assertThat(this.submitter.statistics().apiKeyRejected()).isTrue();
	}

	@Test
	void badRequestIsNotRetriedAndItsBodyIsLogged() {
		this.intake.fault(FakeIntake.EVENTS, aResponse().withStatus(400)
			.withHeader("Content-Type", "text/plain")
			.withBody("{\"errors\":[\"Event too far in the past\"]}"));
		this.submitter = TestSubmitters.fastRetrying(TestSubmitters.settings(this.intake));
		FlushRecord flushRecord = submit(new FlushSnapshot(java.time.Instant.now(), List.of(), List.of(),
				List.of(Event.builder("old", "x").dateHappened(java.time.Instant.EPOCH).build()), List.of()));
		assertThat(flushRecord.outcome()).isEqualTo(FlushOutcome.DROPPED);
		assertThat(flushRecord.dropped()).containsExactly(Map.entry(DropReason.BAD_REQUEST, 1L));
		DeliveryStatistics statistics = this.submitter.statistics();
		assertThat(statistics.requests()).isEqualTo(1);
		assertThat(statistics.bufferedPayloads()).isZero();
		assertThat(statistics.failingSince()).as("a bad payload is not a failing intake").isNull();
		assertThat(this.logs.at(Level.WARN)).singleElement()
			.asString()
			.contains("HTTP 400", "Event too far in the past", "1 items dropped");
	}

	@Test
	void payloadTooLargeIsSplitInHalvesUntilAccepted() {
		// An intake whose limit is two series per request.
		this.intake.fault(post(urlPathEqualTo(FakeIntake.SERIES_V2))
			.andMatching((Request request) -> MatchResult.of(seriesIn(request) > 2))
			.willReturn(FakeIntake.json(413, "{\"errors\":[\"Payload too large\"]}")));
		this.submitter = TestSubmitters.fastRetrying(TestSubmitters.settings(this.intake));
		FlushRecord flushRecord = submit(TestSubmitters.numberedGauges("app.queue", 0, 7));
		assertThat(flushRecord.outcome()).isEqualTo(FlushOutcome.DELIVERED);
		assertThat(flushRecord.delivered()).isEqualTo(7);
		// 7 -> 3 + 4 -> (1 + 2) + (2 + 2): three 413s, four accepted halves.
		assertThat(flushRecord.responses()).containsOnly(Map.entry(413, 3), Map.entry(202, 4));
		List<String> accepted = this.intake.received(FakeIntake.SERIES_V2)
			.stream()
			.map(FakeIntake.Received::json)
			.filter((json) -> json.split("\"metric\"").length - 1 <= 2)
			.toList();
		String all = String.join("", accepted);
		for (int i = 0; i < 7; i++) {
			assertThat(all.split("\"i:" + i + "\"", -1)).as("series %d delivered once", i).hasSize(2);
		}
	}

	@Test
	void singleItemStillTooLargeIsDroppedAndCounted() {
		this.intake.fault(FakeIntake.SERIES_V2, FakeIntake.json(413, "{\"errors\":[\"Payload too large\"]}"));
		this.submitter = TestSubmitters.fastRetrying(TestSubmitters.settings(this.intake));
		FlushRecord flushRecord = submit(TestSubmitters.numberedGauges("app.queue", 0, 2));
		assertThat(flushRecord.responses()).containsExactly(Map.entry(413, 3));
		assertThat(flushRecord.dropped()).containsExactly(Map.entry(DropReason.TOO_BIG, 2L));
		assertThat(this.submitter.statistics().bufferedPayloads()).isZero();
	}

	private static int seriesIn(Request request) {
		String json = new String(FakeIntake.decompress(request.getHeader("Content-Encoding"), request.getBody()),
				java.nio.charset.StandardCharsets.UTF_8);
		return json.split("\"metric\"").length - 1;
	}

}
