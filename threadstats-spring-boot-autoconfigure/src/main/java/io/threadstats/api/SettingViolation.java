package io.threadstats.api;

/**
 * A setting whose value breaks its rule: which setting, the value as people write it and
 * the rule, in the one wording the builder, the Spring Boot properties and delivery
 * share.
 *
 * @param setting the setting's name as a {@code threadstats.*} property has it, without
 * the prefix, e.g. {@code connect-timeout} or {@code retry.buffer-size}
 * @param value the value as people write it ({@code 1500ms}, not {@code PT1.5S}), or
 * {@code null} when it is missing; never a secret
 * @param rule what the value must be, e.g. {@code a duration greater than 0s}
 */
public record SettingViolation(String setting, String value, String rule) {

	/** The setting's property name, e.g. {@code threadstats.connect-timeout}. */
	public String property() {
		return "threadstats." + this.setting;
	}

	/**
	 * The one message: {@code threadstats.connect-timeout must be a duration greater than
	 * 0s, was 0s}.
	 */
	public String message() {
		return property() + " must be " + this.rule + ((this.value != null) ? ", was " + this.value : "");
	}

}
