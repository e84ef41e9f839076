package io.threadstats.autoconfigure;

import java.util.function.Function;

import io.threadstats.ThreadStats;
import io.threadstats.submission.DeliverySettings;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * Resolves {@link DeliverySettings} from {@link ThreadStatsProperties} the way the builder does
 * ({@code DD_API_KEY} and {@code DD_SITE} for what the properties leave unset), then checks the site and
 * API URL with delivery's rules so that a bad one fails startup naming the property or variable it came
 * from.
 */
final class PropertiesDeliverySettings {

	private PropertiesDeliverySettings() {
	}

	static DeliverySettings resolve(ThreadStatsProperties properties, Function<String, String> environment) {
		DeliverySettings settings = ThreadStats.builder()
			.environment(environment)
			.apiKey(properties.getApiKey())
			.site(properties.getSite())
			.apiUrl(properties.getApiUrl())
			.seriesApi(properties.getSeriesApi())
			.compression(properties.getCompression())
			.connectTimeout(properties.getConnectTimeout())
			.responseTimeout(properties.getResponseTimeout())
			.retryBufferBytes(properties.getRetry().getBufferSize().toBytes())
			.drainTimeout(properties.getShutdownTimeout())
			.deliverySettings();
		try {
			settings.baseUrl();
		}
		catch (IllegalArgumentException ex) {
			if (settings.apiUrl() != null) {
				throw new InvalidConfigurationPropertyValueException("threadstats.api-url", settings.apiUrl(),
						ex.getMessage());
			}
			String source = StringUtils.hasText(properties.getSite()) ? "threadstats.site" : "DD_SITE";
			throw new InvalidConfigurationPropertyValueException(source, settings.site(), ex.getMessage());
		}
		return settings;
	}

}
