package io.threadstats.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.threadstats.api.SettingViolation;

import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;

/**
 * Startup failed because threadstats settings break their rules: every one of them, each
 * named as the configuration wrote it, with its value as written and where it was set.
 * Never holds the API key's value.
 */
public class InvalidThreadStatsPropertiesException extends RuntimeException {

	/** What stands for the API key's value, which is never shown. */
	static final String HIDDEN = "(not shown)";

	private final List<InvalidProperty> properties;

	InvalidThreadStatsPropertiesException(List<InvalidProperty> properties) {
		super("threadstats is configured with invalid values: "
				+ properties.stream().map(InvalidProperty::toString).collect(Collectors.joining("; ")));
		this.properties = List.copyOf(properties);
	}

	/**
	 * The failure for violations of values the configuration alone sets (no customizer
	 * could have set them), reported where they are written.
	 */
	static InvalidThreadStatsPropertiesException of(List<SettingViolation> configured, Environment environment) {
		return of(List.of(), configured, configured, environment);
	}

	/**
	 * The values Spring could not convert, then the settings that break their rules,
	 * named and valued as the configuration has them: a {@code threadstats.*} property,
	 * or the {@code DD_API_KEY} or {@code DD_SITE} it falls back to; one a customizer set
	 * keeps the property's name, without an origin.
	 * @param unconvertible the values Spring could not convert
	 * @param violations what the settings break, customizers applied
	 * @param configured what the configuration alone breaks: a violation not among these
	 * is of a value a customizer set, even where the configuration writes the property
	 * @param environment where the properties are written
	 */
	static InvalidThreadStatsPropertiesException of(List<InvalidProperty> unconvertible,
			List<SettingViolation> violations, List<SettingViolation> configured, Environment environment) {
		List<InvalidProperty> properties = new ArrayList<>(unconvertible);
		for (SettingViolation violation : violations) {
			WrittenProperty written = configured.contains(violation) ? written(violation, environment) : null;
			boolean secret = violation.setting().equals("api-key");
			if (written != null) {
				properties.add(new InvalidProperty(written.name(), secret ? HIDDEN : String.valueOf(written.value()),
						written.origin(), violation.rule()));
			}
			else {
				properties.add(new InvalidProperty(violation.property(), secret ? HIDDEN : violation.value(), null,
						violation.rule()));
			}
		}
		return new InvalidThreadStatsPropertiesException(properties);
	}

	private static WrittenProperty written(SettingViolation violation, Environment environment) {
		WrittenProperty property = WrittenProperty.find(environment, violation.property());
		if (property != null) {
			return property;
		}
		return switch (violation.setting()) {
			case "api-key" -> WrittenProperty.findVariable(environment, "DD_API_KEY");
			case "site" -> WrittenProperty.findVariable(environment, "DD_SITE");
			default -> null;
		};
	}

	/** Every setting that breaks its rule, in the order they were checked. */
	public List<InvalidProperty> getProperties() {
		return this.properties;
	}

	/**
	 * One setting that breaks its rule.
	 *
	 * @param name the property or variable, as the configuration names it
	 * @param value the value as written (never the API key's)
	 * @param origin where it was set, or {@code null} when the configuration does not set
	 * it (a {@link ThreadStatsBuilderCustomizer} did)
	 * @param rule what the value must be
	 */
	public record InvalidProperty(String name, String value, Origin origin, String rule) {

		/** Where the value comes from, in words. */
		public String source() {
			return (this.origin != null) ? this.origin.toString()
					: "not in the configuration: a ThreadStatsBuilderCustomizer set it";
		}

		@Override
		public String toString() {
			return this.name + "=" + this.value + " (" + source() + ") must be " + this.rule;
		}

	}

}
