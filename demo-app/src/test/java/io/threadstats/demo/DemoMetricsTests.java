package io.threadstats.demo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.threadstats.demo.orders.Order;
import io.threadstats.snapshot.DistributionPoint;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.MetricType;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.submission.Submitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo records through the starter the way a user would: its request handlers and service are timed and
 * counted by the annotations, it records a gauge, a distribution and an event, and the starter's background
 * flush hands them on. A capturing {@link Submitter} stands where delivery would be.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "threadstats.roll-up-interval=1s", "threadstats.flush-interval=1s",
				"demo.fulfilment.interval=200ms" })
@AutoConfigureWebTestClient
class DemoMetricsTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private CapturingSubmitter submitted;

	@Test
	void ordersApiIsTimedCountedAndMeasuredAndTheStartIsAnnounced() {
		Order placed = this.client.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"customer\":\"grace\",\"items\":[\"coffee\"]}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Order.class)
			.returnResult()
			.getResponseBody();
		this.client.get().uri("/api/orders/{id}", placed.id()).exchange().expectStatus().isOk();
		this.client.get().uri("/api/orders/{id}", Long.MAX_VALUE).exchange().expectStatus().isNotFound();

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(this.submitted.series()).anySatisfy((point) -> {
				assertThat(point.metric()).isEqualTo("demo.http.requests.count");
				assertThat(point.tags()).contains("method:one", "exception:responsestatusexception");
			});
			assertThat(this.submitted.series()).anySatisfy((point) -> {
				assertThat(point.metric()).isEqualTo("demo.http.requests.avg");
				assertThat(point.tags()).contains("method:place", "exception:none");
			});
			assertThat(this.submitted.series()).extracting(SeriesPoint::metric)
				.contains("demo.orders.lookup.avg", "demo.orders.placed");
			assertThat(this.submitted.series()).anySatisfy((point) -> {
				assertThat(point.metric()).isEqualTo("demo.orders.pending");
				assertThat(point.type()).isEqualTo(MetricType.GAUGE);
			});
			assertThat(this.submitted.distributions()).extracting(DistributionPoint::metric)
				.contains("demo.orders.payload_bytes");
			assertThat(this.submitted.events()).extracting(Event::title).contains("threadstats demo started");
		});
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class CaptureFlushes {

		@Bean
		CapturingSubmitter capturingSubmitter() {
			return new CapturingSubmitter();
		}

	}

	/** Keeps every flush it is handed instead of sending it. */
	static final class CapturingSubmitter implements Submitter {

		private final List<FlushSnapshot> snapshots = new CopyOnWriteArrayList<>();

		@Override
		public CompletableFuture<Void> submit(FlushSnapshot snapshot) {
			this.snapshots.add(snapshot);
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void close(Duration timeout) {
		}

		List<SeriesPoint> series() {
			return this.snapshots.stream().flatMap((snapshot) -> snapshot.series().stream()).toList();
		}

		List<DistributionPoint> distributions() {
			return this.snapshots.stream().flatMap((snapshot) -> snapshot.distributions().stream()).toList();
		}

		List<Event> events() {
			return this.snapshots.stream().flatMap((snapshot) -> snapshot.events().stream()).toList();
		}

	}

}
