package io.threadstats.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Checks setting values against their rules and collects every violation, so that all are
 * reported at once. Each kind of rule, and its wording, is written here once; the
 * settings values ({@link AggregatorSettings}, the delivery settings) check themselves
 * with it when they are built.
 */
public final class SettingChecks {

	/** The rule of a duration that must be greater than zero. */
	public static final String POSITIVE_DURATION = "a duration greater than 0s";

	/** The rule of a duration that may be zero. */
	public static final String DURATION_ZERO_OR_MORE = "a duration of 0s or more";

	/** The rule of a count that must be at least one. */
	public static final String AT_LEAST_ONE = "a whole number of at least 1";

	/** The rule of a size in bytes that may be zero. */
	public static final String SIZE_ZERO_OR_MORE = "a size of 0B or more (for example 32MB)";

	/** The rule of a roll-up interval. */
	public static final String WHOLE_SECONDS = "a whole number of seconds, at least 1s (for example 10s)";

	private final List<SettingViolation> violations = new ArrayList<>();

	/** A duration greater than zero. */
	public SettingChecks positive(String setting, Duration value) {
		return require(value != null && !value.isNegative() && !value.isZero(), setting, value, POSITIVE_DURATION);
	}

	/** A duration of zero or more. */
	public SettingChecks zeroOrMore(String setting, Duration value) {
		return require(value != null && !value.isNegative(), setting, value, DURATION_ZERO_OR_MORE);
	}

	/** A whole number of seconds, at least one. */
	public SettingChecks wholeSeconds(String setting, Duration value) {
		return require(value != null && value.getSeconds() >= 1 && value.getNano() == 0, setting, value, WHOLE_SECONDS);
	}

	/** A whole number of seconds, at least one, already counted in seconds. */
	public SettingChecks wholeSeconds(String setting, long seconds) {
		return require(seconds >= 1, setting, Durations.shown(Duration.ofSeconds(seconds)), WHOLE_SECONDS);
	}

	/** A count of at least one. */
	public SettingChecks atLeastOne(String setting, long value) {
		return require(value >= 1, setting, String.valueOf(value), AT_LEAST_ONE);
	}

	/** A size in bytes, zero or more. */
	public SettingChecks bytesZeroOrMore(String setting, long bytes) {
		return require(bytes >= 0, setting, bytes + "B", SIZE_ZERO_OR_MORE);
	}

	/** A value that must be set, one of {@code allowed}. */
	public SettingChecks present(String setting, Object value, String allowed) {
		return require(value != null, setting, (String) null, allowed);
	}

	/**
	 * Any other rule.
	 * @param valid whether the value follows it
	 * @param value the value as shown in the message (never a secret)
	 */
	public SettingChecks require(boolean valid, String setting, String value, String rule) {
		if (!valid) {
			add(new SettingViolation(setting, value, rule));
		}
		return this;
	}

	/**
	 * One report per setting: a value missing is not also out of range, and a value
	 * checked where it is given and again where it is kept is reported once.
	 */
	private void add(SettingViolation violation) {
		if (this.violations.stream().noneMatch((known) -> known.setting().equals(violation.setting()))) {
			this.violations.add(violation);
		}
	}

	private SettingChecks require(boolean valid, String setting, Duration value, String rule) {
		return require(valid, setting, Durations.shown(value), rule);
	}

	/**
	 * Builds a value that checks itself, keeping its violations with these.
	 * @return the value, or {@code null} when it broke a rule
	 */
	public <T> T build(Supplier<T> value) {
		try {
			return value.get();
		}
		catch (InvalidSettingsException ex) {
			ex.violations().forEach(this::add);
			return null;
		}
	}

	/** The violations found so far. */
	public List<SettingViolation> violations() {
		return List.copyOf(this.violations);
	}

	/**
	 * Throws when any check failed.
	 * @throws InvalidSettingsException listing every violation
	 */
	public void throwIfAny() {
		if (!this.violations.isEmpty()) {
			throw new InvalidSettingsException(this.violations);
		}
	}

}
