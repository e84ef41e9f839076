package io.threadstats.autoconfigure;

import java.util.List;
import java.util.Map;

import io.threadstats.autoconfigure.InvalidThreadStatsPropertiesException.InvalidProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Invalid configuration fails startup naming every value that breaks its rule, as the
 * configuration wrote it and where, with the rule: the settings' own rules, the same a
 * plain builder applies.
 */
@ExtendWith(OutputCaptureExtension.class)
class ThreadStatsConfigurationErrorsTests {

	private static final String API_KEY = "0123456789abcdef0123456789abcdef";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadStatsAutoConfiguration.class));

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					threadstats.roll-up-interval=0s                   | threadstats.roll-up-interval | whole number of seconds
					threadstats.roll-up-interval=1500ms               | threadstats.roll-up-interval | whole number of seconds
					threadstats.flush-interval=0s                     | threadstats.flush-interval   | greater than 0s
					threadstats.connect-timeout=-1s                   | threadstats.connect-timeout  | greater than 0s
					threadstats.response-timeout=0s                   | threadstats.response-timeout | greater than 0s
					threadstats.shutdown-timeout=-1s                  | threadstats.shutdown-timeout | 0s or more
					threadstats.max-series=0                          | threadstats.max-series       | at least 1
					threadstats.retry.buffer-size=-1MB                | threadstats.retry.buffer-size | 0B or more
					threadstats.histogram.percentiles=0.5,1.5         | threadstats.histogram.percentiles | strictly between 0 and 1
					threadstats.histogram.percentiles=0               | threadstats.histogram.percentiles | strictly between 0 and 1
					threadstats.namespace=1shop                       | threadstats.namespace        | an ASCII letter, then ASCII letters, digits, '_' or '.'
					threadstats.namespace=shop-eu                     | threadstats.namespace        | an ASCII letter, then ASCII letters, digits, '_' or '.'
					threadstats.constant-tags=team:payments,1bad      | threadstats.constant-tags    | starting with a letter, such as team:payments
					threadstats.endpoint.flush-history=0              | threadstats.endpoint.flush-history | at least 1
					threadstats.health.failure-window=-1s             | threadstats.health.failure-window | 0s or more
					""")
	void invalidPropertyFailsStartupNamingThePropertyAndTheAllowedValues(String property, String name, String allowed) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			InvalidThreadStatsPropertiesException failure = invalidProperties(context.getStartupFailure());
			assertThat(failure.getProperties()).singleElement().satisfies((invalid) -> {
				assertThat(invalid.name()).isEqualTo(name);
				assertThat(invalid.value()).isEqualTo(property.substring(property.indexOf('=') + 1));
				assertThat(invalid.rule()).contains(allowed);
				assertThat(invalid.source()).contains("\"" + name + "\" from property source \"test\"");
			});
		});
	}

	@Test
	void invalidPropertyIsReportedAtStartupWithItsNameValueAndOrigin(CapturedOutput output) {
		assertThatException().isThrownBy(() -> application().run("--threadstats.roll-up-interval=1500ms"));
		assertThat(output).contains("APPLICATION FAILED TO START", "Property: threadstats.roll-up-interval",
				"Value: \"1500ms\"",
				"Origin: \"threadstats.roll-up-interval\" from property source \"commandLineArgs\"",
				"Reason: must be a whole number of seconds, at least 1s");
	}

	@Test
	void everyInvalidPropertyOfAPropertiesFileIsReportedAtOnceWithItsLine(CapturedOutput output) {
		assertThatException().isThrownBy(
				() -> application().run("--spring.config.location=classpath:config-errors/two-invalid.properties"));
		assertThat(output).contains("threadstats is configured with 2 invalid values",
				"Property: threadstats.roll-up-interval", "Value: \"1500ms\"",
				"Origin: class path resource [config-errors/two-invalid.properties] - 2:30",
				"Reason: must be a whole number of seconds, at least 1s", "Property: threadstats.max-series",
				"Value: \"0\"", "Origin: class path resource [config-errors/two-invalid.properties] - 3:24",
				"Reason: must be a whole number of at least 1");
	}

	@Test
	void everyInvalidPropertyOfAYamlFileIsReportedAtOnceWithItsLine(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> application().run("--spring.config.location=classpath:config-errors/two-invalid.yml"));
		assertThat(output).contains("threadstats is configured with 2 invalid values",
				"Property: threadstats.flush-interval", "Value: \"0s\"",
				"Origin: class path resource [config-errors/two-invalid.yml] - 3:19", "Property: threadstats.site",
				"Value: \"datadoghq.moon\"", "Origin: class path resource [config-errors/two-invalid.yml] - 4:9",
				"Reason: must be one of datadoghq.com, us3.datadoghq.com");
	}

	@Test
	void unknownSiteFailsStartupListingTheSites() {
		this.contextRunner.withPropertyValues("threadstats.site=datadoghq.moon").run((context) -> {
			InvalidProperty invalid = onlyInvalidProperty(context.getStartupFailure());
			assertThat(invalid.name()).isEqualTo("threadstats.site");
			assertThat(invalid.rule()).contains("datadoghq.eu", "us5.datadoghq.com", "api-url");
		});
	}

	@Test
	void plainHttpApiUrlToAnotherHostFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("threadstats.api-url=http://intake.example.com").run((context) -> {
			InvalidProperty invalid = onlyInvalidProperty(context.getStartupFailure());
			assertThat(invalid.name()).isEqualTo("threadstats.api-url");
			assertThat(invalid.rule()).contains("https", "loopback");
		});
	}

	@Test
	void unknownSiteFromTheVariableFailsStartupNamingTheVariable() {
		this.contextRunner.withPropertyValues("DD_SITE=datadoghq.moon").run((context) -> {
			InvalidProperty invalid = onlyInvalidProperty(context.getStartupFailure());
			assertThat(invalid.name()).isEqualTo("DD_SITE");
			assertThat(invalid.value()).isEqualTo("datadoghq.moon");
		});
	}

	@Test
	void invalidSiteSetByACustomizerFailsStartupSayingSo() {
		// also where the configuration writes a valid site that the customizer overrides
		for (String[] written : List.of(new String[0], new String[] { "threadstats.site=datadoghq.eu" })) {
			this.contextRunner.withPropertyValues(written)
				.withBean(ThreadStatsBuilderCustomizer.class, () -> (builder) -> builder.site("datadoghq.moon"))
				.run((context) -> {
					InvalidProperty invalid = onlyInvalidProperty(context.getStartupFailure());
					assertThat(invalid.name()).isEqualTo("threadstats.site");
					assertThat(invalid.value()).isEqualTo("datadoghq.moon");
					assertThat(invalid.origin()).isNull();
					assertThat(invalid.source()).contains("a ThreadStatsBuilderCustomizer set it");
				});
		}
	}

	@Test
	void invalidPropertyACustomizerLeftAloneIsReportedWhereItIsWritten() {
		this.contextRunner.withPropertyValues("threadstats.site=datadoghq.moon")
			.withBean(ThreadStatsBuilderCustomizer.class, () -> (builder) -> builder.namespace("shop"))
			.run((context) -> {
				InvalidProperty invalid = onlyInvalidProperty(context.getStartupFailure());
				assertThat(invalid.name()).isEqualTo("threadstats.site");
				assertThat(invalid.value()).isEqualTo("datadoghq.moon");
				assertThat(invalid.origin()).isNotNull();
			});
	}

	@Test
	void apiKeyWithATrailingLineBreakFailsStartupWithoutShowingTheKey(CapturedOutput output) {
		this.contextRunner.withInitializer(withRawValue("threadstats.api-key", API_KEY + "\n")).run((context) -> {
			InvalidProperty invalid = onlyInvalidProperty(context.getStartupFailure());
			assertThat(invalid.name()).isEqualTo("threadstats.api-key");
			assertThat(invalid.value()).isEqualTo("(not shown)");
			assertThat(invalid.rule()).contains("without spaces, line breaks");
			assertThat(context.getStartupFailure()).hasMessageNotContaining(API_KEY);
		});
		this.contextRunner.withInitializer(withRawValue("DD_API_KEY", " " + API_KEY))
			.run((context) -> assertThat(onlyInvalidProperty(context.getStartupFailure()).name())
				.isEqualTo("DD_API_KEY"));
		assertThat(output).doesNotContain(API_KEY);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					threadstats.flush-interval=soon             | threadstats.flush-interval     | a duration such as 10s, 1500ms or 5m
					threadstats.max-series=lots                 | threadstats.max-series         | a whole number
					threadstats.retry.buffer-size=huge          | threadstats.retry.buffer-size  | a size such as 32MB
					threadstats.series-api=v3                   | threadstats.series-api         | one of v2, v1
					threadstats.compression=brotli              | threadstats.compression        | one of zstd1, deflate, gzip, none
					threadstats.send-host=maybe                 | threadstats.send-host          | true or false
					threadstats.histogram.percentiles=0.5,high  | threadstats.histogram.percentiles | a comma-separated list, each value a number
					""")
	void unconvertibleValueFailsStartupNamingThePropertyAndWhatItMustLookLike(String property, String name,
			String expected) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			InvalidProperty invalid = onlyInvalidProperty(context.getStartupFailure());
			assertThat(invalid.name()).isEqualTo(name);
			assertThat(invalid.value()).isEqualTo(property.substring(property.indexOf('=') + 1));
			assertThat(invalid.rule()).startsWith(expected);
			assertThat(invalid.source()).contains("\"" + name + "\" from property source \"test\"");
		});
	}

	@Test
	void unconvertibleValuesAndInvalidValuesOfAYamlFileAreReportedTogetherOnceEachWithItsLine(CapturedOutput output) {
		assertThatException().isThrownBy(() -> application()
			.run("--spring.config.location=classpath:config-errors/unconvertible-and-invalid.yml"));
		String resource = "Origin: class path resource [config-errors/unconvertible-and-invalid.yml] - ";
		assertThat(output)
			.contains("threadstats is configured with 3 invalid values", "Property: threadstats.flush-interval",
					"Value: \"soon\"", resource + "3:19", "Reason: must be a duration such as 10s, 1500ms or 5m",
					"Property: threadstats.max-series", "Value: \"lots\"", resource + "4:15",
					"Reason: must be a whole number", "Property: threadstats.site", "Value: \"datadoghq.moon\"",
					resource + "5:9")
			.doesNotContain("Failed to bind properties");
		for (String property : new String[] { "flush-interval", "max-series", "site" }) {
			assertThat(output.toString().split("Property: threadstats." + property + "\\R", -1)).as(property)
				.hasSize(2);
		}
	}

	@Test
	void unconvertibleValueFailsStartupAlsoWhenThreadstatsIsDisabled() {
		this.contextRunner.withPropertyValues("threadstats.enabled=false", "threadstats.flush-interval=soon")
			.run((context) -> assertThat(onlyInvalidProperty(context.getStartupFailure()).name())
				.isEqualTo("threadstats.flush-interval"));
	}

	/** A value as written, untrimmed (test property values are trimmed). */
	private static ApplicationContextInitializer<ConfigurableApplicationContext> withRawValue(String name,
			String value) {
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("raw", Map.of(name, value)));
	}

	private static SpringApplication application() {
		SpringApplication application = new SpringApplication(StartupFailureConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		return application;
	}

	private static InvalidProperty onlyInvalidProperty(Throwable failure) {
		return invalidProperties(failure).getProperties().get(0);
	}

	private static InvalidThreadStatsPropertiesException invalidProperties(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof InvalidThreadStatsPropertiesException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("an InvalidThreadStatsPropertiesException in %s", failure).isNotNull();
		return (InvalidThreadStatsPropertiesException) cause;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ThreadStatsAutoConfiguration.class)
	static class StartupFailureConfiguration {

	}

}
