package io.threadstats.autoconfigure;

import java.util.Map;
import java.util.function.Function;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Datadog's environment variables ({@code DD_API_KEY}, {@code DD_SITE}, {@code DD_HOSTNAME},
 * {@code DD_ENV}, {@code DD_SERVICE}, {@code DD_VERSION}, {@code DATADOG_TAGS}) as the engine reads
 * them, with the matching {@code threadstats.*} properties taking precedence and everything else read
 * through Spring's {@link Environment} (so system properties, test property values and any other
 * property source can set them too).
 *
 * <p>This is the one place the auto-configuration decides precedence; the engine then applies its
 * own fallbacks (unified service tags, default site) to what this returns.
 */
final class DatadogEnvironment implements Function<String, String> {

	static final String API_KEY = "DD_API_KEY";

	static final String SITE = "DD_SITE";

	static final String HOSTNAME = "DD_HOSTNAME";

	private final Map<String, String> properties;

	private final Environment environment;

	DatadogEnvironment(ThreadStatsProperties properties, Environment environment) {
		this.properties = Map.of(API_KEY, orEmpty(properties.getApiKey()), SITE, orEmpty(properties.getSite()),
				HOSTNAME, orEmpty(properties.getHost()), "DD_ENV", orEmpty(properties.getEnv()), "DD_SERVICE",
				orEmpty(properties.getService()), "DD_VERSION", orEmpty(properties.getVersion()));
		this.environment = environment;
	}

	/** The value for a Datadog variable name, or {@code null} when neither a property nor the environment sets it. */
	@Override
	public String apply(String name) {
		String property = this.properties.get(name);
		if (StringUtils.hasText(property)) {
			return property;
		}
		String value = this.environment.getProperty(name);
		return StringUtils.hasText(value) ? value : null;
	}

	/** Which setting supplied {@code name}'s value, for error messages: the property or the variable. */
	String sourceOf(String name, String property) {
		return StringUtils.hasText(this.properties.get(name)) ? property : name;
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

	@Override
	public String toString() {
		return "DatadogEnvironment[properties over " + this.environment.getClass().getSimpleName() + "]";
	}

}
