package io.threadstats.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.threadstats.ThreadStats;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.context.support.GenericApplicationContext;

import static io.threadstats.autoconfigure.ThreadStatsContexts.mockThreadStats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * When the context closes, the flusher's wait for a tick in progress and the close share
 * the shutdown timeout.
 */
class ThreadStatsFlusherShutdownTests {

	@Test
	void closeGetsWhatTheWaitForATickInProgressLeft() throws Exception {
		ThreadStats stats = mockThreadStats();
		CountDownLatch tickInProgress = new CountDownLatch(1);
		CountDownLatch finishTick = new CountDownLatch(1);
		doAnswer((invocation) -> {
			tickInProgress.countDown();
			finishTick.await(10, TimeUnit.SECONDS);
			return null;
		}).when(stats).backgroundFlush();
		GenericApplicationContext context = new GenericApplicationContext();
		context.refresh();
		context.close();
		ThreadStatsFlusher flusher = new ThreadStatsFlusher(stats, Duration.ofMillis(10), Duration.ofSeconds(5),
				context);
		flusher.start();
		assertThat(tickInProgress.await(10, TimeUnit.SECONDS)).isTrue();

		Thread stopping = new Thread(flusher::stop);
		stopping.start();
		// stop waits for the tick in progress, which goes on for at least 300 ms more
		await().atMost(Duration.ofSeconds(10)).until(() -> stopping.getState() == Thread.State.TIMED_WAITING);
		Thread.sleep(300);
		finishTick.countDown();
		stopping.join(10_000);

		ArgumentCaptor<Duration> timeout = ArgumentCaptor.forClass(Duration.class);
		verify(stats).close(timeout.capture());
		verify(stats, never()).close();
		assertThat(timeout.getValue()).isLessThanOrEqualTo(Duration.ofSeconds(5).minusMillis(300));
	}

	@Test
	void stoppingARunningContextOnlyPausesTheTicks() {
		ThreadStats stats = mockThreadStats();
		GenericApplicationContext context = new GenericApplicationContext();
		context.refresh();
		ThreadStatsFlusher flusher = new ThreadStatsFlusher(stats, Duration.ofHours(1), Duration.ofSeconds(5), context);
		flusher.start();
		flusher.stop();
		verify(stats, never()).close(any(Duration.class));
		context.close();
	}

}
