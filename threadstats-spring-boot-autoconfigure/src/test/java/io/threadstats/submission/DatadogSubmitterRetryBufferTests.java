package io.threadstats.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import io.threadstats.snapshot.FlushSnapshot;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The retry buffer through outages: what is kept, what is evicted, and what happens on close. */
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
		// Each flush needs three payloads (10,000 points each at most): later ones must not be abandoned.
		for (int f = 0; f < flushes; f++) {
			FlushRecord flushRecord = submit(TestSubmitters.numberedGauges("app.queue", f * perFlush, perFlush));
			assertThat(flushRecord.outcome()).isEqualTo(FlushOutcome.RETRYING);
			assertThat(flushRecord.parked()).isEqualTo(perFlush);
			assertThat(flushRecord.payloads()).isEqualTo(3);
		}
		DeliveryStatistics during = this.submitter.statistics();
		assertThat(during.failingSince()).isNotNull();
		assertThat(during.bufferedItems()).isEqualTo((long) perFlush * flushes);
		assertThat(during.bufferedPayloads()).isEqualTo(3 * flushes);
		assertThat(during.oldestBufferedAt()).isNotNull();

		this.intake.recover();
		// Sent at once, or parked until the backoff ends: either way it arrives.
		submit(TestSubmitters.numberedGauges("app.queue", flushes * perFlush, perFlush));
		int total = perFlush * (flushes + 1);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.submitter.statistics().itemsDelivered() == total);
		DeliveryStatistics after = this.submitter.statistics();
		assertThat(after.bufferedPayloads()).isZero();
		assertThat(after.dropped()).isEmpty();
		assertThat(after.failingSince()).isNull();
		assertThat(after.retries()).isGreaterThanOrEqualTo(3L * flushes);
		assertThat(acceptedCounts(total)).containsOnly(1);
	}

	@Test
	void fullBufferDropsTheOldestPayloadsFirst() {
		// Ids 10 to 34: every five-point payload has the same size; the buffer has room for two and a half.
		long payloadBytes = dryRunPayloadBytes(TestSubmitters.numberedGauges("app.queue", 10, 5));
		this.intake.fault(FakeIntake.SERIES_V2, aResponse().withStatus(500));
		DeliverySettings settings = withBuffer(TestSubmitters.settings(this.intake), payloadBytes * 5 / 2);
		RetryPolicy slow = new RetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1));
		this.submitter = DatadogSubmitter.create(settings, slow, java.time.Clock.systemUTC());
		List<FlushRecord> records = new ArrayList<>();
		for (int f = 0; f < 5; f++) {
			records.add(submit(TestSubmitters.numberedGauges("app.queue", 10 + f * 5, 5)));
		}
		DeliveryStatistics full = this.submitter.statistics();
		assertThat(full.bufferedBytes()).isEqualTo(2 * payloadBytes);
		assertThat(full.bufferedItems()).isEqualTo(10);
		assertThat(full.dropped()).containsExactly(Map.entry(DropReason.RETRY_BUFFER_FULL, 15L));
		assertThat(records.get(4).outcome()).as("the newest flush evicted an older one")
			.isEqualTo(FlushOutcome.DROPPED);
		assertThat(this.logs.at(Level.WARN)).anySatisfy((line) -> assertThat(line).contains("retry buffer full"));

		this.intake.recover();
		this.submitter.close(Duration.ofSeconds(10));
		int[] counts = acceptedCounts(35);
		for (int i = 10; i < 35; i++) {
			assertThat(counts[i]).as("series %d", i).isEqualTo((i >= 25) ? 1 : 0);
		}
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
		FlushRecord flushRecord = submit(TestSubmitters.seriesSnapshot(
				List.of(TestSubmitters.gauge("app.aging", now - 50 * 60, 1), TestSubmitters.gauge("app.fresh", now, 2))));
		assertThat(flushRecord.parked()).isEqualTo(2);

		// The delivery clock decides when the backoff ends: nothing is retried until it moves.
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
		// Backoff alone would wait an hour: close() gives parked payloads an immediate attempt.
		RetryPolicy slow = new RetryPolicy(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1));
		this.submitter = DatadogSubmitter.create(TestSubmitters.settings(this.intake), slow,
				java.time.Clock.systemUTC());
		assertThat(submit(TestSubmitters.numberedGauges("app.queue", 0, 5)).outcome())
			.isEqualTo(FlushOutcome.RETRYING);
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
		DeliveryStatistics statistics = this.submitter.statistics();
		assertThat(statistics.dropped()).containsExactly(Map.entry(DropReason.SHUTDOWN, 5L));
		assertThat(statistics.bufferedPayloads()).isZero();
		assertThat(this.logs.at(Level.WARN)).anySatisfy((line) -> assertThat(line)
			.contains("5 items (1 parked payloads) could not be delivered", "drain timeout", "HTTP 503: maintenance"));

		FlushSnapshot late = TestSubmitters.numberedGauges("app.queue", 5, 3);
		assertThat(this.submitter.submit(late)).succeedsWithin(Duration.ofSeconds(1));
		assertThat(this.submitter.flushRecord(late).join().dropped())
			.containsExactly(Map.entry(DropReason.SHUTDOWN, 3L));
	}

}
