package io.threadstats.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.threadstats.ThreadStats;
import io.threadstats.api.RejectReason;
import io.threadstats.snapshot.MetricType;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.submission.Compression;
import io.threadstats.submission.DeliverySettings;
import io.threadstats.submission.SeriesApi;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.threadstats.autoconfigure.ThreadStatsContexts.AFTER_EVERY_BUCKET;
import static io.threadstats.autoconfigure.ThreadStatsContexts.NOW;
import static io.threadstats.autoconfigure.ThreadStatsContexts.assertFinalDrainBoundedBy;
import static io.threadstats.autoconfigure.ThreadStatsContexts.environmentVariables;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the auto-configured ThreadStats does with each {@code threadstats.*} property, and
 * with the Datadog variables it falls back to.
 */
class ThreadStatsPropertiesAppliedTests {

	private final ApplicationContextRunner contextRunner = ThreadStatsContexts.CONTEXT_RUNNER;

	private final ApplicationContextRunner recordingRunner = ThreadStatsContexts.RECORDING_RUNNER;

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

	@Test
	void blankNamespaceMeansNone() {
		this.recordingRunner.withPropertyValues("threadstats.namespace=")
			.run((context) -> assertThat(seriesSent(context.getBean(ThreadStats.class))).extracting(SeriesPoint::metric)
				.containsExactly("queue.depth"));
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

}
