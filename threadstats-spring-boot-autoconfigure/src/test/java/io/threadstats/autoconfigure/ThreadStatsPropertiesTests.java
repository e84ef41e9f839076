package io.threadstats.autoconfigure;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import io.threadstats.ThreadStats;
import io.threadstats.ThreadStatsBuilder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThreadStatsProperties}: its defaults are the engine's, and every key is documented
 * in the generated configuration metadata.
 */
class ThreadStatsPropertiesTests {

	private final ThreadStatsProperties properties = new ThreadStatsProperties();

	private final ThreadStatsBuilder builder = ThreadStats.builder();

	@Test
	void defaultsAreTheBuildersDefaults() {
		assertThat(this.properties.getRollUpInterval()).isEqualTo(builderDefault("rollUpInterval"));
		assertThat(this.properties.getFlushInterval()).isEqualTo(builderDefault("flushInterval"));
		assertThat(this.properties.getCounterType()).isEqualTo(builderDefault("counterType"));
		assertThat(this.properties.getHistogram().getAggregates()).isEqualTo(builderDefault("histogramAggregates"));
		assertThat(this.properties.getHistogram().getPercentiles().stream().mapToDouble(Double::doubleValue).toArray())
			.isEqualTo((double[]) builderDefault("histogramPercentiles"));
		assertThat(this.properties.getMaxSeries()).isEqualTo(builderDefault("maxSeries"));
		assertThat(this.properties.isStrict()).isEqualTo(builderDefault("strict"));
		assertThat(this.properties.getSeriesApi()).isEqualTo(builderDefault("seriesApi"));
		assertThat(this.properties.getCompression()).isEqualTo(builderDefault("compression"));
		assertThat(this.properties.getConnectTimeout()).isEqualTo(builderDefault("connectTimeout"));
		assertThat(this.properties.getResponseTimeout()).isEqualTo(builderDefault("responseTimeout"));
		assertThat(this.properties.getRetry().getBufferSize().toBytes()).isEqualTo(builderDefault("retryBufferBytes"));
		assertThat(this.properties.getShutdownTimeout()).isEqualTo(builderDefault("drainTimeout"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyPropertyIsDocumentedInTheGeneratedMetadata() throws Exception {
		Map<String, Object> metadata;
		try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = JsonMapper.builder().build().readValue(json, Map.class);
		}
		List<Map<String, Object>> entries = (List<Map<String, Object>>) metadata.get("properties");
		assertThat(entries).extracting((entry) -> entry.get("name"))
			.contains("threadstats.enabled", "threadstats.api-key", "threadstats.site", "threadstats.api-url",
					"threadstats.series-api", "threadstats.compression", "threadstats.flush-interval",
					"threadstats.roll-up-interval", "threadstats.namespace", "threadstats.constant-tags",
					"threadstats.host", "threadstats.device", "threadstats.env", "threadstats.service",
					"threadstats.version", "threadstats.counter-type", "threadstats.histogram.aggregates",
					"threadstats.histogram.percentiles", "threadstats.max-series", "threadstats.retry.buffer-size",
					"threadstats.connect-timeout", "threadstats.response-timeout", "threadstats.shutdown-timeout",
					"threadstats.strict", "threadstats.annotations.enabled");
		assertThat(entries).allSatisfy((entry) -> assertThat((String) entry.get("description"))
			.as("description of %s", entry.get("name"))
			.isNotBlank());
	}

	private Object builderDefault(String field) {
		return ReflectionTestUtils.getField(this.builder, field);
	}

}
