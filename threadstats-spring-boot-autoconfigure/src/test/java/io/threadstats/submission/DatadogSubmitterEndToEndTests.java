package io.threadstats.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.threadstats.MutableClock;
import io.threadstats.ThreadStats;
import io.threadstats.ThreadStatsBuilder;
import io.threadstats.api.CounterType;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engine and the Datadog submitter together, with real recording threads, through an
 * outage.
 */
class DatadogSubmitterEndToEndTests extends FakeIntakeTestSupport {

	private static final Pattern ORDERS = Pattern
		.compile("\"metric\":\"replay.orders\".*?\"points\":\\[\\{\"timestamp\":\\d+,\"value\":([-0-9.E]+)}");

	private static final Pattern COUNT_BY_THREAD = Pattern
		.compile("\"timestamp\":(\\d+),\"value\":([-0-9.E]+)}],\"tags\":\\[\"thread:(\\d+)\"]");

	/**
	 * A bucket's first send fails and waits for its retry; a late point makes the next
	 * flush send the bucket again, merged, just after the backoff ended and before the
	 * retry timer looked at the clock. The merged value must be the last write Datadog
	 * sees, so the new payload waits behind the parked one instead of overtaking it.
	 */
	@Test
	void aBucketSentAgainMergedWhileItsFirstSendWaitsForRetryEndsUpMergedAtTheIntake() {
		this.intake.fault(post(urlPathEqualTo(FakeIntake.SERIES_V2)).inScenario("first send fails")
			.whenScenarioStateIs(Scenario.STARTED)
			.willSetStateTo("failed once")
			.willReturn(aResponse().withStatus(503)));
		MutableClock deliveryClock = new MutableClock(Instant.now());
		this.submitter = DatadogSubmitter.create(TestSubmitters.settings(this.intake),
				new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(64), Duration.ofMinutes(5)), deliveryClock);
		ThreadStats stats = flushedByTheTest().build();
		Instant bucket = Instant.ofEpochSecond((Instant.now().getEpochSecond() - 300) / 10 * 10);

		stats.increment("replay.orders", 5, bucket);
		assertThat(this.submitter.flushRecord(stats.flush()).join().outcome()).isEqualTo(FlushOutcome.RETRYING);
		stats.increment("replay.orders", 3, bucket);
		// the backoff (at most the 1 s base) is over; the retry timer looks at this clock
		// only after up to a second of real time
		deliveryClock.advance(Duration.ofSeconds(2));
		this.submitter.flushRecord(stats.flush()).join();
		// both payloads answered: an empty retry buffer is not enough, since a retry
		// takes
		// the next parked payload out of it before sending it
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.submitter.statistics().itemsDelivered() == 2
					&& this.submitter.statistics().bufferedPayloads() == 0);

		List<String> stored = new ArrayList<>();
		for (FakeIntake.Received received : this.intake.accepted(FakeIntake.SERIES_V2)) {
			Matcher matcher = ORDERS.matcher(received.json());
			while (matcher.find()) {
				stored.add(matcher.group(1));
			}
		}
		assertThat(stored).as("values accepted, in order: Datadog keeps the last").containsExactly("5", "8");
		stats.close();
	}

	@Test
	void recordingIsNotHeldUpByAnOutageAndEveryIncrementArrivesExactlyOnceAfterRecovery() throws Exception {
		// The intake first holds a request unanswered (as a black-holed host would), then
		// fails with 503s.
		FakeIntake.Hold hold = this.intake.hold(FakeIntake.SERIES_V2,
				aResponse().withStatus(503).withBody("unavailable"));
		DeliverySettings settings = TestSubmitters.settings(this.intake);
		settings = new DeliverySettings(settings.apiKey(), null, settings.apiUrl(), SeriesApi.V2, Compression.DEFLATE,
				Duration.ofSeconds(2), Duration.ofSeconds(50), settings.retryBufferBytes(), Duration.ofSeconds(30));
		this.submitter = TestSubmitters.fastRetrying(settings);
		ThreadStats stats = flushedByTheTest().rollUpInterval(Duration.ofSeconds(1))
			.drainTimeout(Duration.ofSeconds(30))
			.build();
		int threads = 4;
		int perThread = 20_000;
		long start = Instant.now().getEpochSecond() - 300;
		stats.increment("app.hits", 1, Instant.ofEpochSecond(start), "thread:0");
		stats.flush();
		await().atMost(Duration.ofSeconds(10)).until(() -> hold.arrived() == 1);

		CountDownLatch done = new CountDownLatch(threads);
		List<Thread> recorders = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			String tag = "thread:" + t;
			int first = (t == 0) ? 1 : 0;
			Thread recorder = new Thread(() -> {
				for (int i = first; i < perThread; i++) {
					stats.increment("app.hits", 1, Instant.ofEpochSecond(start + (i % 120)), tag);
				}
				done.countDown();
			});
			recorder.start();
			recorders.add(recorder);
		}
		int flushesDuringOutage = 0;
		while (done.getCount() > 0 || flushesDuringOutage == 0) {
			stats.flush();
			flushesDuringOutage++;
		}
		for (Thread recorder : recorders) {
			recorder.join();
		}
		// Every recording thread recorded all its points and returned, and the flushes
		// were handed over, while the intake still held the first request unanswered.
		DeliveryStatistics during = this.submitter.statistics();
		assertThat(during.requests()).as("no answer yet: the intake holds the first request until it is released below")
			.isZero();
		assertThat(during.flushes()).isEqualTo(1 + flushesDuringOutage);

		hold.release();
		// Flushes are delivered in order: once the last one is recorded, so are all
		// before it.
		this.submitter.flushRecord(stats.flush()).join();
		DeliveryStatistics failing = this.submitter.statistics();
		assertThat(failing.itemsDelivered()).isZero();
		assertThat(failing.failingSince()).isNotNull();
		assertThat(failing.bufferedItems()).isPositive();

		this.intake.recover();
		stats.close();

		DeliveryStatistics after = this.submitter.statistics();
		assertThat(after.dropped()).isEmpty();
		assertThat(after.bufferedPayloads()).isZero();
		// what Datadog holds: the last point per series and timestamp (a bucket that got
		// points after it was sent goes out again, merged)
		Map<String, Double> stored = new HashMap<>();
		for (FakeIntake.Received received : this.intake.accepted(FakeIntake.SERIES_V2)) {
			Matcher matcher = COUNT_BY_THREAD.matcher(received.json());
			while (matcher.find()) {
				stored.put(matcher.group(3) + "@" + matcher.group(1), Double.parseDouble(matcher.group(2)));
			}
		}
		double[] sums = new double[threads];
		stored.forEach((key, value) -> sums[Integer.parseInt(key.substring(0, key.indexOf('@')))] += value);
		assertThat(sums).containsOnly(perThread);
	}

	/**
	 * An instance on this test's submitter that flushes only when the test says, counting
	 * (not rating) counters, with no host.
	 */
	private ThreadStatsBuilder flushedByTheTest() {
		return ThreadStats.builder()
			.submitter(this.submitter)
			.environment((name) -> null)
			.autoFlush(false)
			.noHost()
			.counterType(CounterType.COUNT);
	}

}
