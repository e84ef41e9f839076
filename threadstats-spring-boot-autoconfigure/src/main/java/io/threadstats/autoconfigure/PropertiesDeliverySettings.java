package io.threadstats.autoconfigure;

import java.util.Objects;
import java.util.function.Function;

import io.threadstats.submission.DeliverySettings;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * Completes the delivery settings the auto-configured builder resolved (properties, then
 * customizers, then {@code DD_API_KEY} and {@code DD_SITE} for what both left unset) with
 * the endpoint's flush history, and checks the site and API URL with delivery's rules, so
 * that a bad one fails startup naming the property or variable it came from, or the
 * customizer.
 */
final class PropertiesDeliverySettings {

	private PropertiesDeliverySettings() {
	}

	static DeliverySettings resolve(DeliverySettings settings, ThreadStatsProperties properties,
			Function<String, String> environment) {
		try {
			settings.baseUrl();
		}
		catch (IllegalArgumentException ex) {
			throw invalid(settings, properties, environment, ex.getMessage());
		}
		// the builder has no flush history option: only the actuator endpoint shows the
		// history
		return new DeliverySettings(settings.apiKey(), settings.site(), settings.apiUrl(), settings.seriesApi(),
				settings.compression(), settings.connectTimeout(), settings.responseTimeout(),
				settings.retryBufferBytes(), settings.drainTimeout(), properties.getEndpoint().getFlushHistory());
	}

	private static RuntimeException invalid(DeliverySettings settings, ThreadStatsProperties properties,
			Function<String, String> environment, String reason) {
		String source;
		Object value;
		if (settings.apiUrl() != null) {
			source = Objects.equals(settings.apiUrl(), properties.getApiUrl()) ? "threadstats.api-url" : null;
			value = settings.apiUrl();
		}
		else {
			source = sourceOfSite(settings.site(), properties, environment);
			value = settings.site();
		}
		if (source == null) {
			return new IllegalArgumentException(
					"threadstats: a ThreadStatsBuilderCustomizer set invalid delivery" + " options: " + reason);
		}
		return new InvalidConfigurationPropertyValueException(source, value, reason);
	}

	private static String sourceOfSite(String site, ThreadStatsProperties properties,
			Function<String, String> environment) {
		if (StringUtils.hasText(properties.getSite())) {
			return site.equals(properties.getSite().trim()) ? "threadstats.site" : null;
		}
		String variable = environment.apply("DD_SITE");
		return (variable != null && site.equals(variable.trim())) ? "DD_SITE" : null;
	}

}
