package io.threadstats.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.threadstats.HeldSubmitter;
import io.threadstats.ThreadStats;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.submission.DatadogSubmitter;
import io.threadstats.submission.InMemorySubmitter;
import io.threadstats.submission.Submitter;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.scheduling.ScheduledTasksEndpointAutoConfiguration;
import org.springframework.boot.actuate.scheduling.ScheduledTasksEndpoint;
import org.springframework.boot.actuate.scheduling.ScheduledTasksEndpoint.FixedDelayTaskDescriptor;
import org.springframework.boot.actuate.scheduling.ScheduledTasksEndpoint.ScheduledTasksDescriptor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

import static io.threadstats.autoconfigure.ThreadStatsContexts.NOW;
import static io.threadstats.autoconfigure.ThreadStatsContexts.assertDrainBounded;
import static io.threadstats.autoconfigure.ThreadStatsContexts.flushThreads;
import static io.threadstats.autoconfigure.ThreadStatsContexts.mockThreadStats;
import static io.threadstats.autoconfigure.ThreadStatsContexts.withLocalIntake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

/**
 * The flusher's thread and its place in the context's lifecycle: flushing on its own
 * thread, the final flush and drain at close, before the HTTP client stops, and living
 * beside the application's own scheduling.
 */
class ThreadStatsFlusherLifecycleTests {

	private final ApplicationContextRunner contextRunner = ThreadStatsContexts.CONTEXT_RUNNER;

	private final ApplicationContextRunner recordingRunner = ThreadStatsContexts.RECORDING_RUNNER;

	@Test
	void flusherRunsOnItsOwnNamedThreadThatStopsOnClose() {
		this.contextRunner.run((context) -> {
			List<Thread> threads = flushThreads();
			assertThat(threads).singleElement().extracting(Thread::getName).isEqualTo("threadstats-flush");
			context.close();
			threads.get(0).join(10_000);
			assertThat(threads.get(0).isAlive()).isFalse();
		});
	}

	@Test
	void closingTheContextFlushesEveryBucketAndDrainsDelivery() {
		this.recordingRunner.run((context) -> {
			ThreadStats stats = context.getBean(ThreadStats.class);
			InMemorySubmitter submitter = context.getBean(InMemorySubmitter.class);
			stats.gauge("in.progress", 1, NOW);
			context.close();
			assertThat(submitter.allSeries()).extracting(SeriesPoint::metric).containsExactly("in.progress");
			// the drain gets what the final flush left of the shutdown timeout
			assertDrainBounded(submitter, Duration.ofSeconds(10));
		});
	}

	@Test
	void finalFlushAndDrainHappenBeforeTheHttpClientResourcesStop() {
		this.recordingRunner.withBean(PhaseZeroProbe.class, PhaseZeroProbe::new).run((context) -> {
			InMemorySubmitter submitter = context.getBean(InMemorySubmitter.class);
			PhaseZeroProbe probe = context.getBean(PhaseZeroProbe.class);
			probe.check = () -> submitter.isClosed();
			context.close();
			assertThat(probe.checkedWhenStopped).isTrue();
		});
	}

	@Test
	void closingAPausedContextFlushesAndDrainsBeforeTheHttpClientResourcesStop() {
		this.recordingRunner.withBean(PhaseZeroProbe.class, PhaseZeroProbe::new).run((context) -> {
			ThreadStats stats = context.getBean(ThreadStats.class);
			InMemorySubmitter submitter = context.getBean(InMemorySubmitter.class);
			PhaseZeroProbe probe = context.getBean(PhaseZeroProbe.class);
			probe.check = () -> submitter.isClosed();
			// as the test framework pauses a cached context while another one runs
			context.pause();
			assertThat(context.getBean(ThreadStatsFlusher.class).isRunning()).isFalse();
			stats.gauge("while.paused", 1, NOW);
			context.close();
			assertThat(probe.checkedWhenStopped).isTrue();
			assertThat(submitter.allSeries()).extracting(SeriesPoint::metric).containsExactly("while.paused");
		});
	}

	@Test
	void aScheduledJobRunningWhenTheContextClosesHasWhatItRecordsInTheFinalFlush() {
		this.recordingRunner.withConfiguration(AutoConfigurations.of(TaskSchedulingAutoConfiguration.class))
			.withUserConfiguration(EnableSchedulingConfiguration.class, SlowJob.class)
			.run((context) -> {
				InMemorySubmitter submitter = context.getBean(InMemorySubmitter.class);
				SlowJob job = context.getBean(SlowJob.class);
				job.closed = submitter::isClosed;
				assertThat(job.running.await(10, TimeUnit.SECONDS)).as("the job started").isTrue();
				job.closing.countDown();
				context.close();
				// the application's scheduler waits for the job as it stops, before the
				// final flush
				assertThat(submitter.allSeries()).extracting(SeriesPoint::metric).containsExactly("job.done");
			});
	}

	@Test
	void aTickPutOffWhileASubmissionRunsFlushesOnTheFlushThreadOnceItIsDone() {
		HeldSubmitter submitter = new HeldSubmitter();
		this.contextRunner.withPropertyValues("threadstats.flush-interval=1h")
			.withBean(Submitter.class, () -> submitter)
			.run((context) -> {
				ThreadStats stats = context.getBean(ThreadStats.class);
				stats.flush();
				// in a bucket long over: the next flush sends it
				stats.increment("put.off", 1, Instant.now().minusSeconds(60));
				stats.backgroundFlush();
				assertThat(stats.statistics().skippedFlushes()).isEqualTo(1);

				submitter.completeFirst();

				// on the flusher's thread, not at its next tick an hour away
				await().atMost(Duration.ofSeconds(10)).until(() -> submitter.submitted().size() == 2);
				assertThat(submitter.submitted().get(1).series()).extracting(SeriesPoint::metric)
					.containsExactly("put.off");
				assertThat(submitter.threads().get(1)).isEqualTo(ThreadStatsFlusher.THREAD_NAME);
			});
	}

