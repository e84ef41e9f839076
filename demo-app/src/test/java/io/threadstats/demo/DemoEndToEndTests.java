package io.threadstats.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.threadstats.ThreadStats;
import io.threadstats.demo.intake.ReceivedEvent;
import io.threadstats.demo.intake.ReceivedSeries;
import io.threadstats.demo.intake.SeriesType;
import io.threadstats.demo.intake.StoredPoint;
import io.threadstats.demo.orders.OrderRequests;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole path without a Datadog account: the demo's endpoints, service and jobs record
 * through the starter, the starter flushes over HTTP to the demo's own local intake, and
 * the intake holds the series with their tags, types and timestamps, and the startup
 * event.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class DemoEndToEndTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private ThreadStats threadStats;

	@Autowired
	private ApplicationContext context;

	@Test
	void whatTheDemoRecordsArrivesAtTheLocalIntakeWithItsTagsAndTypes() {
		OrderRequests.place(this.client, "margaret", "[\"tea\",\"cake\"]");
		OrderRequests.lookUpUnknownOrder(this.client);
		// rather than wait for the background flush, send the bucket in progress too
		this.threadStats.flush(Instant.now().plus(Duration.ofMinutes(1)));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(series("demo.http.requests.avg")).anySatisfy((series) -> {
				assertThat(series.type()).isEqualTo(SeriesType.GAUGE);
				assertThat(series.tags()).contains("method:place", "exception:none", "service:threadstats-demo");
			});
			assertThat(series("demo.http.requests.count")).anySatisfy((series) -> {
				assertThat(series.type()).isEqualTo(SeriesType.RATE);
				assertThat(series.tags()).contains("method:one", "exception:responsestatusexception");
			});
			assertThat(series("demo.orders.placed")).extracting(ReceivedSeries::type).contains(SeriesType.RATE);
			assertThat(series("demo.orders.payload_bytes")).extracting(ReceivedSeries::type)
				.contains(SeriesType.DISTRIBUTION);
			assertThat(events()).extracting(ReceivedEvent::title).contains("threadstats demo started");
			assertThat(series("demo.orders.pending")).anySatisfy((series) -> {
				assertThat(series.type()).isEqualTo(SeriesType.GAUGE);
				assertThat(series.tags()).contains("service:threadstats-demo");
			});
		});
	}

	@Test
	void lookupsAreTimedUntilTheirMonoCompletes() {
		this.client.get()
			.uri("/api/orders/{id}", Long.MAX_VALUE - 1)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(Void.class);
		this.threadStats.flush(Instant.now().plus(Duration.ofMinutes(1)));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			List<ReceivedSeries> fastest = completedLookups("demo.orders.lookup.min");
			assertThat(fastest).isNotEmpty().allSatisfy((series) -> {
				assertThat(series.type()).isEqualTo(SeriesType.GAUGE);
				// every lookup waits at least 2 ms before its Mono completes; the method
				// itself returns at once
				assertThat(series.points()).extracting(StoredPoint::value)
					.allSatisfy((millis) -> assertThat(millis).isGreaterThanOrEqualTo(2.0));
			});
			assertThat(completedLookups("demo.orders.lookup.count")).extracting(ReceivedSeries::type)
				.containsOnly(SeriesType.RATE);
		});
	}

	@Test
	void tillReplayArrivesAtTheTimesTheOrdersWereTaken() {
		long demoStarted = this.context.getStartupDate() / 1000;
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			List<ReceivedSeries> orders = series("demo.till.orders");
			assertThat(orders).isNotEmpty().allSatisfy((series) -> {
				assertThat(series.type()).isEqualTo(SeriesType.RATE);
				assertThat(series.tags()).contains("source:till").containsAnyOf("store:north", "store:south");
			});
			assertThat(series("demo.till.amount.avg")).isNotEmpty()
				.allSatisfy((series) -> assertThat(series.type()).isEqualTo(SeriesType.GAUGE));
			Set<Long> timestamps = orders.stream()
				.flatMap((series) -> series.points().stream())
				.map(StoredPoint::timestamp)
				.collect(Collectors.toSet());
			// the first upload, at startup, replays the window before it: points no live
			// recording could make
			assertThat(timestamps).hasSizeGreaterThan(1)
				.anySatisfy((timestamp) -> assertThat(timestamp).isLessThan(demoStarted));
		});
	}

	private List<ReceivedSeries> completedLookups(String metric) {
		return series(metric).stream()
			.filter((series) -> series.tags()
				.containsAll(
						List.of("class:io.threadstats.demo.orders.orderservice", "method:findorder", "exception:none")))
			.toList();
	}

	private List<ReceivedSeries> series(String metric) {
		return this.client.get()
			.uri("/intake/series?metric={metric}", metric)
			.exchange()
			.expectBody(new ParameterizedTypeReference<List<ReceivedSeries>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private List<ReceivedEvent> events() {
		return this.client.get()
			.uri("/intake/events")
			.exchange()
			.expectBody(new ParameterizedTypeReference<List<ReceivedEvent>>() {
			})
			.returnResult()
			.getResponseBody();
	}

}
