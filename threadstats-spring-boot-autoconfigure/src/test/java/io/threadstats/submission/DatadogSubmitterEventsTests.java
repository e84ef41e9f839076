package io.threadstats.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.FlushSnapshot;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events go one per request, a few requests at once: a backlog like the 1,168 events that
 * took 26.9 s one after the other drains within the default 10 s shutdown timeout.
 */
class DatadogSubmitterEventsTests extends FakeIntakeTestSupport {

	/** The most event requests the submitter has in flight at once. */
	private static final int IN_FLIGHT = IntakeEndpoint.EVENTS.maxInFlight();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger mostInFlight = new AtomicInteger();

	@Test
	void aBacklogOfEventsDrainsAtCloseWithinTheDefaultShutdownTimeoutAFewRequestsAtATime() {
		// a realistic answer time for Datadog's events API from a cloud region: 25 ms;
		// one after the other, 1,168 events would take 29 s
		this.intake.fault(post(urlPathEqualTo(FakeIntake.EVENTS))
			.willReturn(FakeIntake.json(202, "{\"status\":\"ok\"}").withFixedDelay(25)));
		this.submitter = DatadogSubmitter.create(TestSubmitters.settings(this.intake), countingInFlight());
		List<Event> events = IntStream.range(0, 1_168)
			.mapToObj((i) -> Event.builder("Order " + i + " shipped", "carrier picked it up").tags("shop:eu").build())
			.toList();
		this.submitter.submit(new FlushSnapshot(Instant.now(), List.of(), List.of(), events, List.of()));

		this.submitter.close(Duration.ofSeconds(10));

		DeliveryStatistics statistics = this.submitter.statistics();
		assertThat(statistics.dropped()).as("nothing dropped, at shutdown or otherwise").isEmpty();
		assertThat(statistics.itemsDelivered()).isEqualTo(1_168);
		assertThat(this.intake.received(FakeIntake.EVENTS)).hasSize(1_168);
		assertThat(this.mostInFlight).as("requests in flight at once").hasValue(IN_FLIGHT);
	}

	@Test
	void eventsParkedWhileTheIntakeFailedAreRetriedAFewAtATime() {
		this.intake.fault(FakeIntake.EVENTS, FakeIntake.json(503, "{\"errors\":[\"unavailable\"]}"));
		this.submitter = DatadogSubmitter.create(TestSubmitters.settings(this.intake), countingInFlight());
		List<Event> events = IntStream.range(0, 40)
			.mapToObj((i) -> Event.builder("Event " + i, "text").build())
			.toList();
		FlushRecord flushRecord = submit(new FlushSnapshot(Instant.now(), List.of(), List.of(), events, List.of()));
		assertThat(flushRecord.parked()).isEqualTo(40);
		this.intake.recover();
		this.intake.fault(post(urlPathEqualTo(FakeIntake.EVENTS))
			.willReturn(FakeIntake.json(202, "{\"status\":\"ok\"}").withFixedDelay(25)));
		this.mostInFlight.set(0);

		this.submitter.close(Duration.ofSeconds(10));

		assertThat(this.submitter.statistics().dropped()).isEmpty();
		assertThat(this.intake.accepted(FakeIntake.EVENTS)).hasSize(40);
		assertThat(this.mostInFlight).as("retries in flight at once").hasValue(IN_FLIGHT);
	}

	/** A WebClient builder that keeps the most requests it had in flight at once. */
	private WebClient.Builder countingInFlight() {
		return WebClient.builder().filter((request, next) -> Mono.defer(() -> {
			this.mostInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
			return next.exchange(request);
		}).doFinally((signal) -> this.inFlight.decrementAndGet()));
	}

}
