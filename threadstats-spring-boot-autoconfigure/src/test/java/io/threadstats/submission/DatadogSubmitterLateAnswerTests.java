package io.threadstats.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.threadstats.snapshot.DistributionPoint;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.FlushSnapshot;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An intake that accepts a payload but answers after the response timeout: the payload is
 * sent again. Series are harmless to re-send (Datadog keeps the last write); distribution
 * points and events are counted twice by Datadog, so their re-sends are counted as
 * possibly duplicated.
 */
class DatadogSubmitterLateAnswerTests extends FakeIntakeTestSupport {

	private static final long TS = TestSubmitters.now() - 60;

	@Test
	void distributionPointsAcceptedAgainAfterALateAnswerArePossiblyDuplicated() {
		FlushSnapshot snapshot = new FlushSnapshot(Instant.now(), List.of(),
				List.of(new DistributionPoint("app.latency", TS, List.of(1.0, 2.0), "web-1", List.of()),
						new DistributionPoint("app.size", TS, List.of(3.0), "web-1", List.of()),
						new DistributionPoint("app.wait", TS, List.of(4.0), "web-1", List.of())),
				List.of(), List.of());
		DeliveryStatistics statistics = deliverAfterALateFirstAnswer(FakeIntake.DISTRIBUTIONS, snapshot, 3);
		assertThat(this.intake.received(FakeIntake.DISTRIBUTIONS)).as("the late one and its re-send").hasSize(2);
		assertThat(statistics.itemsPossiblyDuplicated()).isEqualTo(3);
	}

	@Test
	void eventsAcceptedAgainAfterALateAnswerArePossiblyDuplicated() {
		FlushSnapshot snapshot = new FlushSnapshot(Instant.now(), List.of(), List.of(),
				List.of(Event.builder("Deployed", "version 2").build()), List.of());
		DeliveryStatistics statistics = deliverAfterALateFirstAnswer(FakeIntake.EVENTS, snapshot, 1);
		assertThat(this.intake.received(FakeIntake.EVENTS)).hasSize(2);
		assertThat(statistics.itemsPossiblyDuplicated()).isEqualTo(1);
	}

	@Test
	void seriesSentAgainAfterALateAnswerAreNotDuplicates() {
		DeliveryStatistics statistics = deliverAfterALateFirstAnswer(FakeIntake.SERIES_V2,
				TestSubmitters.numberedGauges("queue.depth", 0, 2), 2);
		assertThat(this.intake.received(FakeIntake.SERIES_V2)).hasSize(2);
		assertThat(statistics.itemsPossiblyDuplicated()).as("Datadog keeps the last write").isZero();
	}

	@Test
	void itemsParkedWithoutBeingSentAreNotDuplicatesWhenSentLater() {
		// the series' late answer backs off every endpoint: the distribution waits unsent
		this.intake.fault(post(urlPathEqualTo(FakeIntake.SERIES_V2)).inScenario("late")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(FakeIntake.json(202, "{\"errors\":[]}").withFixedDelay(1_500))
			.willSetStateTo("answered"));
		FlushSnapshot snapshot = new FlushSnapshot(Instant.now(), List.of(TestSubmitters.gauge("queue.depth", TS, 1)),
				List.of(new DistributionPoint("app.latency", TS, List.of(1.0), "web-1", List.of())), List.of(),
				List.of());
		this.submitter = TestSubmitters.fastRetrying(withResponseTimeout(Duration.ofMillis(300)));
		submit(snapshot);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.submitter.statistics().itemsDelivered() == 2);
		assertThat(this.intake.received(FakeIntake.DISTRIBUTIONS)).hasSize(1);
		assertThat(this.submitter.statistics().itemsPossiblyDuplicated()).isZero();
	}

	/**
	 * The first request on {@code path} is accepted but answered after the response
	 * timeout, later ones at once; waits until every item was delivered on a retry.
	 */
	private DeliveryStatistics deliverAfterALateFirstAnswer(String path, FlushSnapshot snapshot, long items) {
		this.intake.fault(post(urlPathEqualTo(path)).inScenario("late")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(FakeIntake.json(202, "{\"status\":\"ok\"}").withFixedDelay(1_500))
			.willSetStateTo("answered"));
		this.submitter = TestSubmitters.fastRetrying(withResponseTimeout(Duration.ofMillis(300)));
		FlushRecord flushRecord = submit(snapshot);
		assertThat(flushRecord.parked()).as("no answer in time: parked for retry").isEqualTo(items);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.submitter.statistics().itemsDelivered() == items);
		return this.submitter.statistics();
	}

	private DeliverySettings withResponseTimeout(Duration responseTimeout) {
		DeliverySettings defaults = TestSubmitters.settings(this.intake);
		return new DeliverySettings(defaults.apiKey(), null, defaults.apiUrl(), SeriesApi.V2, Compression.DEFLATE,
				Duration.ofSeconds(2), responseTimeout, defaults.retryBufferBytes(), defaults.drainTimeout());
	}

}
