package io.threadstats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.threadstats.api.RejectReason;
import io.threadstats.snapshot.CheckStatus;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.submission.Submitter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flushing on demand, closing, and the background flush thread: what reaches the
 * submitter, and when.
 */
class ThreadStatsFlushingTests extends ThreadStatsTestSupport {

	@Test
	void flushHandsTheSnapshotToTheSubmitterAndReturnsIt() {
		this.stats = builder().build();
		this.stats.increment("hits");
		this.stats.serviceCheck("db.up", CheckStatus.OK, "db:main");

		FlushSnapshot early = this.stats.flush();
		this.clock.set("2026-01-01T10:00:10Z");
		FlushSnapshot onBoundary = this.stats.flush();

		assertThat(early.series()).isEmpty();
		assertThat(early.serviceChecks()).singleElement().satisfies((check) -> {
			assertThat(check.tags()).containsExactly("db:main");
			assertThat(check.host()).isEqualTo("web-1");
		});
		assertThat(onBoundary.series()).hasSize(1);
		assertThat(this.submitter.snapshots()).containsExactly(early, onBoundary);
	}

	@Test
	void flushWithCutoffIsTheOriginalsFlushTimestamp() {
		this.stats = builder().build();
		this.stats.increment("hits", 1, Instant.parse("2026-01-01T09:59:50Z"));
		this.stats.increment("hits");

		FlushSnapshot snapshot = this.stats.flush(Instant.parse("2026-01-01T10:00:09.999Z"));

		assertThat(snapshot.series()).extracting(SeriesPoint::timestamp)
			.containsExactly(Instant.parse("2026-01-01T09:59:50Z").getEpochSecond());
	}

	@Test
	void closeFlushesEverythingClosesTheSubmitterOnceAndCountsLaterCalls() {
		this.stats = builder().build();
		this.stats.increment("current");
		this.stats.increment("future", 1, Instant.parse("2026-01-01T10:05:00Z"));

		this.stats.close();
		this.stats.close();
		this.stats.increment("late");
		this.stats.counter("late.handle").increment();
		this.stats.event(Event.builder("late", "event").build());

		assertThat(this.submitter.snapshots()).hasSize(1);
		assertThat(this.submitter.allSeries()).extracting(SeriesPoint::metric)
			.containsExactlyInAnyOrder("current", "future");
		assertThat(this.submitter.isClosed()).isTrue();
		assertThat(this.stats.statistics().rejected(RejectReason.CLOSED)).isEqualTo(3);
		assertThat(this.stats.flush().isEmpty()).isTrue();
	}

	@Test
	void backgroundThreadFlushesAndSurvivesAFailingSubmitter() {
		AtomicInteger calls = new AtomicInteger();
		Submitter failing = new Submitter() {

			@Override
			public CompletableFuture<Void> submit(FlushSnapshot snapshot) {
				calls.incrementAndGet();
				throw new IllegalStateException("intake down");
			}

			@Override
			public void close(Duration timeout) {
			}

		};
		this.stats = ThreadStats.builder().submitter(failing).flushInterval(Duration.ofMillis(20)).noHost().build();

		await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 3);

