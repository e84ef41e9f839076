package io.threadstats.autoconfigure;

import java.net.URI;
import java.time.Duration;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.threadstats.ThreadStats;
import io.threadstats.ThreadStatsBuilder;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.submission.Compression;
import io.threadstats.submission.DatadogSubmitter;
import io.threadstats.submission.DeliverySettings;
import io.threadstats.submission.InMemorySubmitter;
import io.threadstats.submission.SeriesApi;
import io.threadstats.submission.Submitter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.config.FixedDelayTask;

import static io.threadstats.autoconfigure.ThreadStatsContexts.AFTER_EVERY_BUCKET;
import static io.threadstats.autoconfigure.ThreadStatsContexts.NOW;
import static io.threadstats.autoconfigure.ThreadStatsContexts.assertFinalDrainBoundedBy;
import static io.threadstats.autoconfigure.ThreadStatsContexts.flushThreads;
import static io.threadstats.autoconfigure.ThreadStatsContexts.mockThreadStats;
import static io.threadstats.autoconfigure.ThreadStatsContexts.withLocalIntake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

/**
 * The beans the auto-configuration makes, the ones an application replaces, the
 * customizers, and {@code threadstats.enabled=false}.
 */
class ThreadStatsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = ThreadStatsContexts.CONTEXT_RUNNER;

	private final ApplicationContextRunner recordingRunner = ThreadStatsContexts.RECORDING_RUNNER;

	@Test
	void defaultBeansArePresent() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ThreadStats.class)
				.hasSingleBean(ThreadStatsProperties.class)
				.hasSingleBean(DeliverySettings.class)
				.hasSingleBean(Submitter.class)
				.hasSingleBean(ThreadStatsFlusher.class)
				.hasBean(ThreadStatsAutoConfiguration.WEB_CLIENT_BUILDER_BEAN_NAME);
			assertThat(context.getBean(ThreadStats.class)).isNotSameAs(ThreadStats.noop());
			assertThat(context.getBean(Submitter.class)).isInstanceOf(DatadogSubmitter.class);
			assertThat(context.getBean(ThreadStatsFlusher.class).isRunning()).isTrue();
		});
	}

	@Test
	void defaultsMatchTheDocumentedDefaults() {
		this.contextRunner.run((context) -> {
			DeliverySettings settings = context.getBean(DeliverySettings.class);
			assertThat(settings.site()).isEqualTo("datadoghq.com");
			assertThat(settings.apiUrl()).isNull();
			assertThat(settings.seriesApi()).isEqualTo(SeriesApi.V2);
			// zstd-jni is on the test class path
			assertThat(settings.compression()).isEqualTo(Compression.ZSTD1);
			assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(settings.responseTimeout()).isEqualTo(Duration.ofSeconds(20));
			assertThat(settings.retryBufferBytes()).isEqualTo(32L * 1024 * 1024);
			assertThat(settings.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
		});
	}

	@Test
	void userThreadStatsWinsAndIsFlushedAndClosedByTheContext() {
		ThreadStats own = mockThreadStats();
		this.contextRunner.withPropertyValues("threadstats.flush-interval=20ms")
			.withBean(ThreadStats.class, () -> own)
			.run((context) -> {
				assertThat(context).getBean(ThreadStats.class).isSameAs(own);
				verify(own, timeout(10_000).atLeast(2)).backgroundFlush();
				verify(own, never()).close();
				context.close();
				verify(own, atLeast(1)).close();
			});
	}

	@Test
	void userSubmitterWinsAndReceivesFlushes() {
		this.recordingRunner.run((context) -> {
			assertThat(context).getBean(Submitter.class).isInstanceOf(InMemorySubmitter.class);
			ThreadStats stats = context.getBean(ThreadStats.class);
			stats.gauge("queue.depth", 3, NOW);
			stats.flush(AFTER_EVERY_BUCKET);
			assertThat(context.getBean(InMemorySubmitter.class).allSeries()).extracting(SeriesPoint::metric)
				.containsExactly("queue.depth");
		});
	}

	@Test
	void userClockWinsAndTimestampsPointsRecordedWithoutOne() {
		this.recordingRunner.withPropertyValues("threadstats.roll-up-interval=10s").run((context) -> {
			ThreadStats stats = context.getBean(ThreadStats.class);
			stats.gauge("queue.depth", 3);
			assertThat(stats.flush(AFTER_EVERY_BUCKET).series()).extracting(SeriesPoint::timestamp)
				.containsExactly(NOW.getEpochSecond());
		});
	}

	@Test
	void userHostNameResolverWins() {
		this.recordingRunner.withBean(HostNameResolver.class, () -> () -> "from-resolver").run((context) -> {
			ThreadStats stats = context.getBean(ThreadStats.class);
			stats.gauge("queue.depth", 3, NOW);
			assertThat(stats.flush(AFTER_EVERY_BUCKET).series()).extracting(SeriesPoint::host)
				.containsExactly("from-resolver");
		});
	}

	@Test
	void userDeliverySettingsWin() {
		DeliverySettings own = new DeliverySettings(null, "datadoghq.eu", null, SeriesApi.V1, Compression.NONE,
				Duration.ofSeconds(1), Duration.ofSeconds(2), 1024, Duration.ofSeconds(3));
		this.contextRunner.withBean(DeliverySettings.class, () -> own)
			.run((context) -> assertThat(context).getBean(DeliverySettings.class).isSameAs(own));
	}

	@Test
	void userFlusherWins() {
		this.contextRunner.withUserConfiguration(OwnFlusherConfiguration.class)
			.run((context) -> assertThat(context).getBean(ThreadStatsFlusher.class)
				.isSameAs(context.getBean(OwnFlusherConfiguration.class).flusher));
	}

	@Test
	void customizersApplyInOrderAfterTheProperties() {
		this.recordingRunner.withPropertyValues("threadstats.namespace=from_properties")
			.withUserConfiguration(CustomizersConfiguration.class)
			.run((context) -> {
				ThreadStats stats = context.getBean(ThreadStats.class);
				stats.gauge("queue.depth", 3, NOW);
				assertThat(stats.flush(AFTER_EVERY_BUCKET).series()).extracting(SeriesPoint::metric)
					.containsExactly("second.queue.depth");
			});
	}

	@Test
	void deliveryOptionsSetByACustomizerAreTheOnesUsed() {
		withLocalIntake((intake) -> {
			intake.stubFor(WireMock.post("/api/v2/series")
				.willReturn(WireMock.aResponse().withStatus(202).withBody("{\"errors\":[]}")));
			ThreadStatsBuilderCustomizer fromVault = (builder) -> builder.apiKey("key-from-vault")
				.apiUrl(URI.create("http://127.0.0.1:" + intake.port()))
				.compression(Compression.NONE)
				.connectTimeout(Duration.ofSeconds(3))
				.responseTimeout(Duration.ofSeconds(4))
				.retryBufferBytes(2048);
			this.contextRunner.withPropertyValues("threadstats.flush-interval=1h", "DD_API_KEY=")
				.withBean(ThreadStatsBuilderCustomizer.class, () -> fromVault)
				.run((context) -> {
					DeliverySettings settings = context.getBean(DeliverySettings.class);
					assertThat(settings.hasApiKey()).isTrue();
					assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
					assertThat(settings.responseTimeout()).isEqualTo(Duration.ofSeconds(4));
					assertThat(settings.retryBufferBytes()).isEqualTo(2048);
					assertThat(context).getBean(Submitter.class)
						.isInstanceOfSatisfying(DatadogSubmitter.class,
								(submitter) -> assertThat(submitter.isDryRun()).as("dry-run").isFalse());
					context.getBean(ThreadStats.class).gauge("vault.checked", 1);
					context.close();
					intake.verify(1,
							WireMock.postRequestedFor(WireMock.urlEqualTo("/api/v2/series"))
								.withHeader("DD-API-KEY", WireMock.equalTo("key-from-vault"))
								.withRequestBody(WireMock.containing("\"vault.checked\"")));
				});
		});
	}

	@Test
	void flushIntervalSetByACustomizerIsTheFlushersAndAutoFlushStartsNoSecondThread() {
		this.contextRunner.withPropertyValues("threadstats.flush-interval=10s")
			.withBean(ThreadStatsBuilderCustomizer.class,
					() -> (builder) -> builder.flushInterval(Duration.ofSeconds(30)).autoFlush(true))
			.run((context) -> {
				assertThat(context.getBean(ThreadStatsFlusher.class).getScheduledTasks()).singleElement()
					.satisfies((task) -> assertThat(((FixedDelayTask) task.getTask()).getIntervalDuration())
						.isEqualTo(Duration.ofSeconds(30)));
				assertThat(flushThreads()).hasSize(1);
			});
	}

	@Test
	void drainTimeoutSetByACustomizerBoundsTheShutdown() {
		assertFinalDrainBoundedBy(this.recordingRunner.withPropertyValues("threadstats.shutdown-timeout=10s")
			.withBean(ThreadStatsBuilderCustomizer.class,
					() -> (builder) -> builder.drainTimeout(Duration.ofSeconds(2))),
				Duration.ofSeconds(2));
	}

	@Test
	void anApplicationBeanNamedThreadStatsBuilderDoesNotClashWithOurs() {
		this.recordingRunner.withBean("threadStatsBuilder", ThreadStatsBuilder.class, ThreadStats::builder)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ThreadStats.class);
				assertThat(context.getBean("threadStatsBuilder")).isInstanceOf(ThreadStatsBuilder.class);
			});
	}

	@Test
	void disabledByPropertyGivesANoopThreadStatsAndNoThread() {
		this.contextRunner.withPropertyValues("threadstats.enabled=false").run((context) -> {
			assertThat(context).getBean(ThreadStats.class).isSameAs(ThreadStats.noop());
			assertThat(context).doesNotHaveBean(ThreadStatsFlusher.class)
				.doesNotHaveBean(Submitter.class)
				.doesNotHaveBean(ThreadStatsAutoConfiguration.WEB_CLIENT_BUILDER_BEAN_NAME);
			assertThat(flushThreads()).isEmpty();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnFlusherConfiguration {

		ThreadStatsFlusher flusher;

		@Bean
		ThreadStatsFlusher ownFlusher(ThreadStats threadStats, ConfigurableApplicationContext context) {
			this.flusher = new ThreadStatsFlusher(threadStats, Duration.ofMinutes(1), Duration.ofSeconds(1), context);
			return this.flusher;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizersConfiguration {

		@Bean
		@Order(2)
		ThreadStatsBuilderCustomizer secondCustomizer() {
			return (builder) -> builder.namespace("second");
		}

		@Bean
		@Order(1)
		ThreadStatsBuilderCustomizer firstCustomizer() {
			return (builder) -> builder.namespace("first");
		}

	}

}
