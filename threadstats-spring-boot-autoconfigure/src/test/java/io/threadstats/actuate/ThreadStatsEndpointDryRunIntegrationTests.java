package io.threadstats.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import io.threadstats.ThreadStats;
import io.threadstats.submission.FakeIntake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Without an API key (a {@code DD_API_KEY} in the environment is blanked): the endpoint
 * reports dry-run with what was encoded and nothing sent, health is UNKNOWN; with
 * {@code access=read-only}, the flush operation is not offered over HTTP.
 */
@SpringBootTest(classes = ThreadStatsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "DD_API_KEY=", "threadstats.flush-interval=1h", "threadstats.validate-api-key=true",
				"management.endpoints.web.exposure.include=threadstats,health",
				"management.endpoint.threadstats.access=read-only", "management.endpoint.health.show-details=always" })
@AutoConfigureWebTestClient
class ThreadStatsEndpointDryRunIntegrationTests {

	private static final FakeIntake intake = new FakeIntake();

	@Autowired
	private ThreadStats stats;

	private EndpointClient endpoint;

	@DynamicPropertySource
	static void intakeUrl(DynamicPropertyRegistry registry) {
		registry.add("threadstats.api-url", intake::url);
	}

	@AfterAll
	static void stopIntake() {
		intake.close();
	}

	@Autowired
	void endpointClient(WebTestClient client) {
		this.endpoint = new EndpointClient(client.mutate().responseTimeout(Duration.ofSeconds(30)).build());
	}

	@Test
	void reportsDryRunWithWhatWasEncodedAndSendsNothing() {
		this.stats.increment("jobs.done", 3, Instant.now().minusSeconds(30));
		this.stats.flush();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !this.endpoint.report().read("$.recentFlushes", List.class).isEmpty());
		DocumentContext report = this.endpoint.report();
		assertThat(report.read("$.status", String.class)).isEqualTo("dry-run");
		assertThat(report.read("$.message", String.class)).contains("no API key configured");
		assertThat(report.read("$.configuration.apiKey.configured", Boolean.class)).isFalse();
		assertThat(report.read("$.configuration.apiKey.validation", String.class)).isNull();
		assertThat(report.read("$.totals.delivery.payloads", Long.class)).isEqualTo(1);
		assertThat(report.read("$.totals.delivery.rawBytes", Long.class)).isPositive();
		assertThat(report.read("$.totals.delivery.requests", Long.class)).isZero();
		assertThat(report.read("$.totals.delivery.itemsDelivered", Long.class)).isZero();
		assertThat(report.read("$.recentFlushes[0].outcome", String.class)).isEqualTo("dry-run");
		assertThat(report.read("$.recentFlushes[0].series", Integer.class)).isEqualTo(1);
		assertThat(report.<Map<String, Object>>read("$.recentFlushes[0]")).as("a record of one flush")
			.doesNotContainKey("emptyRun");
		assertThat(intake.requestsOn(FakeIntake.SERIES_V2)).isZero();

		DocumentContext health = this.endpoint.health();
		assertThat(health.read("$.status", String.class)).isEqualTo("UNKNOWN");
		assertThat(health.read("$.details.status", String.class)).isEqualTo("dry-run");
	}

	@Test
	void idleFlushesShowAsOneEntryWithTheirCountAndStart() {
		long flushesBefore = this.endpoint.report().read("$.totals.delivery.flushes", Long.class);
		for (int i = 0; i < 25; i++) {
			this.stats.flush();
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.endpoint.report().read("$.totals.delivery.flushes", Long.class) == flushesBefore + 25);
		DocumentContext report = this.endpoint.report();
		assertThat(report.read("$.recentFlushes[0].outcome", String.class)).isEqualTo("empty");
		assertThat(report.read("$.recentFlushes[0].emptyRun.flushes", Integer.class)).isEqualTo(25);
		assertThat(report.read("$.recentFlushes[0].emptyRun.since", String.class))
			.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
	}

	@Test
	void readOnlyAccessLeavesTheFlushOperationOut() {
		long flushesBefore = this.endpoint.report().read("$.totals.delivery.flushes", Long.class);
		assertThat(this.endpoint.flushStatus().is4xxClientError()).isTrue();
		assertThat(this.endpoint.report().read("$.totals.delivery.flushes", Long.class)).isEqualTo(flushesBefore);
	}

}
