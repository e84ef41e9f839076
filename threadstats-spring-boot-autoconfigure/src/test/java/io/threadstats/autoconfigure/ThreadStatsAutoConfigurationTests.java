package io.threadstats.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.netty.handler.timeout.ReadTimeoutException;
import io.threadstats.ThreadStats;
import io.threadstats.ThreadStatsBuilder;
import io.threadstats.api.RejectReason;
import io.threadstats.snapshot.MetricType;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.submission.Compression;
import io.threadstats.submission.DatadogSubmitter;
import io.threadstats.submission.DeliverySettings;
import io.threadstats.submission.InMemorySubmitter;
import io.threadstats.submission.LoggingSubmitter;
import io.threadstats.submission.SeriesApi;
import io.threadstats.submission.Submitter;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.scheduling.ScheduledTasksEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.actuate.scheduling.ScheduledTasksEndpoint;
import org.springframework.boot.actuate.scheduling.ScheduledTasksEndpoint.FixedDelayTaskDescriptor;
import org.springframework.boot.actuate.scheduling.ScheduledTasksEndpoint.ScheduledTasksDescriptor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.scheduling.config.TaskManagementConfigUtils;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link ThreadStatsAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ThreadStatsAutoConfigurationTests {

	/**
	 * Now, for the engine, in every test that records: a whole minute, so buckets are
	 * easy to predict.
	 */
	private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

	private static final Instant AFTER_EVERY_BUCKET = NOW.plus(Duration.ofMinutes(5));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(CodecsAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, ThreadStatsAutoConfiguration.class));

	/** The same, with a fixed clock and a submitter that keeps what it is given. */
	private final ApplicationContextRunner recordingRunner = this.contextRunner
		.withBean(Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC))
		.withBean(InMemorySubmitter.class, InMemorySubmitter::new);

	// default beans

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
			assertThat(settings.compression()).isEqualTo(Compression.DEFLATE);
			assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(settings.responseTimeout()).isEqualTo(Duration.ofSeconds(20));
			assertThat(settings.retryBufferBytes()).isEqualTo(32L * 1024 * 1024);
			assertThat(settings.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
		});
	}

	// properties: what the built ThreadStats does with them

	@Test
	void rollUpIntervalSetsTheBucketWidthAndInterval() {
		this.recordingRunner.withPropertyValues("threadstats.roll-up-interval=1m").run((context) -> {
			ThreadStats stats = context.getBean(ThreadStats.class);
			stats.gauge("temperature", 20, NOW.minusSeconds(50));
			stats.gauge("temperature", 21, NOW.minusSeconds(10));
			List<SeriesPoint> series = stats.flush(AFTER_EVERY_BUCKET).series();
			assertThat(series).singleElement().satisfies((point) -> {
				assertThat(point.value()).isEqualTo(21);
				assertThat(point.timestamp()).isEqualTo(NOW.minusSeconds(60).getEpochSecond());
				assertThat(point.interval()).isEqualTo(60);
			});
		});
	}

	@Test
	void namespacePrefixesMetricNames() {
		this.recordingRunner.withPropertyValues("threadstats.namespace=shop")
			.run((context) -> assertThat(seriesSent(context.getBean(ThreadStats.class))).extracting(SeriesPoint::metric)
				.containsExactly("shop.queue.depth"));
	}

	@Test
	void constantTagsAndUnifiedServiceTagsAreAddedToEverySeries() {
		this.recordingRunner
			.withPropertyValues("threadstats.constant-tags=team:payments,region:eu", "threadstats.env=prod",
					"threadstats.service=checkout", "threadstats.version=1.2.3")
			.run((context) -> {
				ThreadStats stats = context.getBean(ThreadStats.class);
				stats.gauge("queue.depth", 3, NOW, "queue:orders");
				assertThat(stats.flush(AFTER_EVERY_BUCKET).series()).singleElement()
					.extracting(SeriesPoint::tags)
					.asInstanceOf(InstanceOfAssertFactories.LIST)
					.contains("queue:orders", "team:payments", "region:eu", "env:prod", "service:checkout",
							"version:1.2.3");
			});
	}

	@Test
	void unifiedServiceTagsFallBackToDatadogVariables() {
		this.recordingRunner.withPropertyValues("DD_ENV=staging", "DD_SERVICE=billing", "DD_VERSION=7")
			.run((context) -> assertThat(tagsSent(context.getBean(ThreadStats.class))).contains("env:staging",
					"service:billing", "version:7"));
	}

	@Test
	void unifiedServiceTagPropertiesWinOverDatadogVariables() {
		this.recordingRunner.withPropertyValues("DD_ENV=staging", "threadstats.env=prod")
			.run((context) -> assertThat(tagsSent(context.getBean(ThreadStats.class))).contains("env:prod")
				.doesNotContain("env:staging"));
	}

	@Test
	void datadogTagsVariableAddsConstantTagsAfterTheProperty() {
		this.recordingRunner.withInitializer(environmentVariables(Map.of("DATADOG_TAGS", "zone:eu-west-1a, tier:gold")))
			.withPropertyValues("threadstats.constant-tags=team:payments")
			.run((context) -> assertThat(tagsSent(context.getBean(ThreadStats.class)))
				.containsSubsequence("team:payments", "zone:eu-west-1a", "tier:gold"));
	}

	@Test
	void hostIsSentWithEveryPoint() {
		this.recordingRunner.withPropertyValues("threadstats.host=web-1").run((context) -> {
			ThreadStats stats = context.getBean(ThreadStats.class);
			stats.gauge("queue.depth", 3, NOW);
			assertThat(stats.flush(AFTER_EVERY_BUCKET).series()).extracting(SeriesPoint::host).containsExactly("web-1");
		});
	}

	@Test
	void hostFallsBackToDatadogHostnameVariable() {
		this.recordingRunner.withPropertyValues("DD_HOSTNAME=web-from-env")
			.run((context) -> assertThat(hostsSent(context.getBean(ThreadStats.class)))
				.containsExactly("web-from-env"));
	}

	@Test
	void hostPropertyWinsOverDatadogHostnameVariable() {
		this.recordingRunner.withPropertyValues("DD_HOSTNAME=web-from-env", "threadstats.host=web-from-property")
			.run((context) -> assertThat(hostsSent(context.getBean(ThreadStats.class)))
				.containsExactly("web-from-property"));
	}

	@Test
	void hostDefaultsToTheMachineName() {
		this.recordingRunner.run((context) -> assertThat(hostsSent(context.getBean(ThreadStats.class)))
			.containsExactly(InetAddress.getLocalHost().getHostName()));
	}

	@Test
	void sendHostFalseSendsNoHost() {
		this.recordingRunner.withPropertyValues("threadstats.host=web-1", "threadstats.send-host=false")
			.run((context) -> {
				ThreadStats stats = context.getBean(ThreadStats.class);
				stats.gauge("queue.depth", 3, NOW);
				assertThat(stats.flush(AFTER_EVERY_BUCKET).series()).extracting(SeriesPoint::host).containsOnlyNulls();
			});
	}

	@Test
	void deviceIsSentWithEverySeries() {
		this.recordingRunner.withPropertyValues("threadstats.device=sda1").run((context) -> {
			ThreadStats stats = context.getBean(ThreadStats.class);
			stats.gauge("disk.free", 3, NOW);
			assertThat(stats.flush(AFTER_EVERY_BUCKET).series()).extracting(SeriesPoint::device)
				.containsExactly("sda1");
		});
	}

	@Test
	void counterTypeCountSendsTheSum() {
		this.recordingRunner.withPropertyValues("threadstats.counter-type=count").run((context) -> {
			ThreadStats stats = context.getBean(ThreadStats.class);
			stats.increment("orders", 4, NOW);
			stats.increment("orders", 6, NOW);
			assertThat(stats.flush(AFTER_EVERY_BUCKET).series()).singleElement().satisfies((point) -> {
				assertThat(point.type()).isEqualTo(MetricType.COUNT);
				assertThat(point.value()).isEqualTo(10);
			});
		});
	}

	@Test
	void histogramAggregatesAndPercentilesChooseTheSeriesSent() {
		this.recordingRunner
			.withPropertyValues("threadstats.histogram.aggregates=max,sum", "threadstats.histogram.percentiles=0.5")
			.run((context) -> {
				ThreadStats stats = context.getBean(ThreadStats.class);
				for (int value = 1; value <= 10; value++) {
					stats.histogram("latency", value, NOW);
				}
				assertThat(stats.flush(AFTER_EVERY_BUCKET).series()).extracting(SeriesPoint::metric)
					.containsExactlyInAnyOrder("latency.max", "latency.sum", "latency.50percentile");
			});
	}

	@Test
	void maxSeriesCapsTheSeriesHeld() {
		this.recordingRunner.withPropertyValues("threadstats.max-series=2").run((context) -> {
			ThreadStats stats = context.getBean(ThreadStats.class);
			stats.gauge("a", 1, NOW);
			stats.gauge("b", 1, NOW);
			stats.gauge("c", 1, NOW);
			assertThat(stats.statistics().rejected()).containsEntry(RejectReason.SERIES_LIMIT, 1L);
			assertThat(stats.flush(AFTER_EVERY_BUCKET).series()).hasSize(2);
		});
	}

	@Test
	void strictThrowsOnInvalidInput() {
		this.recordingRunner.withPropertyValues("threadstats.strict=true").run((context) -> {
			ThreadStats stats = context.getBean(ThreadStats.class);
			org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
				.isThrownBy(() -> stats.gauge("temperature", Double.NaN));
		});
	}

	@Test
	void deliveryPropertiesBindToDeliverySettings() {
		this.contextRunner
			.withPropertyValues("threadstats.api-url=https://proxy.example.com:8443/datadog",
					"threadstats.series-api=v1", "threadstats.compression=gzip", "threadstats.connect-timeout=2s",
					"threadstats.response-timeout=7s", "threadstats.retry.buffer-size=4MB",
					"threadstats.shutdown-timeout=3s", "threadstats.site=datadoghq.eu")
			.run((context) -> {
				DeliverySettings settings = context.getBean(DeliverySettings.class);
				assertThat(settings.apiUrl()).isEqualTo(URI.create("https://proxy.example.com:8443/datadog"));
				assertThat(settings.seriesApi()).isEqualTo(SeriesApi.V1);
				assertThat(settings.compression()).isEqualTo(Compression.GZIP);
				assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(settings.responseTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(settings.retryBufferBytes()).isEqualTo(4L * 1024 * 1024);
				assertThat(settings.drainTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(settings.site()).isEqualTo("datadoghq.eu");
			});
	}

	@Test
	void shutdownTimeoutBoundsTheFinalDrain() {
		assertFinalDrainBoundedBy(this.recordingRunner.withPropertyValues("threadstats.shutdown-timeout=3s"),
				Duration.ofSeconds(3));
	}

	/** Closing the context drains once, within {@code bound}. */
	private static void assertFinalDrainBoundedBy(ApplicationContextRunner runner, Duration bound) {
		runner.run((context) -> {
			InMemorySubmitter submitter = context.getBean(InMemorySubmitter.class);
			context.close();
			assertDrainBounded(submitter, bound);
		});
	}

	/**
	 * The submitter was closed once, given what the final flush left of {@code bound}:
	 * something, not more.
	 */
	private static void assertDrainBounded(InMemorySubmitter submitter, Duration bound) {
		assertThat(submitter.closeTimeouts()).singleElement(InstanceOfAssertFactories.DURATION)
			.isPositive()
			.isLessThanOrEqualTo(bound);
	}

	// environment fallbacks

	@Test
	void apiKeyAndSiteFallBackToDatadogVariables() {
		this.contextRunner.withPropertyValues("DD_API_KEY=key-from-env", "DD_SITE=us5.datadoghq.com").run((context) -> {
			DeliverySettings settings = context.getBean(DeliverySettings.class);
			assertThat(settings.apiKey()).isEqualTo("key-from-env");
			assertThat(settings.site()).isEqualTo("us5.datadoghq.com");
		});
	}

	@Test
	void apiKeyFallsBackToDatadogVariableSetAsSystemProperty() {
		this.contextRunner.withSystemProperties("DD_API_KEY=key-from-system")
			.run((context) -> assertThat(context.getBean(DeliverySettings.class).apiKey())
				.isEqualTo("key-from-system"));
	}

	@Test
	void apiKeyAndSitePropertiesWinOverDatadogVariables() {
		this.contextRunner
			.withPropertyValues("DD_API_KEY=key-from-env", "DD_SITE=us5.datadoghq.com",
					"threadstats.api-key=key-from-property", "threadstats.site=datadoghq.eu")
			.run((context) -> {
				DeliverySettings settings = context.getBean(DeliverySettings.class);
				assertThat(settings.apiKey()).isEqualTo("key-from-property");
				assertThat(settings.site()).isEqualTo("datadoghq.eu");
			});
	}

	@Test
	void apiKeyNeverShowsInBeansOrFailures() {
		String key = "0123456789abcdef-secret";
		this.contextRunner.withPropertyValues("threadstats.api-key=" + key).run((context) -> {
			assertThat(context.getBean(DeliverySettings.class).toString()).doesNotContain(key);
			assertThat(context.getBean(ThreadStats.class).toString()).doesNotContain(key);
			assertThat(context.getBean(Submitter.class).toString()).doesNotContain(key);
			assertThat(context.getBean(ThreadStatsProperties.class).toString()).doesNotContain(key);
		});
		this.contextRunner
			.withPropertyValues("threadstats.api-key=" + key, "threadstats.site=datadoghq.moon",
					"threadstats.roll-up-interval=0s")
			.run((context) -> assertThat(context).getFailure().satisfies((failure) -> {
				for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
					assertThat(String.valueOf(cause.getMessage())).doesNotContain(key);
				}
			}));
	}

	@Test
	void apiKeyIsMaskedByTheActuatorEndpointsEvenWhenTheyShowValues() {
		String key = "0123456789abcdef-secret";
		List<String> variables = List.of("THREADSTATS_API_KEY", "THREADSTATS_APIKEY", "threadstats_api_key",
				"DD_API_KEY", "dd_api_key");
		List<String> properties = List.of("threadstats.api-key", "threadstats.apiKey", "threadstats.api_key",
				"dd.api.key");
		this.contextRunner.withBean(ThreadStats.class, () -> mock(ThreadStats.class))
			.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
					ConfigurationPropertiesReportEndpointAutoConfiguration.class,
					EnvironmentEndpointAutoConfiguration.class))
			.withInitializer(environmentVariables(Stream
				.concat(variables.stream().map((name) -> Map.entry(name, key)),
						Stream.of(Map.entry("SPRING_APPLICATION_JSON",
								"{\"threadstats\":{\"api-key\":\"" + key + "\"}}")))
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))))
			.withPropertyValues(properties.stream().map((name) -> name + "=" + key).toArray(String[]::new))
			.withPropertyValues("vault.dd-token=" + key)
			.withPropertyValues("threadstats.namespace=shown",
					"management.endpoints.web.exposure.include=configprops,env",
					"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always")
			.run((context) -> {
				Map<String, Object> bound = context.getBean(ConfigurationPropertiesReportEndpoint.class)
					.configurationPropertiesWithPrefix("threadstats")
					.getContexts()
					.values()
					.iterator()
					.next()
					.getBeans()
					.values()
					.iterator()
					.next()
					.getProperties();
				assertThat(bound).containsEntry("namespace", "shown").containsKey("apiKey");
				assertThat(bound.get("apiKey")).isEqualTo(SanitizableData.SANITIZED_VALUE);
				EnvironmentEndpoint env = context.getBean(EnvironmentEndpoint.class);
				Map<String, Object> listed = new HashMap<>();
				env.environment(null)
					.getPropertySources()
					.forEach((source) -> source.getProperties()
						.forEach((name, value) -> listed.put(source.getName() + " " + name, value.getValue())));
				assertThat(listed).containsEntry("test threadstats.namespace", "shown");
				// under any name, whole or inside a longer value
				assertThat(listed)
					.allSatisfy((name, value) -> assertThat(String.valueOf(value)).as(name).doesNotContain(key));
				assertThat(listed)
					.containsEntry("systemEnvironment SPRING_APPLICATION_JSON", SanitizableData.SANITIZED_VALUE)
					.containsEntry("test vault.dd-token", SanitizableData.SANITIZED_VALUE);
				variables.forEach((name) -> assertThat(listed).containsEntry("systemEnvironment " + name,
						SanitizableData.SANITIZED_VALUE));
				properties.forEach(
						(name) -> assertThat(listed).containsEntry("test " + name, SanitizableData.SANITIZED_VALUE));
				for (String name : List.of("threadstats.api-key", "DD_API_KEY", "THREADSTATS_API_KEY")) {
					assertThat(env.environmentEntry(name).getProperty().getValue())
						.isEqualTo(SanitizableData.SANITIZED_VALUE);
				}
			});
	}

	/**
	 * Replaces the process's environment variables by {@code variables}, as Boot reads
	 * them.
	 */
	private static ApplicationContextInitializer<ConfigurableApplicationContext> environmentVariables(
			Map<String, Object> variables) {
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
	}

	// the application's beans win

	@Test
	void userThreadStatsWinsAndIsFlushedAndClosedByTheContext() {
		ThreadStats own = mock(ThreadStats.class);
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
	void userWebClientBuilderForDeliveryWinsAndCarriesTheRequests() {
		withLocalIntake((intake) -> {
			intake.stubFor(WireMock.post("/api/v2/series")
				.willReturn(WireMock.aResponse().withStatus(202).withBody("{\"errors\":[]}")));
			WebClient.Builder own = WebClient.builder().defaultHeader("X-Through", "own-builder");
			this.contextRunner
				.withBean(ThreadStatsAutoConfiguration.WEB_CLIENT_BUILDER_BEAN_NAME, WebClient.Builder.class, () -> own,
						(definition) -> ((AbstractBeanDefinition) definition).setDefaultCandidate(false))
				.withPropertyValues("threadstats.api-key=test-key",
						"threadstats.api-url=http://127.0.0.1:" + intake.port(), "threadstats.flush-interval=1h")
				.run((context) -> {
					assertThat(context.getBean(ThreadStatsAutoConfiguration.WEB_CLIENT_BUILDER_BEAN_NAME))
						.isSameAs(own);
					context.getBean(ThreadStats.class).gauge("through.own.builder", 1);
					context.close();
					intake.verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo("/api/v2/series"))
						.withHeader("X-Through", WireMock.equalTo("own-builder")));
				});
		});
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

	// the WebClient

	@Test
	void deliveryWebClientBuilderIsNotTheApplicationsAndIsNotInjectedByType() {
		this.contextRunner.withUserConfiguration(InjectsWebClientBuilderConfiguration.class).run((context) -> {
			Object delivery = context.getBean(ThreadStatsAutoConfiguration.WEB_CLIENT_BUILDER_BEAN_NAME);
			WebClient.Builder injected = context.getBean(InjectsWebClientBuilderConfiguration.class).injected.get();
			assertThat(injected).isNotNull().isNotSameAs(delivery);
		});
	}

	@Test
	void deliveryWebClientHasTheResponseTimeoutAndTheApplicationsDoesNot() {
		withLocalIntake((intake) -> {
			intake.stubFor(WireMock.get("/slow").willReturn(WireMock.ok("late").withFixedDelay(3_000)));
			String url = "http://127.0.0.1:" + intake.port() + "/slow";
			this.contextRunner.withPropertyValues("threadstats.response-timeout=300ms")
				.withBean(ThreadStats.class, () -> mock(ThreadStats.class))
				.withUserConfiguration(InjectsWebClientBuilderConfiguration.class)
				.run((context) -> {
					WebClient delivery = context
						.getBean(ThreadStatsAutoConfiguration.WEB_CLIENT_BUILDER_BEAN_NAME, WebClient.Builder.class)
						.build();
					assertThatException()
						.isThrownBy(() -> delivery.get().uri(url).retrieve().bodyToMono(String.class).block())
						.withRootCauseInstanceOf(ReadTimeoutException.class);
					WebClient application = context.getBean(InjectsWebClientBuilderConfiguration.class).injected.get()
						.build();
					assertThat(application.get().uri(url).retrieve().bodyToMono(String.class).block())
						.isEqualTo("late");
				});
		});
	}

	/**
	 * Spring's WebClient, or Boot's connector support delivery builds its WebClient with.
	 */
	@ParameterizedTest
	@ValueSource(classes = { WebClient.class, ClientHttpConnectorBuilder.class })
	void withoutWebClientSupportMetricsAreAggregatedButNotSentAndAWarningSaysSo(Class<?> missing,
			CapturedOutput output) {
		this.contextRunner.withClassLoader(new FilteredClassLoader(missing)).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(ThreadStats.class)
				.doesNotHaveBean(ThreadStatsAutoConfiguration.WEB_CLIENT_BUILDER_BEAN_NAME)
				.getBean(Submitter.class)
				.isInstanceOf(LoggingSubmitter.class);
			assertThat(output).contains(ThreadStatsAutoConfiguration.WEB_CLIENT_MISSING_WARNING);
		});
	}

	@Test
	void withoutWebClientAUserSubmitterIsUsedWithoutAWarning(CapturedOutput output) {
		this.recordingRunner.withClassLoader(new FilteredClassLoader(WebClient.class)).run((context) -> {
			assertThat(context).getBean(Submitter.class).isInstanceOf(InMemorySubmitter.class);
			assertThat(output).doesNotContain(ThreadStatsAutoConfiguration.WEB_CLIENT_MISSING_WARNING);
		});
	}

	// disabled

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

	@Test
	void blankNamespaceMeansNone() {
		this.recordingRunner.withPropertyValues("threadstats.namespace=")
			.run((context) -> assertThat(seriesSent(context.getBean(ThreadStats.class))).extracting(SeriesPoint::metric)
				.containsExactly("queue.depth"));
	}

	// the flusher

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
		ThreadStats own = mock(ThreadStats.class);
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
		ThreadStats own = mock(ThreadStats.class);
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
	 * Runs a test against a WireMock server on a free loopback port, stopped afterwards.
	 */
	private static void withLocalIntake(Consumer<WireMockServer> test) {
		WireMockServer intake = new WireMockServer(
				WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
		intake.start();
		try {
			test.accept(intake);
		}
		finally {
			intake.stop();
		}
	}

	/**
	 * What a gauge {@code queue.depth} recorded now is sent as, once every bucket is
	 * flushed.
	 */
	private static List<SeriesPoint> seriesSent(ThreadStats stats) {
		stats.gauge("queue.depth", 3, NOW);
		return stats.flush(AFTER_EVERY_BUCKET).series();
	}

	/** The tags of the one series a gauge recorded now is sent with. */
	private static List<String> tagsSent(ThreadStats stats) {
		List<SeriesPoint> series = seriesSent(stats);
		assertThat(series).hasSize(1);
		return series.get(0).tags();
	}

	private static List<String> hostsSent(ThreadStats stats) {
		return seriesSent(stats).stream().map(SeriesPoint::host).toList();
	}

	private static List<Thread> flushThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(ThreadStatsFlusher.THREAD_NAME) && thread.isAlive())
			.toList();
	}

	/**
	 * Stops in phase 0, with Reactor Netty's HTTP client resources, and notes what was
	 * already done then.
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

	@Configuration(proxyBeanMethods = false)
	static class InjectsWebClientBuilderConfiguration {

		final AtomicReference<WebClient.Builder> injected = new AtomicReference<>();

		@Bean
		String usesWebClientBuilder(WebClient.Builder builder) {
			this.injected.set(builder);
			return "uses";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ScheduledMethodConfiguration {

		@Scheduled(fixedDelay = 60_000)
		void everyMinute() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class EnableSchedulingConfiguration {

	}

}
