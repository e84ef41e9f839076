package io.threadstats.demo.orders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import io.threadstats.ThreadStats;
import io.threadstats.api.CounterType;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.submission.Submitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replayed till orders land in the roll-up buckets of when they were taken, not of when
 * they were uploaded, and each upload covers only what the previous one did not.
 */
class TillReplayTests {

	private static final Instant START = Instant.parse("2026-01-01T12:00:00Z");

	private final MovableClock clock = new MovableClock(START);

	private final ThreadStats threadStats = ThreadStats.builder()
		.autoFlush(false)
		.rollUpInterval(Duration.ofSeconds(5))
		// counts rather than rates, so the points add up to the orders replayed
		.counterType(CounterType.COUNT)
		.clock(this.clock)
		.noHost()
		.submitter(new DiscardingSubmitter())
		.build();

	@AfterEach
	void close() {
		this.threadStats.close();
	}

	@Test
	void eachUploadRecordsItsOrdersAtTheTimesTheyWereTakenAndNoWindowTwice() {
		TillReplay replay = new TillReplay(this.threadStats, Duration.ofSeconds(30), this.clock);
		this.clock.now = START.plusSeconds(75);
		int firstReplayed = replay.uploadBatch();
		List<SeriesPoint> first = tillOrders(this.threadStats.flush(this.clock.now));
		this.clock.now = START.plusSeconds(100);
		int secondReplayed = replay.uploadBatch();
		List<SeriesPoint> second = tillOrders(this.threadStats.flush(START.plusSeconds(120)));

		// the first upload covers the window before the replay started too: [START - 30
		// s, START + 60 s)
		assertThat(timestamps(first))
			.allSatisfy((timestamp) -> assertThat(timestamp).isBetween(START.minusSeconds(30).getEpochSecond(),
					START.plusSeconds(59).getEpochSecond()))
			.anySatisfy((timestamp) -> assertThat(timestamp).isLessThan(START.getEpochSecond()));
		// the second only what came after it: [START + 60 s, START + 90 s)
		assertThat(timestamps(second)).allSatisfy((timestamp) -> assertThat(timestamp)
			.isBetween(START.plusSeconds(60).getEpochSecond(), START.plusSeconds(89).getEpochSecond()));
		assertThat(timestamps(first)).doesNotContainAnyElementsOf(timestamps(second));
		// one upload, many buckets: each order went into the bucket of when it was taken
		assertThat(timestamps(first)).hasSizeGreaterThan(1);
		assertThat(total(first)).isEqualTo(firstReplayed).isPositive();
		assertThat(total(second)).isEqualTo(secondReplayed).isPositive();
	}

	private static List<SeriesPoint> tillOrders(FlushSnapshot flushed) {
		return flushed.series().stream().filter((point) -> point.metric().equals("demo.till.orders")).toList();
	}

	private static Set<Long> timestamps(List<SeriesPoint> points) {
		return points.stream().map(SeriesPoint::timestamp).collect(Collectors.toSet());
	}

	private static double total(List<SeriesPoint> points) {
		return points.stream().mapToDouble(SeriesPoint::value).sum();
	}

	private static final class MovableClock extends Clock {

		private Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

	private static final class DiscardingSubmitter implements Submitter {

		@Override
		public CompletableFuture<Void> submit(FlushSnapshot snapshot) {
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void close(Duration timeout) {
		}

	}

}