		assertThat(Thread.getAllStackTraces().keySet())
			.filteredOn((thread) -> thread.getName().equals("threadstats-flush"))
			.isNotEmpty()
			.allSatisfy((thread) -> assertThat(thread.isDaemon()).isTrue());
	}

	@Test
	void firstBackgroundFlushComesOneFlushIntervalAfterStartThenAtAFixedDelay() {
		Duration interval = Duration.ofMillis(300);
		Duration firstSubmitHeld = Duration.ofMillis(200);
		List<Long> submittedAt = new CopyOnWriteArrayList<>();
		Submitter timed = new Submitter() {

			@Override
			public CompletableFuture<Void> submit(FlushSnapshot snapshot) {
				submittedAt.add(System.nanoTime());
				if (submittedAt.size() == 1) {
					// holds the flush thread: a fixed delay counts from here on, a fixed
					// rate would not
					sleep(firstSubmitHeld);
				}
				return CompletableFuture.completedFuture(null);
			}

			@Override
			public void close(Duration timeout) {
			}

		};
		long beforeStart = System.nanoTime();
		this.stats = ThreadStats.builder().submitter(timed).flushInterval(interval).noHost().build();

		await().atMost(Duration.ofSeconds(10)).until(() -> submittedAt.size() >= 2);

		// lower bounds only, which cannot flake: the scheduler measures its delays on
		// System.nanoTime() too
		assertThat(submittedAt.get(0) - beforeStart).as("start to first flush")
			.isGreaterThanOrEqualTo(interval.toNanos());
		assertThat(submittedAt.get(1) - submittedAt.get(0)).as("first flush began to second flush")
			.isGreaterThanOrEqualTo(firstSubmitHeld.plus(interval).toNanos());
	}

	/**
	 * Holds the thread for at least the duration on System.nanoTime(), the clock the
	 * bound is read on.
	 */
	private static void sleep(Duration duration) {
		long until = System.nanoTime() + duration.toNanos();
		for (long left = duration.toNanos(); left > 0; left = until - System.nanoTime()) {
			try {
				TimeUnit.NANOSECONDS.sleep(left);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Test
	void backgroundTickIsSkippedAndCountedWhileTheLastSubmissionRuns() {
		AtomicInteger calls = new AtomicInteger();
		CompletableFuture<Void> pending = new CompletableFuture<>();
		Submitter slow = new Submitter() {

			@Override
			public CompletableFuture<Void> submit(FlushSnapshot snapshot) {
				calls.incrementAndGet();
				return pending;
			}

			@Override
			public void close(Duration timeout) {
			}

		};
		this.stats = ThreadStats.builder().submitter(slow).flushInterval(Duration.ofMillis(10)).noHost().build();

		await().atMost(Duration.ofSeconds(10)).until(() -> this.stats.statistics().skippedFlushes() >= 3);
		assertThat(calls.get()).isEqualTo(1);

		pending.complete(null);
		await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 2);
	}

	@Test
	void aTickPutOffWhileASubmissionRunsFlushesAsSoonAsThatSubmissionIsDone() {
		HeldSubmitter submitter = new HeldSubmitter();
		this.stats = ThreadStats.builder().submitter(submitter).flushInterval(Duration.ofHours(1)).noHost().build();
		this.stats.flush();
		// in a bucket long over: the next flush sends it
		this.stats.increment("put.off", 1, Instant.now().minusSeconds(60));

		this.stats.backgroundFlush();
		assertThat(this.stats.statistics().skippedFlushes()).isEqualTo(1);
		assertThat(submitter.submitted()).hasSize(1);
		submitter.completeFirst();

		// not at the next tick, an hour away
		await().atMost(Duration.ofSeconds(10)).until(() -> submitter.submitted().size() == 2);
		assertThat(submitter.submitted().get(1).series()).extracting(SeriesPoint::metric).containsExactly("put.off");
	}

	@Test
	void aDistributionHandOffPutOffWhileASubmissionRunsIsSignalledAgainOnceThatSubmissionIsDone() {
		HeldSubmitter submitter = new HeldSubmitter();
		// the test plays the flushing thread: it hands off when signalled
		this.stats = ThreadStats.builder()
			.submitter(submitter)
			.autoFlush(false)
			.distributionValuesPerPoint(100)
			.noHost()
			.build();
		AtomicInteger signals = new AtomicInteger();
		this.stats.onFullChunks(signals::incrementAndGet);
		// a chunk goes out full when the value after it arrives
		recordDistributionValues(101);
		assertThat(signals.get()).isEqualTo(1);
		this.stats.handOffFullChunks();
		recordDistributionValues(100);
		assertThat(signals.get()).isEqualTo(2);
		// put off: the first hand-off's submission is in flight
		this.stats.handOffFullChunks();
		assertThat(submitter.submitted()).hasSize(1);

		submitter.completeFirst();

		assertThat(signals.get()).as("signalled again, not left for the next flush").isEqualTo(3);
		this.stats.handOffFullChunks();
		assertThat(submitter.submitted()).hasSize(2);
		assertThat(submitter.submitted().get(1).distributions()).singleElement()
			.satisfies((point) -> assertThat(point.values()).hasSize(100));
	}

	private void recordDistributionValues(int count) {
		for (int i = 0; i < count; i++) {
			this.stats.distribution("hot", i);
		}
	}

}
