package io.threadstats.autoconfigure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.threadstats.ThreadStats;
import io.threadstats.submission.DeliverySettings;
import io.threadstats.submission.Submitter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.threadstats.autoconfigure.ThreadStatsContexts.environmentVariables;
import static io.threadstats.autoconfigure.ThreadStatsContexts.mockThreadStats;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the API key comes from, and that it shows nowhere: not in beans, failures, or the
 * actuator endpoints that show configuration.
 */
class ThreadStatsApiKeyTests {

	private final ApplicationContextRunner contextRunner = ThreadStatsContexts.CONTEXT_RUNNER;

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
		this.contextRunner.withBean(ThreadStats.class, () -> mockThreadStats())
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

}
