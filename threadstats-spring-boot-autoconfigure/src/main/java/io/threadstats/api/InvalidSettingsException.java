package io.threadstats.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when settings are built from values that break their rules; lists every
 * violation, not only the first.
 */
public class InvalidSettingsException extends IllegalArgumentException {

	private final List<SettingViolation> violations;

	/**
	 * @param violations what is wrong, at least one
	 */
	public InvalidSettingsException(List<SettingViolation> violations) {
		super(violations.stream().map(SettingViolation::message).collect(Collectors.joining("; ")));
		this.violations = List.copyOf(violations);
	}

	/** Every violation, in the order the settings were checked. */
	public List<SettingViolation> violations() {
		return this.violations;
	}

}
