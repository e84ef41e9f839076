package io.threadstats;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.threadstats.api.InvalidSettingsException;
import io.threadstats.api.SettingViolation;
import io.threadstats.submission.DeliverySettings;
import io.threadstats.submission.InMemorySubmitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Option validation and environment fallbacks. */
@ExtendWith(OutputCaptureExtension.class)
class ThreadStatsBuilderTests {

	static Stream<Arguments> invalidOptions() {
		return Stream.of(option("roll-up-interval", "1500ms", (b) -> b.rollUpInterval(Duration.ofMillis(1500))),
				option("roll-up-interval", "0s", (b) -> b.rollUpInterval(Duration.ZERO)),
				option("flush-interval", "-1s", (b) -> b.flushInterval(Duration.ofSeconds(-1))),
				option("max-series", "0", (b) -> b.maxSeries(0)),
				option("histogram.percentiles", "[0.5, 1.0]", (b) -> b.histogramPercentiles(0.5, 1.0)),
				option("namespace", "1app", (b) -> b.namespace("1app")),
				option("namespace", "my app", (b) -> b.namespace("my app")),
				option("constant-tags", "9lives", (b) -> b.constantTags("9lives")),
				option("shutdown-timeout", "-1s", (b) -> b.drainTimeout(Duration.ofSeconds(-1))),
				option("connect-timeout", "0s", (b) -> b.connectTimeout(Duration.ZERO)),
				option("retry.buffer-size", "-1B", (b) -> b.retryBufferBytes(-1)),
				option("endpoint.flush-history", "0", (b) -> b.flushHistory(0)),
				option("site", "datadog.com", (b) -> b.site("datadog.com")),
				option("counter-type", null, (b) -> b.counterType(null)));
	}

	private static Arguments option(String name, String shown, UnaryOperator<ThreadStatsBuilder> setting) {
		return Arguments.of(name, shown, setting);
	}

	@ParameterizedTest(name = "{0}={1}")
	@MethodSource("invalidOptions")
	void invalidOptionFailsTheBuildNamingTheOption(String option, String shown,
			UnaryOperator<ThreadStatsBuilder> setting) {
		ThreadStatsBuilder builder = setting.apply(ThreadStats.builder().autoFlush(false).noHost());

		assertThatExceptionOfType(InvalidSettingsException.class).isThrownBy(builder::build)
			.satisfies((ex) -> assertThat(ex.violations()).singleElement()
				.satisfies((violation) -> assertThat(violation.property()).isEqualTo("threadstats." + option)))
			.withMessageStartingWith("threadstats." + option + " must be ")
			.satisfies((ex) -> {
				if (shown != null) {
					assertThat(ex).hasMessageEndingWith(", was " + shown);
				}
			});
	}

	@Test
	void everyInvalidOptionIsReportedAtOnce() {
		ThreadStatsBuilder builder = ThreadStats.builder()
			.autoFlush(false)
			.noHost()
			.environment(Map.<String, String>of()::get)
			.rollUpInterval(Duration.ofMillis(1500))
			.maxSeries(0)
			.connectTimeout(Duration.ZERO)
			.site("datadoghq.moon");

		assertThatExceptionOfType(InvalidSettingsException.class).isThrownBy(builder::build)
			.satisfies((ex) -> assertThat(ex.violations()).extracting(SettingViolation::property)
				.containsExactly("threadstats.roll-up-interval", "threadstats.max-series", "threadstats.site",
						"threadstats.connect-timeout"));
	}

	@Test
	void apiKeyWithALineBreakIsRefusedAtBuildWithoutQuotingIt() {
		String key = "0123456789abcdef0123456789abcdef\n";
		ThreadStatsBuilder fromOption = ThreadStats.builder().autoFlush(false).noHost().apiKey(key);
		ThreadStatsBuilder fromVariable = ThreadStats.builder()
			.autoFlush(false)
			.noHost()
			.environment(Map.of("DD_API_KEY", " " + key.trim())::get);

		for (ThreadStatsBuilder builder : List.of(fromOption, fromVariable)) {
			assertThatExceptionOfType(InvalidSettingsException.class).isThrownBy(builder::build)
				.withMessageStartingWith("threadstats.api-key must be a Datadog API key without spaces, line breaks")
				.withMessageContaining("DD_API_KEY")
				.withMessageNotContaining(key.trim());
		}
	}

	@Test
	void siteAndApiUrlBothSetWarnsThatTheApiUrlWins(CapturedOutput output) {
		ThreadStatsSettings settings = ThreadStats.builder()
			.environment(Map.of("DD_SITE", "datadoghq.eu")::get)
			.apiUrl(URI.create("https://proxy.internal"))
			.settings();

		assertThat(settings.delivery().baseUrl()).hasToString("https://proxy.internal");
		assertThat(output).contains("WARN",
				"both a site (datadoghq.eu) and an API URL (https://proxy.internal) are set;" + " the API URL wins");
	}

	@Test
	void defaultsDeliverToDatadogAndRunDryWithoutAnApiKey(CapturedOutput output) {
		ThreadStats stats = ThreadStats.builder()
			.autoFlush(false)
			.noHost()
			.environment(Map.<String, String>of()::get)
			.build();
		stats.increment("hits");

		stats.close();

		assertThat(stats.toString()).contains("DatadogSubmitter[https://api.datadoghq.com");
		assertThat(output).contains("dry-run");
	}

	@Test
	void deliverySettingsFallBackToTheEnvironment() {
		Map<String, String> environment = Map.of("DD_API_KEY", "secret-key", "DD_SITE", "datadoghq.eu");

		DeliverySettings fromEnvironment = ThreadStats.builder().environment(environment::get).settings().delivery();
		DeliverySettings explicit = ThreadStats.builder()
			.environment(environment::get)
			.apiKey("other")
			.site("us5.datadoghq.com")
			.settings()
			.delivery();
		DeliverySettings none = ThreadStats.builder().environment(Map.<String, String>of()::get).settings().delivery();

		assertThat(fromEnvironment.apiKey()).isEqualTo("secret-key");
		assertThat(fromEnvironment.site()).isEqualTo("datadoghq.eu");
		assertThat(fromEnvironment.toString()).doesNotContain("secret-key");
		assertThat(explicit.apiKey()).isEqualTo("other");
		assertThat(explicit.site()).isEqualTo("us5.datadoghq.com");
		assertThat(none.hasApiKey()).isFalse();
		assertThat(none.site()).isEqualTo(DeliverySettings.DEFAULT_SITE);
	}

	@Test
	void invalidConstantTagFromTheEnvironmentIsIgnoredWithAWarning(CapturedOutput output) {
		InMemorySubmitter submitter = new InMemorySubmitter();
		ThreadStats stats = ThreadStats.builder()
			.autoFlush(false)
			.noHost()
			.submitter(submitter)
			.environment(Map.of("DATADOG_TAGS", "Team:Core,#bad")::get)
			.build();
		stats.increment("hits");

		stats.close();

		assertThat(submitter.allSeries().get(0).tags()).containsExactly("team:core");
		assertThat(output).contains("ignored the constant tag '#bad'");
	}

}
