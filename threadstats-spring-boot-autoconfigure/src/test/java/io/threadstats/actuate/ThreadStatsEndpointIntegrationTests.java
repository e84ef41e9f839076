package io.threadstats.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.jayway.jsonpath.DocumentContext;
import io.threadstats.ThreadStats;
import io.threadstats.submission.FakeIntake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
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
 * {@code /actuator/threadstats} and {@code /actuator/health/threadstats} over HTTP, after
 * real flushes to a WireMock intake: success, 500s then success, a rejected key, a wrong
 * URL, and the open series of a recorded and an annotated metric; the overall health
 * stays UP through every failure. Every body is checked for the API key before it is
 * read.
 */
@SpringBootTest(classes = ThreadStatsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "threadstats.api-key=" + FakeIntake.API_KEY, "threadstats.flush-interval=1h",
				"threadstats.roll-up-interval=1s", "threadstats.namespace=app", "threadstats.constant-tags=team:core",
				"threadstats.host=web-1", "threadstats.health.failure-window=0s",
				"management.endpoints.web.exposure.include=threadstats,health",
				"management.endpoint.health.show-details=always" })
@AutoConfigureWebTestClient
class ThreadStatsEndpointIntegrationTests {

	/** How every time in the report is written: ISO-8601, UTC, to the second. */
	private static final String TO_THE_SECOND = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

	private static final FakeIntake intake = new FakeIntake();

	@Autowired
	private ThreadStats stats;

	@Autowired
	private ThreadStatsTestApplication.Greeter greeter;

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

