package io.threadstats.submission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.threadstats.MutableClock;
import io.threadstats.snapshot.CheckStatus;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.ServiceCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One intake fault per test, each checked for exactly what was delivered, retried and
 * dropped. The faulty answer is given once (a WireMock scenario), then the intake behaves
 * normally again.
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

	/**
	 * Two flushes against the faulty intake, each dropped whole for {@code reason},
	 * neither retried.
	 */
	private DeliveryStatistics twoFlushesDroppedWhole(DropReason reason) {
		this.submitter = TestSubmitters.fastRetrying(TestSubmitters.settings(this.intake));
		for (int f = 0; f < 2; f++) {
			FlushRecord flushRecord = submit(TestSubmitters.numberedGauges("app.queue", 0, POINTS));
			assertThat(flushRecord.outcome()).isEqualTo(FlushOutcome.DROPPED);
			assertThat(flushRecord.dropped()).containsExactly(Map.entry(reason, (long) POINTS));
		}
		DeliveryStatistics statistics = this.submitter.statistics();
		assertThat(statistics.requests()).as("not retried").isEqualTo(2);
		assertThat(statistics.bufferedPayloads()).isZero();
		assertThat(statistics.dropped(reason)).isEqualTo(2 * POINTS);
		return statistics;
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

	@ParameterizedTest
	@ValueSource(ints = { 408, 500 })
	void requestTimeoutAndServerErrorAreRetriedAndDeliveredOnce(int status) {
		failOnce(FakeIntake.SERIES_V2, FakeIntake.json(status, "{\"errors\":[\"try again\"]}"));
		FlushRecord flushRecord = submitGauges(TestSubmitters.fastRetrying(TestSubmitters.settings(this.intake)));
		assertThat(flushRecord.responses()).containsExactly(Map.entry(status, 1));
		assertRetriedOnceThenDelivered(flushRecord, status);
	}

	@Test
	void unavailableWithRetryAfterIsRetriedOnlyOnceTheIntakeSays() {
		failOnce(FakeIntake.SERIES_V2,
				aResponse().withStatus(503)
					.withHeader("Content-Type", "text/plain")
					.withHeader("Retry-After", "30")
					.withBody("Service Unavailable"));
		assertRetriedOnlyAfter(Duration.ofSeconds(30), 503);
	}

	@Test
	void rateLimitedWithResetHeaderIsRetriedOnlyOnceTheLimitResets() {
		failOnce(FakeIntake.SERIES_V2,
				FakeIntake.json(429, "{\"errors\":[\"Too many requests\"]}")
					.withHeader("X-RateLimit-Limit", "500")
					.withHeader("X-RateLimit-Period", "60")
					.withHeader("X-RateLimit-Remaining", "0")
					.withHeader("X-RateLimit-Reset", "30")
					.withHeader("X-RateLimit-Name", "metrics"));
		assertRetriedOnlyAfter(Duration.ofSeconds(30), 429);
	}

	@Test
	void retryAfterAsAnHttpDateIsMeasuredWithTheSubmittersClock() {
		// 50 minutes ahead of the machine's clock: measured from the machine's, the date
		// would be 50 minutes away, and the retry a minute (the longest honoured) after
		// the failure.
		MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofMinutes(50)));
		String inThirtySeconds = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(clock.instant().plusSeconds(31).atZone(ZoneOffset.UTC));
		failOnce(FakeIntake.SERIES_V2, aResponse().withStatus(503).withHeader("Retry-After", inThirtySeconds));
		assertRetriedOnlyAfter(clock, Duration.ofSeconds(30), 503);
	}

	private void assertRetriedOnlyAfter(Duration requested, int failedStatus) {
		assertRetriedOnlyAfter(new MutableClock(Instant.now()), requested, failedStatus);
	}

	/**
	 * The delivery clock decides when a backoff ends, and it only moves when the test
	 * moves it: no retry happens before the requested delay, however long the test waits
	 * in real time.
	 */
	private void assertRetriedOnlyAfter(MutableClock clock, Duration requested, int failedStatus) {
		FlushRecord flushRecord = submitGauges(
				DatadogSubmitter.create(TestSubmitters.settings(this.intake), TestSubmitters.FAST_RETRIES, clock));
		clock.advance(requested.minusSeconds(2));
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.intake.received(FakeIntake.SERIES_V2).size() == 1);
		clock.advance(Duration.ofSeconds(3));
		assertRetriedOnceThenDelivered(flushRecord, failedStatus);
	}

	@Test
	void retryAfterZeroNeverMakesABusyRetryLoop() {
		this.intake.fault(FakeIntake.SERIES_V2, aResponse().withStatus(503).withHeader("Retry-After", "0"));
		MutableClock clock = new MutableClock(Instant.now());
		RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(64), Duration.ofMinutes(5));
		assertThat(submitGauges(DatadogSubmitter.create(TestSubmitters.settings(this.intake), policy, clock)).outcome())
			.isEqualTo(FlushOutcome.RETRYING);
		// The first failure backs off at least half the base delay, whatever Retry-After
		// says: with the clock standing still, no retry comes.
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.intake.received(FakeIntake.SERIES_V2).size() == 1);
		// One second later the backoff is over: exactly one retry, which fails and backs
		// off longer.
		clock.advance(Duration.ofSeconds(1));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.intake.received(FakeIntake.SERIES_V2).size() == 2);
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.intake.received(FakeIntake.SERIES_V2).size() == 2);
		assertThat(this.submitter.statistics().bufferedItems()).isEqualTo(POINTS);
	}

	@Test
	void readTimeoutIsRetried() {
		failOnce(FakeIntake.SERIES_V2, FakeIntake.json(202, "{\"errors\":[]}").withFixedDelay(3_000));
		DeliverySettings settings = TestSubmitters.settings(this.intake);
		settings = new DeliverySettings(settings.apiKey(), null, settings.apiUrl(), SeriesApi.V2, Compression.DEFLATE,
				Duration.ofSeconds(1), Duration.ofMillis(500), settings.retryBufferBytes(), settings.drainTimeout());
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
		failOnce(FakeIntake.SERIES_V2,
				aResponse().withStatus(502)
					.withHeader("Content-Type", "text/html")
					.withBody("<html><body><h1>502 Bad Gateway</h1></body></html>"));
		FlushRecord flushRecord = submitGauges(TestSubmitters.fastRetrying(TestSubmitters.settings(this.intake)));
		assertRetriedOnceThenDelivered(flushRecord, 502);
		assertThat(this.submitter.statistics().lastError()).contains("502 Bad Gateway");
	}

	@Test
	void successWithEmptyOrPlainTextBodyIsDelivered() {
		this.intake.fault(FakeIntake.SERIES_V2, aResponse().withStatus(202));
		this.intake.fault(FakeIntake.EVENTS,
				aResponse().withStatus(202).withHeader("Content-Type", "text/plain").withBody("accepted"));
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
		this.intake.fault(FakeIntake.SERIES_V2,
				aResponse().withStatus(403)
					.withHeader("Content-Type", "text/html")
					.withBody("<html><head><title>403 Forbidden</title></head><body>Request blocked</body></html>"));
		DeliveryStatistics statistics = twoFlushesDroppedWhole(DropReason.API_KEY_REJECTED);
		assertThat(statistics.apiKeyRejected()).isTrue();
		assertThat(statistics.failingSince()).isNotNull();
		assertThat(this.logs.at(Level.ERROR)).singleElement().asString().contains("API key rejected");

		this.intake.recover();
		submit(TestSubmitters.numberedGauges("app.queue", 0, POINTS));
		assertThat(this.submitter.statistics().apiKeyRejected()).isFalse();
		assertThat(this.submitter.statistics().failingSince()).isNull();
	}

	@Test
	void jsonForbiddenFromTheIntakeMeansTheKeyWasRejected() {
		DeliverySettings good = TestSubmitters.settings(this.intake);
		this.submitter = DatadogSubmitter
			.create(new DeliverySettings("wrong-key", null, good.apiUrl(), SeriesApi.V2, Compression.DEFLATE,
					good.connectTimeout(), good.responseTimeout(), good.retryBufferBytes(), good.drainTimeout()));
		FlushRecord flushRecord = submit(TestSubmitters.numberedGauges("app.queue", 0, POINTS));
		assertThat(flushRecord.responses()).containsExactly(Map.entry(403, 1));
		assertThat(flushRecord.dropped()).containsExactly(Map.entry(DropReason.API_KEY_REJECTED, (long) POINTS));
		assertThat(this.submitter.statistics().apiKeyRejected()).isTrue();
	}

	@Test
	void unauthorizedIsARejectedKeyToo() {
		this.intake.fault(FakeIntake.SERIES_V2, FakeIntake.json(401, "{\"errors\":[\"Unauthorized\"]}"));
		DeliveryStatistics statistics = twoFlushesDroppedWhole(DropReason.API_KEY_REJECTED);
		assertThat(statistics.apiKeyRejected()).isTrue();
		assertThat(statistics.apiKeyRejection()).contains("HTTP 401");
		assertThat(this.logs.at(Level.ERROR)).singleElement().asString().contains("API key rejected");
	}

	@Test
	void keyRejectedSinceIsTheFirstRejectionAndKeepsItsMessage() {
		MutableClock clock = new MutableClock(Instant.now());
		this.intake.fault(FakeIntake.SERIES_V2, FakeIntake.json(403, FakeIntake.FORBIDDEN_JSON));
		this.submitter = DatadogSubmitter.create(TestSubmitters.settings(this.intake), TestSubmitters.FAST_RETRIES,
				clock);
		Instant firstRejection = clock.instant();
		submit(TestSubmitters.numberedGauges("app.queue", 0, POINTS));
		clock.advance(Duration.ofSeconds(90));
		submit(TestSubmitters.numberedGauges("app.queue", 0, POINTS));
		// a later error of another kind does not replace what the rejection said
		this.intake.fault(FakeIntake.EVENTS, aResponse().withStatus(503).withBody("events unavailable"));
		clock.advance(Duration.ofSeconds(90));
		submit(new FlushSnapshot(Instant.now(), List.of(), List.of(), List.of(Event.builder("t", "x").build()),
				List.of()));

		DeliveryStatistics statistics = this.submitter.statistics();
		assertThat(statistics.apiKeyRejectedSince()).isEqualTo(firstRejection);
		assertThat(statistics.apiKeyRejection()).contains("HTTP 403", FakeIntake.SERIES_V2);
		assertThat(statistics.lastError()).contains("HTTP 503");
		assertThat(statistics.lastErrorAt()).isEqualTo(firstRejection.plusSeconds(180));

		this.intake.recover();
		clock.advance(Duration.ofSeconds(1));
		submit(TestSubmitters.numberedGauges("app.queue", 0, POINTS));
		assertThat(this.submitter.statistics().apiKeyRejectedSince()).isNull();
		assertThat(this.submitter.statistics().apiKeyRejection()).isNull();
	}

	@Test
	void badRequestIsNotRetriedAndItsBodyIsLogged() {
		this.intake.fault(FakeIntake.EVENTS,
				aResponse().withStatus(400)
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
	void unprocessableEntityIsABadPayloadToo() {
		this.intake.fault(FakeIntake.CHECK_RUN, FakeIntake.json(422, "{\"errors\":[\"Invalid check status\"]}"));
		this.submitter = TestSubmitters.fastRetrying(TestSubmitters.settings(this.intake));
		FlushRecord flushRecord = submit(new FlushSnapshot(Instant.now(), List.of(), List.of(), List.of(),
				List.of(ServiceCheck.builder("app.up", CheckStatus.OK).build())));
		assertThat(flushRecord.dropped()).containsExactly(Map.entry(DropReason.BAD_REQUEST, 1L));
		assertThat(this.submitter.statistics().failingSince()).isNull();
		assertThat(this.logs.at(Level.WARN)).singleElement().asString().contains("HTTP 422", "Invalid check status");
	}

	@ParameterizedTest
	@ValueSource(ints = { 301, 307, 404, 405, 409 })
	void statusRetryingCannotFixIsRejectedByTheIntakeAndMakesDeliveryFailing(int status) {
		// what a wrong api-url path or a proxy in the way answers
		this.intake.fault(FakeIntake.SERIES_V2,
				aResponse().withStatus(status)
					.withHeader("Location", "https://login.example.com/")
					.withHeader("Content-Type", "text/html")
					.withBody("<html><body>not here</body></html>"));
		DeliveryStatistics statistics = twoFlushesDroppedWhole(DropReason.REJECTED_BY_INTAKE);
		assertThat(statistics.failingSince()).as("delivery does not work").isNotNull();
		assertThat(statistics.lastError()).contains("HTTP " + status, FakeIntake.SERIES_V2);
		assertThat(this.logs.at(Level.ERROR)).as("once per status until a success")
			.singleElement()
			.asString()
			.contains("HTTP " + status, "threadstats.api-url");

		this.intake.recover();
		submit(TestSubmitters.numberedGauges("app.queue", 0, POINTS));
		assertThat(this.submitter.statistics().failingSince()).isNull();
	}

	@Test
	void transportErrorBacksOffEveryEndpointSinceTheyShareTheHost() {
		this.intake.fault(FakeIntake.SERIES_V2, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
		RetryPolicy slow = new RetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1));
		this.submitter = DatadogSubmitter.create(TestSubmitters.settings(this.intake), slow, Clock.systemUTC());
		FlushRecord flushRecord = submit(
				new FlushSnapshot(Instant.now(), List.of(TestSubmitters.gauge("app.queue", TestSubmitters.now(), 1)),
						List.of(), List.of(Event.builder("t", "x").build()),
						List.of(ServiceCheck.builder("app.up", CheckStatus.OK).build())));
		assertThat(flushRecord.requests()).as("only the first waited for the unreachable host").isEqualTo(1);
		assertThat(flushRecord.transportErrors()).isEqualTo(1);
		assertThat(flushRecord.parked()).isEqualTo(3);
		assertThat(this.intake.received(FakeIntake.EVENTS)).isEmpty();
		assertThat(this.intake.received(FakeIntake.CHECK_RUN)).isEmpty();
	}

	@Test
	void anUnexpectedFailureWhileEncodingAFlushIsCountedAsADeliveryError() {
		MutableClock clock = new MutableClock(Instant.now());
		this.submitter = DatadogSubmitter.create(TestSubmitters.settings(this.intake), TestSubmitters.FAST_RETRIES,
				clock);
		clock.failNextReadingBy(PayloadBatcher.class);
		FlushRecord flushRecord = submit(TestSubmitters.numberedGauges("app.queue", 0, POINTS));
		assertThat(flushRecord.dropped()).containsExactly(Map.entry(DropReason.DELIVERY_ERROR, (long) POINTS));
		assertThat(flushRecord.outcome()).isEqualTo(FlushOutcome.DROPPED);
		assertThat(this.submitter.statistics().dropped())
			.containsExactly(Map.entry(DropReason.DELIVERY_ERROR, (long) POINTS));
		assertThat(this.logs.at(Level.ERROR)).singleElement().asString().contains("DELIVERY_ERROR");

		// the next flush is delivered as usual
		assertThat(submit(TestSubmitters.numberedGauges("app.queue", 0, POINTS)).outcome())
			.isEqualTo(FlushOutcome.DELIVERED);
	}

	@Test
	void anUnexpectedFailureWhileRetryingIsCountedAsADeliveryErrorNotLost() {
		MutableClock clock = new MutableClock(Instant.now());
		failOnce(FakeIntake.SERIES_V2, aResponse().withStatus(500));
		this.submitter = DatadogSubmitter.create(TestSubmitters.settings(this.intake), TestSubmitters.FAST_RETRIES,
				clock);
		assertThat(submit(TestSubmitters.numberedGauges("app.queue", 0, POINTS)).parked()).isEqualTo(POINTS);
		// the payload is taken out of the buffer, then re-encoding it fails
		clock.failNextReadingBy(PayloadBatcher.class);
		clock.advance(Duration.ofSeconds(1));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.submitter.statistics().dropped(DropReason.DELIVERY_ERROR) == POINTS);
		DeliveryStatistics statistics = this.submitter.statistics();
		assertThat(statistics.bufferedPayloads()).isZero();
		assertThat(statistics.itemsDelivered()).isZero();
		assertThat(statistics.droppedTotal()).isEqualTo(POINTS);
		assertThat(this.logs.at(Level.ERROR)).singleElement().asString().contains("retrying", "DELIVERY_ERROR");
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

	@Test
	void aLongAnswerIsQuotedALineLongWithTheKeyItEchoesRedactedWhereverItIs() {
		// a proxy's error page: long, and echoing the request's key across the cut
		String page = "<html>" + "x".repeat(170) + " DD-API-KEY: " + FakeIntake.API_KEY + " " + "y".repeat(100_000);
		this.intake.fault(FakeIntake.SERIES_V2, aResponse().withStatus(400).withBody(page));
		this.submitter = DatadogSubmitter.create(TestSubmitters.settings(this.intake));
		submit(TestSubmitters.numberedGauges("queue.depth", 0, 1));

		String line = this.logs.at(Level.WARN)
			.stream()
			.filter((logged) -> logged.contains("HTTP 400"))
			.findFirst()
			.orElseThrow();
		assertThat(line).hasSizeLessThan(600).contains("<html>xxx").doesNotContain("yyy");
		assertThat(this.logs.everything()).doesNotContain(FakeIntake.API_KEY.substring(0, 8));
		assertThat(this.submitter.statistics().lastError()).hasSizeLessThan(600)
			.doesNotContain(FakeIntake.API_KEY.substring(0, 8));
	}

}
