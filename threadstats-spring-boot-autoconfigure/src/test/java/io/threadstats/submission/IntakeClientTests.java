package io.threadstats.submission;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How the delay the intake asks for is read from its headers, and how a wait ends, at
 * shutdown and after the response timeout, on both connectors a submitter may run on.
 */
class IntakeClientTests {

	private static final Instant NOW = Instant.parse("2031-01-01T00:00:00Z");

	@Test
	void retryAfterInSeconds() {
		assertThat(IntakeClient.retryAfter("120", null, NOW)).isEqualTo(Duration.ofSeconds(120));
		assertThat(IntakeClient.retryAfter(" 0 ", null, NOW)).isEqualTo(Duration.ZERO);
	}

	@Test
	void retryAfterAsAnHttpDateIsMeasuredFromTheGivenNow() {
		assertThat(IntakeClient.retryAfter("Wed, 01 Jan 2031 00:00:45 GMT", null, NOW))
			.isEqualTo(Duration.ofSeconds(45));
		assertThat(IntakeClient.retryAfter("Tue, 31 Dec 2030 23:59:00 GMT", null, NOW)).as("in the past")
			.isEqualTo(Duration.ZERO);
	}

	@Test
	void rateLimitResetWhenThereIsNoUsableRetryAfter() {
		assertThat(IntakeClient.retryAfter(null, "7", NOW)).isEqualTo(Duration.ofSeconds(7));
		assertThat(IntakeClient.retryAfter("soon", "7", NOW)).isEqualTo(Duration.ofSeconds(7));
		assertThat(IntakeClient.retryAfter("-5", "-5", NOW)).isNull();
		assertThat(IntakeClient.retryAfter(null, null, NOW)).isNull();
	}

	/** Both connectors a submitter of its own may run on. */
	static Stream<Named<Function<DeliverySettings, IntakeConnector>>> connectors() {
		return Stream.of(Named.of("Reactor Netty", IntakeConnector.ReactorNetty::create),
				Named.of("JDK HttpClient", IntakeConnector::jdk));
	}

	@ParameterizedTest
	@MethodSource("connectors")
	void abandoningEndsTheWaitForAHeldRequestAsAbandonedAndLaterPostsSendNothing(
			Function<DeliverySettings, IntakeConnector> connectors) {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		AtomicInteger started = new AtomicInteger();
		try (FakeIntake intake = new FakeIntake()) {
			FakeIntake.Hold hold = intake.hold(FakeIntake.SERIES_V2, aResponse().withStatus(202));
			// a response timeout far longer than the test, so that only abandoning can
			// end the wait
			DeliverySettings settings = withTimeouts(intake, Duration.ofSeconds(50));
			IntakeConnector connector = connectors.apply(settings);
			// counts each request as it starts, on the posting thread
			WebClient.Builder counting = WebClient.builder()
				.clientConnector(connector.connector())
				.filter((request, next) -> {
					started.incrementAndGet();
					return next.exchange(request);
				});
			IntakeClient client = IntakeClient.fromBuilder(counting, settings, Clock.systemUTC());
			CompletableFuture<IntakeResponse> held = CompletableFuture
				.supplyAsync(() -> client.post(IntakeEndpoint.SERIES_V2, body, Compression.NONE));
			await().atMost(Duration.ofSeconds(10)).until(() -> hold.arrived() == 1);

			client.abandonRequests();
			IntakeResponse ended = held.join();
			assertThat(ended.isAbandoned()).as("the intake holds its 202 until released: the end was ours").isTrue();
			assertThat(ended.isSuccess()).isFalse();
			assertThat(client.post(IntakeEndpoint.SERIES_V2, body, Compression.NONE).isAbandoned()).isTrue();
			assertThat(started).as("no request sent only to be cancelled").hasValue(1);
			connector.release().run();
		}
	}

	@ParameterizedTest
	@MethodSource("connectors")
	void anAnswerSlowerThanTheResponseTimeoutIsATransportError(Function<DeliverySettings, IntakeConnector> connectors) {
		try (FakeIntake intake = new FakeIntake()) {
			FakeIntake.Hold hold = intake.hold(FakeIntake.SERIES_V2, aResponse().withStatus(202));
			DeliverySettings settings = withTimeouts(intake, Duration.ofMillis(300));
			IntakeClient client = IntakeClient.ownResources(connectors.apply(settings), settings, Clock.systemUTC());
			try {
				IntakeResponse response = client.post(IntakeEndpoint.SERIES_V2, "{}".getBytes(StandardCharsets.UTF_8),
						Compression.NONE);
				assertThat(hold.arrived()).isEqualTo(1);
				assertThat(response.isTransportError()).as(response.describe()).isTrue();
				assertThat(response.describe()).contains("no response within the timeout");
			}
			finally {
				hold.release();
				client.close();
			}
		}
	}

	private static DeliverySettings withTimeouts(FakeIntake intake, Duration responseTimeout) {
		DeliverySettings defaults = TestSubmitters.settings(intake);
		return new DeliverySettings(defaults.apiKey(), null, defaults.apiUrl(), SeriesApi.V2, Compression.NONE,
				Duration.ofSeconds(2), responseTimeout, defaults.retryBufferBytes(), defaults.drainTimeout());
	}

}
