package io.threadstats.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import io.threadstats.MutableClock;
import io.threadstats.snapshot.CheckStatus;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.MetricType;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.snapshot.ServiceCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Size-aware batching and the time window: what reaches the intake is always something it
 * keeps.
 */
class DatadogSubmitterBatchingTests extends FakeIntakeTestSupport {

	private static final Pattern SERIES_ID = Pattern.compile("\"i:(\\d+)\"");

	@ParameterizedTest
	@CsvSource({ "V2, ZSTD1, /api/v2/series, 512000, 5242880, 10000, 512000, 5242880",
			"V2, DEFLATE, /api/v2/series, 512000, 5242880, 10000, 512000, 5242880",
			"V2, NONE, /api/v2/series, 512000, 5242880, 10000, 512000, 5242880",
			"V2, GZIP, /api/v2/series, 512000, 5242880, 10000, 512000, 5242880",
			"V1, GZIP, /api/v1/series, 3200000, 62914560, 100000, 2621440, 4194304" })
	void hundredThousandSeriesAreSplitIntoPayloadsWithinTheLimits(SeriesApi api, Compression compression, String path,
			long maxCompressed, long maxRaw, int maxPoints, long usedCompressed, long usedRaw) {
		int count = 100_000;
		Random random = new Random(42);
		long now = TestSubmitters.now();
		List<SeriesPoint> series = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			// Random tags compress poorly, so the compressed limit is the one that binds.
			series.add(new SeriesPoint("app.requests.by_client", MetricType.RATE, now, random.nextDouble(), 10, "web-1",
					null,
					List.of("i:" + i,
							"client:" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()),
							"env:prod")));
		}
		this.submitter = DatadogSubmitter.create(TestSubmitters.settings(this.intake.url(), api, compression));
		FlushRecord flushRecord = submit(TestSubmitters.seriesSnapshot(series));

		assertThat(flushRecord.outcome()).isEqualTo(FlushOutcome.DELIVERED);
		assertThat(flushRecord.delivered()).isEqualTo(count);
		List<FakeIntake.Received> received = this.intake.received(path);
		assertThat(received).hasSize(flushRecord.requests()).hasSizeGreaterThan(1);
		assertThat(flushRecord.responses()).containsExactly(Map.entry(202, received.size()));
		BitSet seen = new BitSet(count);
		for (int r = 0; r < received.size(); r++) {
			FakeIntake.Received request = received.get(r);
			byte[] raw = request.rawBody();
			int points = 0;
			Matcher ids = SERIES_ID.matcher(request.json());
			while (ids.find()) {
				int id = Integer.parseInt(ids.group(1));
				assertThat(seen.get(id)).as("series %d sent once", id).isFalse();
				seen.set(id);
				points++;
			}
			assertThat(request.sentBytes()).isLessThanOrEqualTo(maxCompressed);
			assertThat((long) raw.length).isLessThanOrEqualTo(maxRaw);
			assertThat(points).isLessThanOrEqualTo(maxPoints);
			if (r < received.size() - 1) {
				// Every payload but the last is filled to at least half of a limit, not
				// split needlessly
				// (v1 uses the Agent's limits, below the documented ones).
				assertThat(request.sentBytes() > usedCompressed / 2 || raw.length > usedRaw / 2 || points == maxPoints)
					.as("payload %d is well filled", r)
					.isTrue();
			}
		}
		assertThat(seen.cardinality()).isEqualTo(count);
		assertThat(this.submitter.statistics().dropped()).isEmpty();
	}

	@Test
	void itemTooBigForAnEmptyPayloadIsDroppedAndTheRestDelivered() {
		Random random = new Random(7);
		List<String> tags = new ArrayList<>();
		for (int i = 0; i < 4_000; i++) {
			tags.add("t" + i + ":" + Long.toHexString(random.nextLong()).repeat(10));
		}
		long now = TestSubmitters.now();
		SeriesPoint huge = new SeriesPoint("app.huge", MetricType.GAUGE, now, 1, 10, null, null, tags);
		this.submitter = DatadogSubmitter
			.create(TestSubmitters.settings(this.intake.url(), SeriesApi.V2, Compression.NONE));
		FlushRecord flushRecord = submit(TestSubmitters.seriesSnapshot(
				List.of(TestSubmitters.gauge("app.small", now, 1), huge, TestSubmitters.gauge("app.small2", now, 2))));
		assertThat(flushRecord.dropped()).containsExactly(Map.entry(DropReason.TOO_BIG, 1L));
		assertThat(flushRecord.delivered()).isEqualTo(2);
		assertThat(this.intake.received(FakeIntake.SERIES_V2)).singleElement()
			.extracting(FakeIntake.Received::json)
			.asString()
			.contains("app.small", "app.small2")
			.doesNotContain("app.huge");
		assertThat(this.logs.at(Level.WARN)).singleElement().asString().contains("TOO_BIG=1");
	}

	@Test
	void pointsOutsideDatadogsWindowAreDroppedBeforeSending() {
		long now = TestSubmitters.now();
		FlushSnapshot snapshot = new FlushSnapshot(Instant.now(),
				List.of(TestSubmitters.gauge("app.two_hours_old", now - 7_200, 1),
						TestSubmitters.gauge("app.59_minutes_old", now - 59 * 60, 2),
						TestSubmitters
							.gauge("app.20_minutes_ahead", now + 20 * 60, 3),
						TestSubmitters.gauge("app.now", now, 4)),
				List.of(),
				List.of(Event.builder("old event", "Datadog answers 400 for it, so it is not filtered")
					.dateHappened(Instant.ofEpochSecond(now - 7_200))
					.build()),
				List.of(ServiceCheck.builder("app.stale", CheckStatus.OK)
					.timestamp(Instant.ofEpochSecond(now - 660))
					.build(),
						ServiceCheck.builder("app.fresh", CheckStatus.OK)
							.timestamp(Instant.ofEpochSecond(now - 60))
							.build()));
		this.submitter = DatadogSubmitter.create(TestSubmitters.settings(this.intake));
		FlushRecord flushRecord = submit(snapshot);

		assertThat(flushRecord.dropped()).containsExactly(Map.entry(DropReason.OUT_OF_WINDOW, 3L));
		assertThat(flushRecord.delivered()).isEqualTo(4);
		assertThat(this.intake.received(FakeIntake.SERIES_V2)).singleElement()
			.extracting(FakeIntake.Received::json)
			.asString()
			.contains("app.59_minutes_old", "app.now")
			.doesNotContain("two_hours_old", "20_minutes_ahead");
		assertThat(this.intake.received(FakeIntake.CHECK_RUN)).singleElement()
			.extracting(FakeIntake.Received::json)
			.asString()
			.contains("app.fresh")
			.doesNotContain("app.stale");
		assertThat(this.intake.received(FakeIntake.EVENTS)).hasSize(1);
		assertThat(this.submitter.statistics().dropped(DropReason.OUT_OF_WINDOW)).isEqualTo(3);
		assertThat(this.logs.at(Level.WARN)).singleElement().asString().contains("OUT_OF_WINDOW=3");
	}

	@Test
	void eachPayloadIsCheckedAgainstTheWindowWhenItIsSentNotWhenTheFlushStarted() {
		MutableClock clock = new MutableClock(Instant.now());
		long now = clock.instant().getEpochSecond();
		// 10,001 points 59 minutes old: two payloads, the second sent only once the first
		// was answered.
		List<SeriesPoint> series = new ArrayList<>();
		for (int i = 0; i < 10_001; i++) {
			series.add(TestSubmitters.gauge("app.queue", now - 59 * 60, i, "i:" + i));
		}
		FakeIntake.Hold hold = this.intake.hold(FakeIntake.SERIES_V2, aResponse().withStatus(202));
		this.submitter = DatadogSubmitter.create(TestSubmitters.settings(this.intake), TestSubmitters.FAST_RETRIES,
				clock);
		FlushSnapshot snapshot = TestSubmitters.seriesSnapshot(series);
		this.submitter.submit(snapshot);
		await().atMost(Duration.ofSeconds(10)).until(() -> hold.arrived() == 1);
		// the first request takes two minutes: the second payload's points are now over
		// an hour old
		clock.advance(Duration.ofMinutes(2));
		hold.release();

		FlushRecord flushRecord = this.submitter.flushRecord(snapshot).join();
		assertThat(flushRecord.delivered()).isEqualTo(10_000);
		assertThat(flushRecord.dropped()).containsExactly(Map.entry(DropReason.OUT_OF_WINDOW, 1L));
		assertThat(this.intake.received(FakeIntake.SERIES_V2)).hasSize(1);
	}

	@Test
	void everythingOutOfWindowSendsNothing() {
		this.submitter = DatadogSubmitter.create(TestSubmitters.settings(this.intake));
		FlushRecord flushRecord = submit(TestSubmitters
			.seriesSnapshot(List.of(TestSubmitters.gauge("app.old", TestSubmitters.now() - 7_200, 1))));
		assertThat(flushRecord.requests()).isZero();
		assertThat(flushRecord.outcome()).isEqualTo(FlushOutcome.DROPPED);
		assertThat(this.intake.requestCount()).isZero();
	}

}
