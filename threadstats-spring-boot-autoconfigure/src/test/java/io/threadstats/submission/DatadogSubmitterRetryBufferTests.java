package io.threadstats.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import io.threadstats.MutableClock;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.FlushSnapshot;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The retry buffer through outages: what is kept, what is evicted, and what happens on
 * close.
 */
class DatadogSubmitterRetryBufferTests extends FakeIntakeTestSupport {

	private static final Pattern SERIES_ID = Pattern.compile("\"i:(\\d+)\"");

	private static DeliverySettings withBuffer(DeliverySettings settings, long retryBufferBytes) {
		return new DeliverySettings(settings.apiKey(), null, settings.apiUrl(), settings.seriesApi(),
				settings.compression(), settings.connectTimeout(), settings.responseTimeout(), retryBufferBytes,
				settings.drainTimeout());
	}

	/** How many times each series id was accepted by the intake. */
	private int[] acceptedCounts(int ids) {
		int[] counts = new int[ids];
		for (FakeIntake.Received received : this.intake.accepted(FakeIntake.SERIES_V2)) {
			Matcher matcher = SERIES_ID.matcher(received.json());
			while (matcher.find()) {
				counts[Integer.parseInt(matcher.group(1))]++;
			}
		}
		return counts;
	}

	@Test
	void outageThenRecoveryDeliversEveryPointExactlyOnce() {
		this.intake.fault(FakeIntake.SERIES_V2, aResponse().withStatus(503).withBody("upstream unavailable"));
		this.submitter = TestSubmitters.fastRetrying(TestSubmitters.settings(this.intake));
		int perFlush = 25_000;
		int flushes = 4;
		// Each flush needs three payloads (10,000 points each at most): later ones must
		// not be abandoned.
		for (int f = 0; f < flushes; f++) {
			FlushRecord flushRecord = submit(TestSubmitters.numberedGauges("app.queue", f * perFlush, perFlush));
			assertThat(flushRecord.outcome()).isEqualTo(FlushOutcome.RETRYING);
			assertThat(flushRecord.parked()).isEqualTo(perFlush);
			assertThat(flushRecord.payloads()).isEqualTo(3);
		}
		// A retry holds its payload out of the buffer until the 503 comes back (a tenth
		// of the time here): between retries, every point shows as buffered.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			DeliveryStatistics during = this.submitter.statistics();
			assertThat(during.failingSince()).isNotNull();
			assertThat(during.bufferedItems()).isEqualTo((long) perFlush * flushes);
			assertThat(during.bufferedPayloads()).isEqualTo(3 * flushes);
			assertThat(during.oldestBufferedAt()).isNotNull();
		});

		this.intake.recover();
		// Sent at once, or parked until the backoff ends: either way it arrives.
		submit(TestSubmitters.numberedGauges("app.queue", flushes * perFlush, perFlush));
		int total = perFlush * (flushes + 1);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.submitter.statistics().itemsDelivered() == total);
		DeliveryStatistics after = this.submitter.statistics();
		assertThat(after.bufferedPayloads()).isZero();
		assertThat(after.dropped()).isEmpty();
		assertThat(after.failingSince()).isNull();
		assertThat(after.retries()).isGreaterThanOrEqualTo(3L * flushes);
		assertThat(acceptedCounts(total)).containsOnly(1);
	}

	@Test
	void fullBufferDropsTheOldestPayloadsFirst() {
		// Ids 10 to 34: every five-point payload has the same size; the buffer has room
		// for two and a half.
		long payloadBytes = dryRunPayloadBytes(TestSubmitters.numberedGauges("app.queue", 10, 5));
		failingWithABufferOf(payloadBytes * 5 / 2, 500);
		List<FlushRecord> records = new ArrayList<>();
		for (int f = 0; f < 5; f++) {
			records.add(submit(TestSubmitters.numberedGauges("app.queue", 10 + f * 5, 5)));
		}
		DeliveryStatistics full = this.submitter.statistics();
		assertThat(full.bufferedBytes()).isEqualTo(2 * payloadBytes);
		assertThat(full.bufferedItems()).isEqualTo(10);
		assertThat(full.dropped()).containsExactly(Map.entry(DropReason.RETRY_BUFFER_FULL, 15L));
		// Each record tells what happened to its own items while it was delivered: each
		// parked its five; that later flushes evicted them shows in the totals, not as
		// the later flushes' drops.
		assertThat(records).allSatisfy((flushRecord) -> {
			assertThat(flushRecord.outcome()).isEqualTo(FlushOutcome.RETRYING);
			assertThat(flushRecord.parked()).isEqualTo(5);
			assertThat(flushRecord.dropped()).isEmpty();
			assertEachItemAccountedOnce(flushRecord);
		});
		assertThat(this.logs.at(Level.WARN)).anySatisfy((line) -> assertThat(line).contains("retry buffer full"));

		this.intake.recover();
		this.submitter.close(Duration.ofSeconds(10));
		int[] counts = acceptedCounts(35);
		for (int i = 10; i < 35; i++) {
			assertThat(counts[i]).as("series %d", i).isEqualTo((i >= 25) ? 1 : 0);
		}
	}

	@Test
	void flushBiggerThanTheBufferCountsItsOwnEvictedItemsOnceAsDropped() {
		// Three payloads of 10,000 points (and one of 2,000); the buffer holds about two
		// of them.
		long payloadBytes = dryRunPayloadBytes(TestSubmitters.numberedGauges("app.queue", 10_000, 10_000));
		failingWithABufferOf(payloadBytes * 5 / 2, 503);
		FlushRecord flushRecord = submit(TestSubmitters.numberedGauges("app.queue", 10_000, 32_000));

		assertThat(flushRecord.payloads()).isEqualTo(4);
		assertEachItemAccountedOnce(flushRecord);
		DeliveryStatistics statistics = this.submitter.statistics();
		assertThat(flushRecord.parked()).isEqualTo(statistics.bufferedItems());
		assertThat(flushRecord.dropped())
			.containsExactly(Map.entry(DropReason.RETRY_BUFFER_FULL, 32_000 - statistics.bufferedItems()));
		assertThat(statistics.dropped()).isEqualTo(flushRecord.dropped());
		assertThat(flushRecord.outcome()).isEqualTo(FlushOutcome.DROPPED);
	}

	/**
	 * The series endpoint answers {@code status}; retries wait a minute; the buffer holds
	 * {@code bytes}.
	 */
	private void failingWithABufferOf(long bytes, int status) {
		this.intake.fault(FakeIntake.SERIES_V2, aResponse().withStatus(status));
		RetryPolicy slow = new RetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1));
		this.submitter = DatadogSubmitter.create(withBuffer(TestSubmitters.settings(this.intake), bytes), slow,
				java.time.Clock.systemUTC());
	}

	private static void assertEachItemAccountedOnce(FlushRecord flushRecord) {
		assertThat(flushRecord.delivered() + flushRecord.parked() + flushRecord.droppedTotal())
			.as("delivered + parked + dropped of %s", flushRecord)
			.isEqualTo(flushRecord.items());
	}

	@Test
	void aPayloadThatFailsAgainKeepsItsPlaceBehindOlderOnesAndTheOldestAgeIsRight() {
		MutableClock clock = new MutableClock(Instant.now());
		// Events are told to wait an hour, series only the short backoff.
		this.intake.fault(FakeIntake.EVENTS, aResponse().withStatus(503).withHeader("Retry-After", "3600"));
		this.intake.fault(FakeIntake.SERIES_V2, aResponse().withStatus(500));
		RetryPolicy policy = new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofHours(1));
		this.submitter = DatadogSubmitter.create(TestSubmitters.settings(this.intake), policy, clock);
		Instant eventParkedAt = clock.instant();
		submit(new FlushSnapshot(Instant.now(), List.of(), List.of(), List.of(Event.builder("t", "x").build()),
				List.of()));
		clock.advance(Duration.ofSeconds(1));
		submit(TestSubmitters.numberedGauges("app.queue", 0, 5));

		// The series payload, younger but not backed off for long, is retried from behind
		// the event; it fails again and goes back to its place, behind the event.
		clock.advance(Duration.ofSeconds(1));
		// the retry counts when its answer comes, and parks its payload a moment later
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.submitter.statistics().retries() == 1
					&& this.submitter.statistics().bufferedPayloads() == 2);
		DeliveryStatistics statistics = this.submitter.statistics();
		assertThat(statistics.retries()).isEqualTo(1);
		assertThat(statistics.oldestBufferedAt()).isEqualTo(eventParkedAt);
		assertThat(statistics.oldestBufferedAge()).isEqualTo(Duration.ofSeconds(2));
	}

	private static long dryRunPayloadBytes(FlushSnapshot snapshot) {
		DeliverySettings settings = new DeliverySettings(null, null, null, SeriesApi.V2, Compression.DEFLATE,
				Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ZERO);
		DatadogSubmitter dryRun = DatadogSubmitter.create(settings);
		try {
			dryRun.submit(snapshot).join();
			return dryRun.statistics().rawBytesEncoded();
		}
		finally {
			dryRun.close(Duration.ZERO);
		}
	}

	@Test
	void pointsThatLeftTheWindowWhileWaitingAreDroppedBeforeTheRetry() {
		MutableClock clock = new MutableClock(Instant.now());
		long now = clock.instant().getEpochSecond();
		this.intake.fault(post500Once());
		this.submitter = DatadogSubmitter.create(TestSubmitters.settings(this.intake), TestSubmitters.FAST_RETRIES,
				clock);
		FlushRecord flushRecord = submit(TestSubmitters.seriesSnapshot(List
			.of(TestSubmitters.gauge("app.aging", now - 50 * 60, 1), TestSubmitters.gauge("app.fresh", now, 2))));
		assertThat(flushRecord.parked()).isEqualTo(2);

		// The delivery clock decides when the backoff ends: nothing is retried until it
		// moves.
		clock.advance(Duration.ofMinutes(20));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.submitter.statistics().itemsDelivered() == 1);
		DeliveryStatistics statistics = this.submitter.statistics();
		assertThat(statistics.dropped()).containsExactly(Map.entry(DropReason.OUT_OF_WINDOW, 1L));
		List<FakeIntake.Received> accepted = this.intake.accepted(FakeIntake.SERIES_V2);
		assertThat(accepted).singleElement()
			.extracting(FakeIntake.Received::json)
			.asString()
			.contains("app.fresh")
			.doesNotContain("app.aging");
	}

	private static com.github.tomakehurst.wiremock.client.MappingBuilder post500Once() {
		return com.github.tomakehurst.wiremock.client.WireMock
			.post(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(FakeIntake.SERIES_V2))
			.inScenario("once")
			.whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
			.willSetStateTo("answered")
			.willReturn(aResponse().withStatus(500));
	}

	@Test
	void closeDrainsWhatIsParked() {
		this.intake.fault(post500Once());
		// Backoff alone would wait an hour: close() gives parked payloads an immediate
		// attempt.
		RetryPolicy slow = new RetryPolicy(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1));
		this.submitter = DatadogSubmitter.create(TestSubmitters.settings(this.intake), slow,
				java.time.Clock.systemUTC());
		assertThat(submit(TestSubmitters.numberedGauges("app.queue", 0, 5)).outcome()).isEqualTo(FlushOutcome.RETRYING);
		this.submitter.close(Duration.ofSeconds(10));
		DeliveryStatistics statistics = this.submitter.statistics();
		assertThat(statistics.itemsDelivered()).isEqualTo(5);
		assertThat(statistics.bufferedPayloads()).isZero();
		assertThat(statistics.dropped()).isEmpty();
		assertThat(acceptedCounts(5)).containsOnly(1);
	}

	@Test
	void closeReportsWhatCouldNotBeSent() {
		this.intake.fault(FakeIntake.SERIES_V2, aResponse().withStatus(503).withBody("maintenance"));
		this.submitter = TestSubmitters.fastRetrying(TestSubmitters.settings(this.intake));
		submit(TestSubmitters.numberedGauges("app.queue", 0, 5));
		this.submitter.close(Duration.ofMillis(300));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.submitter.statistics().dropped(DropReason.SHUTDOWN) == 5);
		DeliveryStatistics statistics = this.submitter.statistics();
		assertThat(statistics.dropped()).containsExactly(Map.entry(DropReason.SHUTDOWN, 5L));
		assertThat(statistics.bufferedPayloads()).isZero();
		assertThat(this.logs.at(Level.WARN))
			.anySatisfy((line) -> assertThat(line).contains("5 items (1 parked payloads) could not be delivered",
					"shutdown timeout", "HTTP 503: maintenance"));

		FlushSnapshot late = TestSubmitters.numberedGauges("app.queue", 5, 3);
		assertThat(this.submitter.submit(late)).succeedsWithin(Duration.ofSeconds(1));
		assertThat(this.submitter.flushRecord(late).join().dropped())
			.containsExactly(Map.entry(DropReason.SHUTDOWN, 3L));
	}

	@Test
	void closeEndsWithinItsTimeoutWhileTheIntakeHoldsARequestAndCountsEverythingItHeld() {
		FakeIntake.Hold hold = this.intake.hold(FakeIntake.SERIES_V2, aResponse().withStatus(202));
		DeliverySettings settings = TestSubmitters.settings(this.intake);
		// a response timeout far longer than the shutdown timeout
		settings = new DeliverySettings(settings.apiKey(), null, settings.apiUrl(), SeriesApi.V2, Compression.DEFLATE,
				Duration.ofSeconds(2), Duration.ofSeconds(50), settings.retryBufferBytes(), settings.drainTimeout());
		this.submitter = TestSubmitters.fastRetrying(settings);
		FlushSnapshot inFlight = TestSubmitters.numberedGauges("app.queue", 0, 5);
		FlushSnapshot queued = TestSubmitters.numberedGauges("app.queue", 5, 3);
		this.submitter.submit(inFlight);
		this.submitter.submit(queued);
		await().atMost(Duration.ofSeconds(10)).until(() -> hold.arrived() == 1);

		this.submitter.close(Duration.ofMillis(500));
		await("the held request is answered (202) only after 60 s or as the intake closes after the test: all 8"
				+ " counted SHUTDOWN within 10 s means close did not wait for it")
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.submitter.statistics().dropped(DropReason.SHUTDOWN) == 8);
		DeliveryStatistics statistics = this.submitter.statistics();
		assertThat(statistics.dropped()).containsExactly(Map.entry(DropReason.SHUTDOWN, 8L));
		assertThat(statistics.itemsDelivered()).isZero();
		assertThat(statistics.requests()).as("the wait abandoned at shutdown is no answer of the intake").isZero();
		assertThat(statistics.bufferedPayloads()).isZero();
		assertThat(this.submitter.flushRecord(queued).join().dropped())
			.containsExactly(Map.entry(DropReason.SHUTDOWN, 3L));
		FlushRecord interrupted = this.submitter.flushRecord(inFlight).join();
		assertThat(interrupted.parked() + interrupted.droppedTotal()).isEqualTo(5);
		assertThat(this.logs.at(Level.WARN))
			.anySatisfy((line) -> assertThat(line).contains("8 items", "could not be delivered", "SHUTDOWN"));
	}

}
