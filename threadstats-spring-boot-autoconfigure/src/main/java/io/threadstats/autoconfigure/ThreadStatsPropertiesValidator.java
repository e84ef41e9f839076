package io.threadstats.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.threadstats.api.NameRules;
import io.threadstats.api.RejectReason;

import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;

/**
 * The rules {@link ThreadStatsProperties} must satisfy. Run by Boot's binder when the
 * properties are bound, so that a violation fails startup and Boot's failure analysis
 * names the property, its value, where it came from and, in the message, the values
 * allowed. The API key is never checked here, so its value can never appear in that
 * report. The site and API URL are checked with delivery's own rules when the
 * {@link io.threadstats.submission.DeliverySettings} are resolved
 * ({@link PropertiesDeliverySettings}).
 */
final class ThreadStatsPropertiesValidator {

	private ThreadStatsPropertiesValidator() {
	}

	static void validate(ThreadStatsProperties properties, Errors errors) {
		Duration rollUp = properties.getRollUpInterval();
		if (rollUp == null || rollUp.getNano() != 0 || rollUp.getSeconds() < 1) {
			reject(errors, "rollUpInterval", "threadstats.roll-up-interval",
					"a whole number of seconds, at least 1s (for example 10s)");
		}
		requirePositive(errors, properties.getFlushInterval(), "flushInterval", "threadstats.flush-interval");
		requirePositive(errors, properties.getConnectTimeout(), "connectTimeout", "threadstats.connect-timeout");
		requirePositive(errors, properties.getResponseTimeout(), "responseTimeout", "threadstats.response-timeout");
		Duration shutdown = properties.getShutdownTimeout();
		if (shutdown == null || shutdown.isNegative()) {
			reject(errors, "shutdownTimeout", "threadstats.shutdown-timeout", "a duration of 0s or more");
		}
		if (properties.getMaxSeries() < 1) {
			reject(errors, "maxSeries", "threadstats.max-series", "a whole number of at least 1");
		}
		DataSize bufferSize = properties.getRetry().getBufferSize();
		if (bufferSize == null || bufferSize.isNegative()) {
			reject(errors, "retry.bufferSize", "threadstats.retry.buffer-size",
					"a size of 0B or more (for example 32MB)");
		}
		if (properties.getDistribution().getMaxValuesPerPoint() < 1) {
			reject(errors, "distribution.maxValuesPerPoint", "threadstats.distribution.max-values-per-point",
					"a whole number of at least 1");
		}
		if (properties.getSet().getMaxExactMembers() < 1) {
			reject(errors, "set.maxExactMembers", "threadstats.set.max-exact-members", "a whole number of at least 1");
		}
		DataSize lateData = properties.getLateData().getMaxBytes();
		if (lateData == null || lateData.isNegative()) {
			reject(errors, "lateData.maxBytes", "threadstats.late-data.max-bytes",
					"a size of 0B or more (for example 16MB)");
		}
		List<Double> percentiles = properties.getHistogram().getPercentiles();
		if (percentiles == null || percentiles.stream().anyMatch((p) -> p == null || !(p > 0 && p < 1))) {
			reject(errors, "histogram.percentiles", "threadstats.histogram.percentiles",
					"numbers strictly between 0 and 1 (for example 0.5, 0.95, 0.99), or none");
		}
		if (properties.getHistogram().getAggregates() == null) {
			reject(errors, "histogram.aggregates", "threadstats.histogram.aggregates",
					"any of min, max, count, avg, sum, median, or none");
		}
		validateNamespace(properties.getNamespace(), errors);
		validateConstantTags(properties.getConstantTags(), errors);
		if (properties.getEndpoint().getFlushHistory() < 1) {
			reject(errors, "endpoint.flushHistory", "threadstats.endpoint.flush-history",
					"a whole number of at least 1");
		}
		Duration failureWindow = properties.getHealth().getFailureWindow();
		if (failureWindow == null || failureWindow.isNegative()) {
			reject(errors, "health.failureWindow", "threadstats.health.failure-window", "a duration of 0s or more");
		}
	}

	/**
	 * Blank means none; anything else must be a name the engine keeps exactly as written.
	 */
	private static void validateNamespace(String namespace, Errors errors) {
		if (!StringUtils.hasText(namespace)) {
			return;
		}
		String problem = NameRules.namespaceProblem(namespace);
		if (problem != null) {
			reject(errors, "namespace", "threadstats.namespace", problem);
		}
	}

	/**
	 * Tags the engine would refuse; those it only normalises (lower case, '_' for other
	 * characters) pass.
	 */
	private static void validateConstantTags(List<String> tags, Errors errors) {
		if (tags == null) {
			return;
		}
		List<String> refused = tags.stream().filter((tag) -> NameRules.tag(tag) == null).toList();
		if (!refused.isEmpty()) {
			reject(errors, "constantTags", "threadstats.constant-tags",
					NameRules.CONSTANT_TAG_RULE + " (" + RejectReason.INVALID_TAG.rule() + "); refused: " + refused);
		}
	}

	private static void requirePositive(Errors errors, Duration value, String field, String property) {
		if (value == null || value.isNegative() || value.isZero()) {
			reject(errors, field, property, "a duration greater than 0s");
		}
	}

	private static void reject(Errors errors, String field, String property, String allowed) {
		errors.rejectValue(field, "threadstats.invalid", property + " must be " + allowed);
	}

}
