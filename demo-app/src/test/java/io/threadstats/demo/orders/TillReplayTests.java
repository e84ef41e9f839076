package io.threadstats.demo.orders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.threadstats.ThreadStats;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.submission.Submitter;

import static org.assertj.core.api.Assertions.assertThat;

/** Replayed till orders land in the roll-up buckets of when they were taken, not of when they were uploaded. */
class TillReplayTests {

	private static final Instant START = Instant.parse("2026-01-01T12:00:00Z");

	private final MovableClock clock = new MovableClock(START);

	private final ThreadStats threadStats = ThreadStats.builder()
		.autoFlush(false)
		.rollUpInterval(Duration.ofSeconds(5))
		.clock(this.clock)
		.noHost()
		.submitter(new DiscardingSubmitter())
		.build();

	@AfterEach
	void close() {
		this.threadStats.close();
	}

	@Test
	void uploadRecordsEachOrderAtTheTimeItWasTakenAndCoversEachWindowOnce() {
		TillReplay replay = new TillReplay(this.threadStats, Duration.ofSeconds(30), this.clock);
		this.clock.now = START.plusSeconds(75);
		replay.uploadBatch();
		this.clock.now = START.plusSeconds(100);
		replay.uploadBatch();
		List<SeriesPoint> orders = this.threadStats.flush(START.plusSeconds(120))
			.series()
			.stream()
			.filter((point) -> point.metric().equals("demo.till.orders"))
			.toList();
		assertThat(orders).isNotEmpty();
		// both uploads together cover [START, START + 90 s): the second added nothing past its window
		assertThat(orders).allSatisfy((point) -> assertThat(point.timestamp())
			.isBetween(START.getEpochSecond(), START.plusSeconds(85).getEpochSecond()));
		assertThat(orders.stream().map(SeriesPoint::timestamp).distinct().count()).isGreaterThan(1);
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