	/**
	 * Starts every test from a working intake and an empty retry buffer, whatever the
	 * test before left.
	 */
	@BeforeEach
	void deliveringAgain() {
		intake.recover();
		this.stats.increment("warm.up", 1, aFewSecondsAgo());
		this.endpoint.flush();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			DocumentContext report = this.endpoint.report();
			return "sending".equals(report.read("$.status"))
					&& report.read("$.now.retryBuffer.payloads", Integer.class) == 0;
		});
	}

	@Test
	void successfulFlushIsAnsweredWithItsRecordAndShowsInTheReport() {
		this.stats.gauge("queue.depth", 7, aFewSecondsAgo(), "queue:orders");
		int requestsBefore = intake.requestsOn(FakeIntake.SERIES_V2);
		DocumentContext flush = this.endpoint.flush();
		assertThat(flush.read("$.outcome", String.class)).isEqualTo("delivered");
		// at least the gauge: buckets other tests left open may have closed since
		int series = flush.read("$.series", Integer.class);
		assertThat(series).isPositive();
		assertThat(flush.read("$.payloads", Integer.class)).isEqualTo(1);
		assertThat(flush.read("$.delivered", Long.class)).isEqualTo(series);
		assertThat(flush.<Map<String, Object>>read("$.responses")).isEqualTo(Map.of("202", 1));
		assertThat(flush.read("$.rawBytes", Long.class)).isPositive();
		assertThat(flush.read("$.durationMillis", Long.class)).isNotNegative();
		assertThat(flush.<Map<String, Object>>read("$")).doesNotContainKey("duration");
		assertThat(intake.requestsOn(FakeIntake.SERIES_V2)).isEqualTo(requestsBefore + 1);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> "valid".equals(this.endpoint.report().read("$.configuration.apiKey.validation")));
		DocumentContext report = this.endpoint.report();
		assertThat(report.read("$.status", String.class)).isEqualTo("sending");
		assertThat(report.read("$.message", String.class)).startsWith("the intake last accepted a payload at");
		assertThat(report.read("$.configuration.url", String.class)).isEqualTo(intake.url().toString());
		assertThat(report.read("$.configuration.seriesApi", String.class)).isEqualTo("v2");
		// zstd-jni is on the test class path
		assertThat(report.read("$.configuration.compression", String.class)).isEqualTo("zstd1");
		assertThat(report.read("$.configuration.flushInterval", String.class)).isEqualTo("1h");
		assertThat(report.read("$.configuration.rollUpInterval", String.class)).isEqualTo("1s");
		assertThat(report.read("$.configuration.namespace", String.class)).isEqualTo("app");
		assertThat(report.<List<Object>>read("$.configuration.constantTags")).contains("team:core");
		assertThat(report.read("$.configuration.host", String.class)).isEqualTo("web-1");
		assertThat(report.read("$.configuration.apiKey.configured", Boolean.class)).isTrue();
		assertThat(report.read("$.totals.pointsFlushed.gauge", Long.class)).isEqualTo(1);
		assertThat(report.read("$.totals.delivery.itemsDelivered", Long.class)).isGreaterThanOrEqualTo(2);
		assertThat(report.read("$.totals.delivery.compressedBytesDelivered", Long.class)).isPositive();
		assertThat(report.read("$.totals.delivery.possiblyDuplicated", Long.class)).isZero();
		assertThat(report.read("$.totals.delivery.responses.202", Long.class)).isGreaterThanOrEqualTo(2);
		assertThat(report.read("$.now.activeSeries", Long.class)).isPositive();
		assertThat(Instant.parse(report.read("$.now.lastSuccessAt", String.class))).isNotNull();
		assertThat(report.read("$.recentFlushes[0].outcome", String.class)).isEqualTo("delivered");
		assertThat(report.read("$.recentFlushes[0].flushedAt", String.class))
			.isEqualTo(flush.read("$.flushedAt", String.class))
			.matches(TO_THE_SECOND);
		assertThat(report.read("$.now.lastSuccessAt", String.class)).matches(TO_THE_SECOND);
		assertThat(report.read("$.configuration.apiKey.validatedAt", String.class)).matches(TO_THE_SECOND);
	}

	@Test
	void aHistogramBucketCountsOnceInPointsFlushedAndOncePerAggregateInItemsDeliveredAsTheReportExplains() {
		DocumentContext before = this.endpoint.report();
		this.stats.histogram("checkout.amount", 12, aFewSecondsAgo());
		DocumentContext flush = this.endpoint.flush();
		assertThat(flush.read("$.outcome", String.class)).isEqualTo("delivered");
		DocumentContext after = this.endpoint.report();

		Map<String, Long> flushed = pointsFlushedSince(before, after);
		assertThat(flushed).containsEntry("histogram", 1L);
		long nonDistributionPoints = flushed.entrySet()
			.stream()
			.filter((kind) -> !kind.getKey().equals("distribution"))
			.mapToLong(Map.Entry::getValue)
			.sum();
		// min, max, count, avg and four percentiles: 7 more series than buckets
		assertThat(flush.read("$.series", Long.class)).isEqualTo(nonDistributionPoints + 7);
		assertThat(after.read("$.totals.delivery.itemsDelivered", Long.class)
				- before.read("$.totals.delivery.itemsDelivered", Long.class))
			.isEqualTo(flush.read("$.delivered", Long.class));
		assertThat(after.read("$.totals.explained.pointsFlushed", String.class)).contains("one per series and bucket",
				"histogram's bucket counts once");
		assertThat(after.read("$.totals.explained.itemsDelivered", String.class))
			.contains("once per aggregate and percentile");
	}

	private static Map<String, Long> pointsFlushedSince(DocumentContext before, DocumentContext after) {
		Map<String, Number> earlier = before.read("$.totals.pointsFlushed");
		Map<String, Number> later = after.read("$.totals.pointsFlushed");
		Map<String, Long> flushed = new TreeMap<>();
		later.forEach((kind, count) -> {
			long delta = count.longValue() - earlier.getOrDefault(kind, 0).longValue();
			if (delta > 0) {
				flushed.put(kind, delta);
			}
		});
		return flushed;
	}

	@Test
	void callsTheAdvisorsCouldNotRecordAreCountedInTheTotals() {
		long before = this.endpoint.report().read("$.totals.unrecordedAnnotatedCalls.count", Long.class);
		Object unprintable = new Object() {

			@Override
			public String toString() {
				throw new IllegalStateException("no name");
			}

		};
		assertThat(this.greeter.greetCustomer(unprintable)).isEqualTo("hello");
		DocumentContext report = this.endpoint.report();
		assertThat(report.read("$.totals.unrecordedAnnotatedCalls.count", Long.class)).isEqualTo(before + 1);
		assertThat(report.read("$.totals.unrecordedAnnotatedCalls.rule", String.class))
			.contains("unless metering itself fails");
	}

	@Test
	void namesAndTagsChangedToFitDatadogAreCountedByRuleInTheTotals() {
		DocumentContext before = this.endpoint.report();
		long caseBefore = normalizedCount(before, "tag-case");
		long charactersBefore = normalizedCount(before, "name-characters");
		this.stats.increment("orders placed", "Channel:WEB");
		DocumentContext report = this.endpoint.report();
		assertThat(normalizedCount(report, "tag-case")).isEqualTo(caseBefore + 1);
		assertThat(normalizedCount(report, "name-characters")).isEqualTo(charactersBefore + 1);
		assertThat(report.read("$.totals.normalized.tag-case.rule", String.class)).isEqualTo("tags are lower-cased");
		assertThat(this.endpoint.get("/actuator/threadstats/orders_placed").<List<Object>>read("$.series[0].tags"))
			.contains("channel:web");
	}

	private static long normalizedCount(DocumentContext report, String rule) {
		Map<String, Object> normalized = report.read("$.totals.normalized");
		Object entry = normalized.get(rule);
		return (entry != null) ? ((Number) ((Map<?, ?>) entry).get("count")).longValue() : 0;
	}

	@Test
	void serverErrorsShowAsFailingWithTheBufferedPayloadThenRecoveryAsSending() {
		intake.fault(FakeIntake.SERIES_V2, FakeIntake.failingEchoingTheKey());
		this.stats.increment("orders.placed", 3, aFewSecondsAgo());
		DocumentContext flush = this.endpoint.flush();
		assertThat(flush.read("$.outcome", String.class)).isEqualTo("retrying");
		// the counter, and whatever buckets of other tests closed since (recorded "now")
		long series = flush.read("$.series", Long.class);
		assertThat(series).isPositive();
		assertThat(flush.read("$.parked", Long.class)).isEqualTo(series);
		assertThat(flush.<Map<String, Object>>read("$.responses")).isEqualTo(Map.of("500", 1));

		DocumentContext failing = this.endpoint.report();
		assertThat(failing.read("$.status", String.class)).isEqualTo("failing");
		String since = failing.read("$.since", String.class);
		assertThat(since).matches(TO_THE_SECOND);
		assertThat(failing.read("$.message", String.class)).contains("every attempt since " + since + " failed")
			.contains("HTTP 500");
		assertThat(failing.read("$.now.lastErrorAt", String.class)).matches(TO_THE_SECOND);
		assertThat(failing.read("$.now.retryBuffer.payloads", Integer.class)).isEqualTo(1);
		assertThat(failing.read("$.now.retryBuffer.items", Long.class)).isEqualTo(series);
		assertThat(failing.read("$.now.lastError", String.class)).contains("HTTP 500").contains("(api key)");

		intake.recover();
		await().atMost(Duration.ofSeconds(30)).until(() -> "sending".equals(this.endpoint.status()));
		DocumentContext recovered = this.endpoint.report();
		assertThat(recovered.read("$.since", String.class)).isNull();
		assertThat(recovered.read("$.now.retryBuffer.payloads", Integer.class)).isZero();
		assertThat(recovered.read("$.totals.delivery.retries", Long.class)).isPositive();
		assertThat(recovered.read("$.totals.delivery.responses.500", Long.class)).isPositive();
		assertThat(recovered.read("$.recentFlushes[0].outcome", String.class)).isEqualTo("retrying");
	}

	@Test
	void rejectedKeyShowsInTheReportAndInTheIndicatorButNotInTheOverallHealth() {
		intake.fault(FakeIntake.SERIES_V2, FakeIntake.keyRejected());
		this.stats.increment("orders.placed", 1, aFewSecondsAgo());
		long droppedBefore = droppedForRejectedKey(this.endpoint.report());
		DocumentContext flush = this.endpoint.flush();
		assertThat(flush.read("$.outcome", String.class)).isEqualTo("dropped");
		// the counter, and whatever buckets of other tests closed since (recorded "now")
		long series = flush.read("$.series", Long.class);
		assertThat(flush.<Map<String, Object>>read("$.dropped")).isEqualTo(Map.of("api-key-rejected", (int) series));
		assertThat(flush.<Map<String, Object>>read("$.responses")).isEqualTo(Map.of("403", 1));

		DocumentContext report = this.endpoint.report();
		assertThat(report.read("$.status", String.class)).isEqualTo("key rejected");
		assertThat(report.read("$.message", String.class)).contains("DD_API_KEY").contains("HTTP 403");
		assertThat(droppedForRejectedKey(report)).isEqualTo(droppedBefore + series);

		DocumentContext health = this.endpoint.health();
		assertThat(health.read("$.status", String.class)).isEqualTo("FAILING");
		assertThat(health.read("$.details.status", String.class)).isEqualTo("key rejected");
		assertThat(health.read("$.details.message", String.class)).isEqualTo(report.read("$.message", String.class));
		DocumentContext overall = this.endpoint.get("/actuator/health");
		assertThat(overall.read("$.status", String.class)).as("answered 200, so no probe pulls the instance")
			.isEqualTo("UP");
		assertThat(overall.read("$.components.threadstats.status", String.class)).isEqualTo("FAILING");
	}

	@Test
	void notFoundOnTheSeriesPathShowsAsFailingWithTheDropsCountedAndInTheIndicator() {
		// a wrong path in api-url, or a proxy in the way
		intake.fault(FakeIntake.SERIES_V2,
				WireMock.aResponse()
					.withStatus(404)
					.withHeader("Content-Type", "text/html")
					.withBody("<html><body><h1>404 Not Found</h1></body></html>"));
		this.stats.increment("orders.placed", 2, aFewSecondsAgo());
		DocumentContext flush = this.endpoint.flush();
		assertThat(flush.read("$.outcome", String.class)).isEqualTo("dropped");
		assertThat(flush.<Map<String, Object>>read("$.responses")).isEqualTo(Map.of("404", 1));
		long dropped = flush.read("$.dropped.rejected-by-intake", Long.class);
		assertThat(dropped).isPositive();

		DocumentContext report = this.endpoint.report();
		assertThat(report.read("$.status", String.class)).isEqualTo("failing");
		assertThat(report.read("$.since", String.class)).isNotNull();
		assertThat(report.read("$.message", String.class)).contains("HTTP 404", "/api/v2/series")
			.doesNotContain("nothing needed sending");
		assertThat(report.read("$.totals.delivery.dropped.rejected-by-intake", Long.class))
			.isGreaterThanOrEqualTo(dropped);
		assertThat(report.read("$.now.retryBuffer.payloads", Integer.class)).as("not retried").isZero();
		DocumentContext health = this.endpoint.health();
		assertThat(health.read("$.status", String.class)).isEqualTo("FAILING");
		assertThat(health.read("$.details.status", String.class)).isEqualTo("failing");
	}

	@Test
	void indicatorGoesUpFailingUpAsTheIntakeFailsAndRecoversWhileTheApplicationStaysUp() {
		DocumentContext up = this.endpoint.health();
		assertThat(up.read("$.status", String.class)).isEqualTo("UP");
		assertThat(up.read("$.details.status", String.class)).isEqualTo("sending");

		intake.fault(FakeIntake.SERIES_V2, FakeIntake.failingEchoingTheKey());
		this.stats.increment("orders.placed", 1, aFewSecondsAgo());
		this.endpoint.flush();
		DocumentContext failing = this.endpoint.health();
		assertThat(failing.read("$.status", String.class)).isEqualTo("FAILING");
		assertThat(failing.read("$.details.status", String.class)).isEqualTo("failing");
		assertThat(failing.read("$.details.since", String.class)).matches(TO_THE_SECOND);
		assertThat(this.endpoint.get("/actuator/health").read("$.status", String.class)).isEqualTo("UP");

		intake.recover();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "UP".equals(this.endpoint.health().read("$.status", String.class)));
	}

	@Test
	void selectorShowsTheOpenSeriesOfARecordedAndAnAnnotatedMetric() {
		this.greeter.greet("ada");
		this.greeter.greet("bob");
		this.stats.histogram("latency", 12, "route:/a");
		this.stats.histogram("latency", 30, "route:/a");

		DocumentContext greetings = this.endpoint.get("/actuator/threadstats/greetings");
		assertThat(greetings.read("$.activeSeries", Integer.class)).isEqualTo(1);
		assertThat(greetings.read("$.series[0].metric", String.class)).isEqualTo("app.greetings");
		assertThat(greetings.read("$.series[0].kind", String.class)).isEqualTo("counter");
		assertThat(greetings.read("$.series[0].host", String.class)).isEqualTo("web-1");
		assertThat(greetings.<List<Object>>read("$.series[0].tags")).contains("method:greet", "result:success",
				"team:core");
		assertThat(greetings.<List<Object>>read("$.series[0].openBuckets[*].value")).containsExactly(2.0);

		DocumentContext latency = this.endpoint.get("/actuator/threadstats/app.latency");
		assertThat(latency.read("$.series[0].kind", String.class)).isEqualTo("histogram");
		assertThat(latency.<List<Object>>read("$.series[0].tags")).contains("route:/a");
		assertThat(latency.<List<Object>>read("$.series[0].openBuckets[*].count")).containsExactly(2);

		DocumentContext unknown = this.endpoint.getNotFound("/actuator/threadstats/never.recorded");
		assertThat(unknown.read("$.metric", String.class)).isEqualTo("never.recorded");
		assertThat(unknown.read("$.activeSeries", Integer.class)).isZero();
		assertThat(unknown.read("$.message", String.class)).startsWith("no active series of 'never.recorded'");
		// send the buckets left open, or the next test's flush may carry them along
		this.stats.flush(Instant.now().plusSeconds(5));
	}

	private static long droppedForRejectedKey(DocumentContext report) {
		Map<String, Number> dropped = report.read("$.totals.delivery.dropped");
		return dropped.getOrDefault("api-key-rejected", 0).longValue();
	}

	private static Instant aFewSecondsAgo() {
		return Instant.now().minusSeconds(5);
	}

}
