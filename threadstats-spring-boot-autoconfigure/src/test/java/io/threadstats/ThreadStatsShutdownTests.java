package io.threadstats;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.submission.Submitter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ThreadStats#close(Duration)}: one deadline for the flush in progress, the final
 * flush and the drain.
 */
class ThreadStatsShutdownTests {

	@Test
	void theDrainGetsWhatAFlushInProgressLeftOfTheTimeout() throws Exception {
		assertThat(drainAfterClosingDuringAFlushThatLastsAnother300Ms(Duration.ofSeconds(5)))
			.isLessThanOrEqualTo(Duration.ofSeconds(5).minusMillis(300))
			// and not nothing: a generous floor, since the flush may hold the close
			// longer on a busy machine
			.isGreaterThan(Duration.ofSeconds(1));
	}

	@Test
	void aTimeoutUsedUpByAFlushInProgressLeavesTheDrainNothing() throws Exception {
		assertThat(drainAfterClosingDuringAFlushThatLastsAnother300Ms(Duration.ofMillis(100))).isZero();
	}

	/**
	 * Closes while a flush is in progress, which goes on for at least 300 ms after close
	 * started waiting.
	 */
	private static Duration drainAfterClosingDuringAFlushThatLastsAnother300Ms(Duration timeout) throws Exception {
		FirstSubmitHeldOpen submitter = new FirstSubmitHeldOpen();
		ThreadStats stats = ThreadStats.builder()
			.submitter(submitter)
			.autoFlush(false)
			.noHost()
			.environment((name) -> null)
			.build();
		Thread flushing = new Thread(stats::flush);
		flushing.start();
		assertThat(submitter.inProgress.await(10, TimeUnit.SECONDS)).isTrue();
		Thread closing = new Thread(() -> stats.close(timeout));
		closing.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> closing.getState() == Thread.State.WAITING);
		Thread.sleep(300);
		submitter.finish.countDown();
		closing.join(10_000);
		flushing.join(10_000);
		assertThat(submitter.drains).hasSize(1);
		return submitter.drains.get(0);
	}

	/**
	 * A submitter whose first submission takes until it is told to finish; records the
	 * drain timeouts.
	 */
	private static final class FirstSubmitHeldOpen implements Submitter {

		final CountDownLatch inProgress = new CountDownLatch(1);

		final CountDownLatch finish = new CountDownLatch(1);

		final List<Duration> drains = new CopyOnWriteArrayList<>();

		@Override
		public CompletableFuture<Void> submit(FlushSnapshot snapshot) {
			if (this.inProgress.getCount() > 0) {
				this.inProgress.countDown();
				try {
					this.finish.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void close(Duration timeout) {
			this.drains.add(timeout);
		}

	}

}
