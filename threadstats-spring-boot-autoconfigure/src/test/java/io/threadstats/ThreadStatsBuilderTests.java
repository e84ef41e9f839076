package io.threadstats;

import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

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
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Option validation and environment fallbacks. */
@ExtendWith(OutputCaptureExtension.class)
class ThreadStatsBuilderTests {

	static Stream<Arguments> invalidOptions() {
		return Stream.of(option("rollUpInterval", (b) -> b.rollUpInterval(Duration.ofMillis(1500))),
				option("rollUpInterval", (b) -> b.rollUpInterval(Duration.ZERO)),
				option("flushInterval", (b) -> b.flushInterval(Duration.ofSeconds(-1))),
				option("maxSeries", (b) -> b.maxSeries(0)),
				option("histogramPercentiles", (b) -> b.histogramPercentiles(0.5, 1.0)),
				option("namespace", (b) -> b.namespace("1app")), option("namespace", (b) -> b.namespace("my app")),
				option("constantTags", (b) -> b.constantTags("9lives")),
				option("drainTimeout", (b) -> b.drainTimeout(Duration.ofSeconds(-1))),
				option("retryBufferBytes", (b) -> b.retryBufferBytes(-1)),
				option("counterType", (b) -> b.counterType(null)), option("clock", (b) -> b.clock(null)));
	}

	private static Arguments option(String name, UnaryOperator<ThreadStatsBuilder> setting) {
		return Arguments.of(name, setting);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidOptions")
	void invalidOptionFailsTheBuildNamingTheOption(String option, UnaryOperator<ThreadStatsBuilder> setting) {
		ThreadStatsBuilder builder = setting.apply(ThreadStats.builder().autoFlush(false).noHost());

		assertThatIllegalArgumentException().isThrownBy(builder::build)
			.withMessageContaining("option " + option)
			.withMessageContaining("must be");
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

		DeliverySettings fromEnvironment = ThreadStats.builder().environment(environment::get).deliverySettings();
		DeliverySettings explicit = ThreadStats.builder()
			.environment(environment::get)
			.apiKey("other")
			.site("us5.datadoghq.com")
			.deliverySettings();
		DeliverySettings none = ThreadStats.builder().environment(Map.<String, String>of()::get).deliverySettings();

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
