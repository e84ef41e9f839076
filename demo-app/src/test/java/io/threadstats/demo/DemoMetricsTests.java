package io.threadstats.demo;

import java.time.Duration;
import java.time.Instant;

import io.threadstats.ThreadStats;
import io.threadstats.demo.orders.Order;
import io.threadstats.demo.orders.OrderRequests;
import io.threadstats.snapshot.CheckStatus;
import io.threadstats.snapshot.DistributionPoint;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.MetricType;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.submission.InMemorySubmitter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo records through the starter the way a user would: its request handlers and
 * service are timed and counted by the annotations, it records a gauge, a distribution,
 * an event and a service check, and the starter's background flush hands them on. An
 * {@link InMemorySubmitter} stands where delivery would be.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "threadstats.roll-up-interval=1s", "threadstats.flush-interval=1s",
				"demo.fulfilment.interval=200ms" })
@AutoConfigureWebTestClient
class DemoMetricsTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private InMemorySubmitter submitted;

	@Autowired
	private ThreadStats threadStats;

	@Test
	void ordersApiIsTimedCountedAndMeasuredAndTheStartIsAnnounced() {
		Order placed = OrderRequests.place(this.client, "grace", "[\"coffee\"]");
		this.client.get().uri("/api/orders/{id}", placed.id()).exchange().expectStatus().isOk().expectBody(Void.class);
		OrderRequests.lookUpUnknownOrder(this.client);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(this.submitted.allSeries()).anySatisfy((point) -> {
				assertThat(point.metric()).isEqualTo("demo.http.requests.count");
				assertThat(point.tags()).contains("method:one", "exception:responsestatusexception");
			});
			assertThat(this.submitted.allSeries()).anySatisfy((point) -> {
				assertThat(point.metric()).isEqualTo("demo.http.requests.avg");
				assertThat(point.tags()).contains("method:place", "exception:none");
			});
			assertThat(this.submitted.allSeries()).extracting(SeriesPoint::metric)
				.contains("demo.orders.lookup.avg", "demo.orders.placed");
			assertThat(this.submitted.allSeries()).anySatisfy((point) -> {
				assertThat(point.metric()).isEqualTo("demo.orders.pending");
				assertThat(point.type()).isEqualTo(MetricType.GAUGE);
			});
			assertThat(this.submitted.allDistributions()).extracting(DistributionPoint::metric)
				.contains("demo.orders.payload_bytes");
			assertThat(this.submitted.allEvents()).extracting(Event::title).contains("threadstats demo started");
			assertThat(this.submitted.allServiceChecks()).anySatisfy((check) -> {
				assertThat(check.check()).isEqualTo("demo.orders.queue");
				assertThat(check.status()).isEqualTo(CheckStatus.OK);
			});
		});
	}

	@Test
	void refusedOrderIsTimedOnceAsAFailedPlaceAndCountedAsRefused() {
		this.client.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"customer\":\"ken\",\"items\":[]}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody(Void.class);
		// everything recorded so far, the bucket in progress included
		this.threadStats.flush(Instant.now().plus(Duration.ofMinutes(1)));

		assertThat(this.submitted.series("demo.http.requests.count")).anySatisfy(
				(point) -> assertThat(point.tags()).contains("method:place", "exception:illegalargumentexception"));
		// the exception handler that answered the 400 is not a second request
		assertThat(this.submitted.allSeries()).filteredOn((point) -> point.metric().startsWith("demo.http.requests."))
			.isNotEmpty()
			.noneSatisfy((point) -> assertThat(point.tags()).contains("method:invalidorder"));
		assertThat(this.submitted.series("demo.orders.refused")).isNotEmpty()
			.allSatisfy((point) -> assertThat(point.tags()).contains("method:place", "result:failure"))
			.anySatisfy((point) -> assertThat(point.tags()).contains("exception:illegalargumentexception"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class CaptureFlushes {

		@Bean
		InMemorySubmitter capturingSubmitter() {
			return new InMemorySubmitter();
		}

	}

}
