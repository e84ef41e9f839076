package io.threadstats.autoconfigure;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * A property as the application's configuration wrote it: its value as written
 * ({@code 1500ms}, not the {@code PT1.5S} it binds to) and where it was set, when Spring
 * Boot knows (a file and line, an environment variable, a command line argument).
 *
 * @param name the property or variable name
 * @param value the value as written
 * @param origin where it was set, or {@code null} when unknown
 */
record WrittenProperty(String name, Object value, Origin origin) {

	/**
	 * The property as it is bound, under its canonical name or any relaxed form
	 * ({@code THREADSTATS_ROLL_UP_INTERVAL}, {@code threadstats.rollUpInterval}), from
	 * the source that wins; a list's first element when it is written as one.
	 * @return the property, or {@code null} when the configuration does not set it
	 */
	static WrittenProperty find(Environment environment, String property) {
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		for (ConfigurationPropertyName candidate : new ConfigurationPropertyName[] { name, name.append("[0]") }) {
			for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
				ConfigurationProperty found = source.getConfigurationProperty(candidate);
				if (found != null) {
					return new WrittenProperty(property, found.getValue(), found.getOrigin());
				}
			}
		}
		return null;
	}

	/**
	 * A variable such as {@code DD_SITE}, under that exact name, from the source that
	 * wins.
	 * @return the variable, or {@code null} when nothing sets it
	 */
	static WrittenProperty findVariable(Environment environment, String variable) {
		if (environment instanceof ConfigurableEnvironment configurable) {
			for (PropertySource<?> source : configurable.getPropertySources()) {
				Object value = source.getProperty(variable);
				if (value != null) {
					return new WrittenProperty(variable, value, OriginLookup.getOrigin(source, variable));
				}
			}
		}
		return null;
	}

}
