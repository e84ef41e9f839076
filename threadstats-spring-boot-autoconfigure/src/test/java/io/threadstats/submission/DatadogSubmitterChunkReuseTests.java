package io.threadstats.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.threadstats.Allocations;
import io.threadstats.OneBucketEngine;
import io.threadstats.ThreadStats;
import io.threadstats.ValueRecorder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A hot distribution delivered by the Datadog submitter, which gives each point's chunk
 * back to the engine once its payload was accepted: a point parked for retry keeps its
 * values while the engine fills the chunks of delivered ones again.
 */
class DatadogSubmitterChunkReuseTests extends FakeIntakeTestSupport {

	private static final int PER_POINT = 100;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aPointParkedForRetryKeepsItsValuesWhileDeliveredOnesAreFilledAgain() {
		Allocations.assumeCounted();
		this.submitter = TestSubmitters.fastRetrying(TestSubmitters.settings(this.intake));
		ThreadStats stats = OneBucketEngine.at(Instant.now(), PER_POINT, this.submitter);
		ValueRecorder latency = stats.distributionRecorder("app.latency");
		// a chunk goes out when the next value finds it full: chunks 0 to 3 are
		// delivered, and their arrays go back to the engine
		long bytesRecordingOnceGivenBack = 0;
		for (int chunk = 0; chunk <= 4; chunk++) {
			long before = Allocations.byCurrentThread();
			record(latency, chunk);
			if (chunk >= 2) {
				bytesRecordingOnceGivenBack += Allocations.byCurrentThread() - before;
			}
			long delivered = chunk;
			// a hand-off waits for the previous submission: asked again until it went
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				stats.handOffFullChunks();
				return this.submitter.statistics().itemsDelivered() == delivered;
			});
		}
		// from chunk 2 on, each chunk that fills finds one given back (a new one: 816
		// bytes)
		assertThat(bytesRecordingOnceGivenBack).isLessThan(8L * PER_POINT);
		this.intake.fault(post(urlPathEqualTo(FakeIntake.DISTRIBUTIONS)).inScenario("fault")
			.whenScenarioStateIs(Scenario.STARTED)
			.willSetStateTo("answered")
			.willReturn(FakeIntake.json(503, "{\"errors\":[\"Service Unavailable\"]}").withHeader("Retry-After", "1")));
		record(latency, 5);
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			stats.handOffFullChunks();
			return this.submitter.statistics().bufferedPayloads() == 1;
		});

		// chunk 4 waits a second for its retry, and the chunks after it are parked
		// behind it while the endpoint backs off: had chunk 4's array gone back when it
		// was parked, chunk 6 would have filled it
		int chunks = 16;
		for (int chunk = 6; chunk < chunks; chunk++) {
			record(latency, chunk);
			stats.handOffFullChunks();
		}
		stats.close();

		assertThat(this.intake.received(FakeIntake.DISTRIBUTIONS)).as("chunk 4, refused once, was sent again")
			.hasSize(this.intake.accepted(FakeIntake.DISTRIBUTIONS).size() + 1);
		assertThat(acceptedValues()).as("every value once, as recorded")
			.containsExactlyInAnyOrderElementsOf(
					LongStream.range(0, chunks * PER_POINT).mapToObj((value) -> (double) value).toList());
	}

	private static void record(ValueRecorder recorder, int chunk) {
		for (int i = 0; i < PER_POINT; i++) {
			recorder.record(chunk * PER_POINT + i);
		}
	}

	private List<Double> acceptedValues() {
		List<Double> values = new ArrayList<>();
		for (FakeIntake.Received request : this.intake.accepted(FakeIntake.DISTRIBUTIONS)) {
			for (JsonNode series : JSON.readTree(request.json()).get("series")) {
				for (JsonNode value : series.get("points").get(0).get(1)) {
					values.add(value.asDouble());
				}
			}
		}
		return values;
	}

}
