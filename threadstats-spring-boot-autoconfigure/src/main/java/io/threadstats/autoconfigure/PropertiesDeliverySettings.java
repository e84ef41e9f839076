package io.threadstats.autoconfigure;

import java.util.List;

import io.threadstats.submission.DeliverySettings;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Resolves {@link DeliverySettings} from {@link ThreadStatsProperties} and Datadog's environment
 * variables, and rejects a site Datadog does not have (naming the property or variable it came from).
 */
final class PropertiesDeliverySettings {

	/** Datadog's sites, as listed in its API documentation. */
	static final List<String> SITES = List.of("datadoghq.com", "us3.datadoghq.com", "us5.datadoghq.com",
			"datadoghq.eu", "ap1.datadoghq.com", "ap2.datadoghq.com", "ddog-gov.com", "us2.ddog-gov.com",
			"uk1.datadoghq.com");

	private PropertiesDeliverySettings() {
	}

	static DeliverySettings resolve(ThreadStatsProperties properties, DatadogEnvironment datadogEnvironment) {
		String site = datadogEnvironment.apply(DatadogEnvironment.SITE);
		if (site == null) {
			site = DeliverySettings.DEFAULT_SITE;
		}
		else if (!SITES.contains(site)) {
			throw new InvalidConfigurationPropertyValueException(
					datadogEnvironment.sourceOf(DatadogEnvironment.SITE, "threadstats.site"), site,
					"Not a Datadog site. Use one of " + String.join(", ", SITES)
							+ ", or set threadstats.api-url for any other endpoint.");
		}
		return new DeliverySettings(datadogEnvironment.apply(DatadogEnvironment.API_KEY), site,
				properties.getApiUrl(), properties.getSeriesApi(), properties.getCompression(),
				properties.getConnectTimeout(), properties.getResponseTimeout(),
				properties.getRetry().getBufferSize().toBytes(), properties.getShutdownTimeout());
	}

}
