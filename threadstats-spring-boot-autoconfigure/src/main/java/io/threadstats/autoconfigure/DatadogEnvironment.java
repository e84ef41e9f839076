package io.threadstats.autoconfigure;

import java.util.Map;
import java.util.function.Function;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The environment the engine reads Datadog's variables from ({@code DD_API_KEY},
 * {@code DD_SITE}, {@code DD_HOSTNAME}, {@code DATADOG_TAGS}, ...): Spring's
 * {@link Environment}, so system properties, test property values and any other property
 * source can set them too, with {@code threadstats.env}, {@code threadstats.service} and
 * {@code threadstats.version} taking precedence over {@code DD_ENV}, {@code DD_SERVICE}
 * and {@code DD_VERSION} (the builder has no option for those: it turns the variables
 * into unified service tags). The other properties are builder options, which the builder
 * itself puts before the variables.
 */
final class DatadogEnvironment implements Function<String, String> {

	private final Map<String, String> properties;

	private final Environment environment;

	DatadogEnvironment(ThreadStatsProperties properties, Environment environment) {
		this.properties = Map.of("DD_ENV", orEmpty(properties.getEnv()), "DD_SERVICE", orEmpty(properties.getService()),
				"DD_VERSION", orEmpty(properties.getVersion()));
		this.environment = environment;
	}

	/**
	 * The value for a Datadog variable name, or {@code null} when neither a property nor
	 * the environment sets it.
	 */
	@Override
	public String apply(String name) {
		String property = this.properties.get(name);
		if (StringUtils.hasText(property)) {
			return property;
		}
		String value = this.environment.getProperty(name);
		return StringUtils.hasText(value) ? value : null;
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

}