	@Test
	void finalFlushOnCloseReachesTheIntakeAndTheFlushThreadStops() {
		withLocalIntake((intake) -> {
			intake.stubFor(WireMock.post("/api/v2/series")
				.willReturn(WireMock.aResponse().withStatus(202).withBody("{\"errors\":[]}")));
			this.contextRunner
				.withPropertyValues("threadstats.api-key=test-key",
						"threadstats.api-url=http://127.0.0.1:" + intake.port(), "threadstats.compression=none",
						"threadstats.flush-interval=1h")
				.run((context) -> {
					assertThat(context).getBean(Submitter.class).isInstanceOf(DatadogSubmitter.class);
					Thread flushThread = flushThreads().get(0);
					context.getBean(ThreadStats.class).gauge("last.words", 42);
					intake.verify(0, WireMock.postRequestedFor(WireMock.anyUrl()));
					context.close();
					flushThread.join(10_000);
					assertThat(flushThread.isAlive()).isFalse();
					intake.verify(1,
							WireMock.postRequestedFor(WireMock.urlEqualTo("/api/v2/series"))
								.withHeader("DD-API-KEY", WireMock.equalTo("test-key"))
								.withRequestBody(WireMock.containing("\"last.words\"")));
				});
		});
	}

	@Test
	void stoppingWithoutClosingPausesTheFlusherAndStartResumesIt() {
		ThreadStats own = mockThreadStats();
		this.contextRunner.withBean(ThreadStats.class, () -> own).run((context) -> {
			ThreadStatsFlusher flusher = context.getBean(ThreadStatsFlusher.class);
			context.stop();
			assertThat(flusher.isRunning()).isFalse();
			assertThat(flushThreads()).allSatisfy((thread) -> thread.join(10_000));
			verify(own, never()).close();
			context.start();
			assertThat(flusher.isRunning()).isTrue();
			assertThat(flushThreads()).hasSize(1);
		});
	}

	@Test
	void flushTaskIsListedByTheScheduledTasksEndpoint() {
		this.contextRunner
			.withPropertyValues("threadstats.flush-interval=30s",
					"management.endpoints.web.exposure.include=scheduledtasks")
			.withConfiguration(AutoConfigurations.of(ScheduledTasksEndpointAutoConfiguration.class))
			.run((context) -> {
				ScheduledTasksDescriptor tasks = context.getBean(ScheduledTasksEndpoint.class).scheduledTasks();
				assertThat(tasks.getFixedDelay()).singleElement()
					.asInstanceOf(InstanceOfAssertFactories.type(FixedDelayTaskDescriptor.class))
					.satisfies((task) -> {
						assertThat(task.getRunnable().getTarget()).isEqualTo("threadstats flush every 30s");
						assertThat(task.getInterval()).isEqualTo(30_000);
					});
			});
	}

	@Test
	void applicationScheduledMethodsAreNotEnabledByUs() {
		this.contextRunner.withUserConfiguration(ScheduledMethodConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME);
			Map<String, ScheduledTaskHolder> holders = context.getBeansOfType(ScheduledTaskHolder.class);
			assertThat(holders).containsOnlyKeys("threadStatsFlusher");
		});
	}

	@Test
	void flusherRunsAlongsideTheApplicationsOwnScheduling() {
		ThreadStats own = mockThreadStats();
		this.contextRunner.withPropertyValues("threadstats.flush-interval=20ms")
			.withBean(ThreadStats.class, () -> own)
			.withUserConfiguration(ScheduledMethodConfiguration.class, EnableSchedulingConfiguration.class)
			.run((context) -> {
				verify(own, timeout(10_000).atLeast(2)).backgroundFlush();
				assertThat(flushThreads()).hasSize(1);
				assertThat(context).hasBean(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME);
			});
	}

	/**
	 * Stops in phase 0, with Reactor Netty's HTTP client resources, and notes what was
	 * already done then; like them, it runs on while the context is paused.
	 */
	static class PhaseZeroProbe implements SmartLifecycle {

		volatile BooleanSupplier check = () -> false;

		volatile boolean checkedWhenStopped;

		private volatile boolean running;

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.checkedWhenStopped = this.check.getAsBoolean();
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return 0;
		}

		@Override
		public boolean isPauseable() {
			return false;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ScheduledMethodConfiguration {

		@Scheduled(fixedDelay = 60_000)
		void everyMinute() {
		}

	}

	/**
	 * A {@code @Scheduled} job still running when the context closes: it records once the
	 * ThreadStats is closed, or after half a second, whichever comes first.
	 */
	static class SlowJob {

		final CountDownLatch running = new CountDownLatch(1);

		final CountDownLatch closing = new CountDownLatch(1);

		volatile BooleanSupplier closed = () -> false;

		private final ThreadStats threadStats;

		SlowJob(ThreadStats threadStats) {
			this.threadStats = threadStats;
		}

		@Scheduled(fixedDelay = 3_600_000)
		void run() throws InterruptedException {
			this.running.countDown();
			this.closing.await();
			long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
			while (!this.closed.getAsBoolean() && System.nanoTime() < end) {
				Thread.sleep(10);
			}
			this.threadStats.gauge("job.done", 1, NOW);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class EnableSchedulingConfiguration {

	}

}
