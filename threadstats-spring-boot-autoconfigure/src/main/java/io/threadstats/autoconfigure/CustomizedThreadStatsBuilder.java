package io.threadstats.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;

import io.threadstats.ThreadStats;
import io.threadstats.ThreadStatsBuilder;
import io.threadstats.submission.DeliverySettings;
import io.threadstats.submission.Submitter;

/**
 * The auto-configured {@link ThreadStatsBuilder}: the {@code threadstats.*} properties
 * applied, then every {@link ThreadStatsBuilderCustomizer}, once. The delivery settings
 * and the flush interval are read from it after the customizers ran, so an option a
 * customizer sets takes effect exactly as the property it overrides would (an API key
 * fetched from a vault reaches the submitter).
 *
 * <p>
 * Two options stay the context's: flushing is driven by the {@link ThreadStatsFlusher}
 * (so {@code autoFlush} is always off and no second flush thread starts), and flushes go
 * to the {@link Submitter} bean.
 */
final class CustomizedThreadStatsBuilder {

	private final ThreadStatsBuilder builder;

	private final ThreadStatsProperties properties;

	private final DatadogEnvironment datadogEnvironment;

	CustomizedThreadStatsBuilder(ThreadStatsProperties properties, DatadogEnvironment datadogEnvironment,
			HostNameResolver hostNameResolver, Clock clock, Stream<ThreadStatsBuilderCustomizer> customizers) {
		this.properties = properties;
		this.datadogEnvironment = datadogEnvironment;
		this.builder = ThreadStats.builder();
		new PropertiesThreadStatsBuilderCustomizer(properties, datadogEnvironment, hostNameResolver, clock)
			.customize(this.builder);
		customizers.forEach((customizer) -> customizer.customize(this.builder));
	}

	/**
	 * The delivery options after the customizers, with {@code DD_API_KEY} and
	 * {@code DD_SITE} applied, checked and completed by
	 * {@link PropertiesDeliverySettings} against the same environment the builder read.
	 */
	DeliverySettings deliverySettings() {
		return PropertiesDeliverySettings.resolve(this.builder.deliverySettings(), this.properties,
				this.datadogEnvironment);
	}

	/**
	 * The time between flushes after the customizers: what the {@link ThreadStatsFlusher}
	 * ticks by.
	 */
	Duration flushInterval() {
		return this.builder.flushInterval();
	}

	/**
	 * Builds the {@link ThreadStats} bean.
	 * @param submitter the submitter bean, where every flush goes
	 * @param drainTimeout how long closing waits for delivery, from the delivery settings
	 * in use
	 */
	ThreadStats build(Submitter submitter, Duration drainTimeout) {
		return this.builder.autoFlush(false).submitter(submitter).drainTimeout(drainTimeout).build();
	}

}
