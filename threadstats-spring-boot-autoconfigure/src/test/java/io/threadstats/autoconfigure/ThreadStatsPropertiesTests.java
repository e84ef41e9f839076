package io.threadstats.autoconfigure;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.threadstats.ThreadStats;
import io.threadstats.ThreadStatsBuilder;
import io.threadstats.submission.DeliverySettings;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThreadStatsProperties}: its defaults are the engine's, every key and
 * group is documented in the generated configuration metadata, and the README's
 * configuration block shows exactly those keys with their defaults.
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
		// unset in both: decided at build (Compression.preferredFor the series API),
		// since it depends on the class path (zstd-jni)
		assertThat(this.properties.getCompression()).isNull();
		assertThat(builderDefault("compression")).isNull();
		assertThat(this.properties.getConnectTimeout()).isEqualTo(builderDefault("connectTimeout"));
		assertThat(this.properties.getResponseTimeout()).isEqualTo(builderDefault("responseTimeout"));
		assertThat(this.properties.getRetry().getBufferSize().toBytes()).isEqualTo(builderDefault("retryBufferBytes"));
		assertThat(this.properties.getShutdownTimeout()).isEqualTo(builderDefault("drainTimeout"));
		assertThat(this.properties.getDistribution().getMaxValuesPerPoint())
			.isEqualTo(builderDefault("distributionValuesPerPoint"));
		assertThat(this.properties.getSet().getMaxExactMembers()).isEqualTo(builderDefault("setExactMembers"));
		assertThat(this.properties.getLateData().getMaxBytes().toBytes()).isEqualTo(builderDefault("lateDataMaxBytes"));
		assertThat(this.properties.getEndpoint().getFlushHistory())
			.isEqualTo(DeliverySettings.DEFAULT_FLUSH_HISTORY_SIZE);
	}

	@Test
	void everyPropertyIsDocumentedInTheGeneratedMetadata() throws Exception {
		Map<String, Object> metadata = generatedMetadata();
		List<Map<String, Object>> entries = entries(metadata, "properties");
		assertThat(entries).extracting((entry) -> entry.get("name"))
			.contains("threadstats.enabled", "threadstats.api-key", "threadstats.site", "threadstats.api-url",
					"threadstats.series-api", "threadstats.compression", "threadstats.flush-interval",
					"threadstats.roll-up-interval", "threadstats.namespace", "threadstats.constant-tags",
					"threadstats.host", "threadstats.device", "threadstats.env", "threadstats.service",
					"threadstats.version", "threadstats.counter-type", "threadstats.histogram.aggregates",
					"threadstats.histogram.percentiles", "threadstats.max-series", "threadstats.retry.buffer-size",
					"threadstats.connect-timeout", "threadstats.response-timeout", "threadstats.shutdown-timeout",
					"threadstats.strict", "threadstats.annotations.enabled", "threadstats.health.failure-window",
					"threadstats.health.down-on-failure", "management.health.threadstats.enabled");
		assertThat(entries).allSatisfy(
				(entry) -> assertThat((String) entry.get("description")).as("description of %s", entry.get("name"))
					.isNotBlank());
	}

	@Test
	void everyGroupIsDescribedInTheGeneratedMetadata() throws Exception {
		assertThat(entries(generatedMetadata(), "groups"))
			.filteredOn((group) -> ((String) group.get("name")).startsWith("threadstats."))
			.isNotEmpty()
			.allSatisfy(
					(group) -> assertThat((String) group.get("description")).as("description of %s", group.get("name"))
						.isNotBlank());
	}

	/**
	 * The README's configuration block shows every property of the generated metadata, no
	 * other, each with the metadata's default (or no value, when the metadata has none).
	 */
	@Test
	void readmeConfigurationBlockListsEveryPropertyWithItsDefault() throws Exception {
		Map<String, Object> defaults = new TreeMap<>();
		entries(generatedMetadata(), "properties").stream()
			.filter((entry) -> ((String) entry.get("name")).startsWith("threadstats."))
			.forEach((entry) -> defaults.put((String) entry.get("name"), entry.get("defaultValue")));
		Map<String, Object> readme = new TreeMap<>();
		flatten("", new Yaml().load(readmeConfigurationBlock()), readme);
		assertThat(readme.keySet()).as("properties in the README's configuration block")
			.containsExactlyElementsOf(defaults.keySet());
		defaults.forEach((name, value) -> {
			Object shown = readme.get(name);
			if (value != null) {
				assertThat(String.valueOf(shown)).as("README default of %s", name).isEqualTo(String.valueOf(value));
			}
			else {
				assertThat(shown).as("README default of %s", name)
					.satisfiesAnyOf((none) -> assertThat(none).isNull(),
							(none) -> assertThat(none).isEqualTo(List.of()));
			}
		});
	}

	/** The first yaml block after the README's "## Configuration" heading. */
	private static String readmeConfigurationBlock() throws Exception {
		String readme = Files.readString(Path.of("..", "README.md"));
		int section = readme.indexOf("\n## Configuration\n");
		assertThat(section).as("the README's Configuration section").isNotNegative();
		int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
		return readme.substring(start, readme.indexOf("```", start));
	}

	private static void flatten(String prefix, Object node, Map<String, Object> into) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> flatten(prefix + key + ".", value, into));
		}
		else {
			into.put(prefix.substring(0, prefix.length() - 1), node);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> generatedMetadata() throws Exception {
		try (InputStream json = ThreadStatsPropertiesTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			return JsonMapper.builder().build().readValue(json, Map.class);
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> entries(Map<String, Object> metadata, String kind) {
		return (List<Map<String, Object>>) metadata.get(kind);
	}

	private Object builderDefault(String field) {
		return ReflectionTestUtils.getField(this.builder, field);
	}

}
