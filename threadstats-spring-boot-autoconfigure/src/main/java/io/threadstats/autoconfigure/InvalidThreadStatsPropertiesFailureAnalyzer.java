package io.threadstats.autoconfigure;

import io.threadstats.autoconfigure.InvalidThreadStatsPropertiesException.InvalidProperty;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidThreadStatsPropertiesException} the way Spring Boot explains
 * a property that fails to bind: each property with its value, origin and rule.
 */
class InvalidThreadStatsPropertiesFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidThreadStatsPropertiesException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidThreadStatsPropertiesException cause) {
		StringBuilder description = new StringBuilder(String.format("threadstats is configured with %d invalid %s:%n",
				cause.getProperties().size(), (cause.getProperties().size() == 1) ? "value" : "values"));
		for (InvalidProperty property : cause.getProperties()) {
			description.append(String.format("%n    Property: %s", property.name()))
				.append(String.format("%n    Value: \"%s\"", property.value()))
				.append(String.format("%n    Origin: %s", property.source()))
				.append(String.format("%n    Reason: must be %s%n", property.rule()));
		}
		return new FailureAnalysis(description.toString(),
				"Update each value above to follow its rule (see the threadstats README's Configuration section).",
				cause);
	}

}
