package io.threadstats.autoconfigure;

import java.time.Clock;
import java.util.function.Function;

import io.threadstats.ThreadStatsBuilder;
import io.threadstats.aggregation.HistogramAggregate;
import io.threadstats.submission.DeliverySettings;
import io.threadstats.submission.Submitter;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.StringUtils;

/**
 * Applies {@link ThreadStatsProperties} and the auto-configured collaborators to a
 * {@link ThreadStatsBuilder}, before any {@link ThreadStatsBuilderCustomizer}. Background flushing is
 * switched off in the engine: {@link ThreadStatsFlusher} drives it with the context's lifecycle.
 */
final class PropertiesThreadStatsBuilderCustomizer implements ThreadStatsBuilderCustomizer {

	private final ThreadStatsProperties properties;

	private final Function<String, String> datadogEnvironment;

	private final HostNameResolver hostNameResolver;

	private final DeliverySettings deliverySettings;

	private final Submitter submitter;

	private final Clock clock;

	PropertiesThreadStatsBuilderCustomizer(ThreadStatsProperties properties, Function<String, String> datadogEnvironment,
			HostNameResolver hostNameResolver, DeliverySettings deliverySettings, Submitter submitter, Clock clock) {
		this.properties = properties;
		this.datadogEnvironment = datadogEnvironment;
		this.hostNameResolver = hostNameResolver;
		this.deliverySettings = deliverySettings;
		this.submitter = submitter;
		this.clock = clock;
	}

	@Override
	public void customize(ThreadStatsBuilder builder) {
		ThreadStatsProperties properties = this.properties;
		PropertyMapper map = PropertyMapper.get();
		builder.autoFlush(false).environment(this.datadogEnvironment).clock(this.clock).submitter(this.submitter);
		map.from(properties::getNamespace).whenHasText().to(builder::namespace);
		map.from(properties::getConstantTags).as((tags) -> tags.toArray(String[]::new)).to(builder::constantTags);
		map.from(properties::getRollUpInterval).to(builder::rollUpInterval);
		map.from(properties::getFlushInterval).to(builder::flushInterval);
		applyHost(builder);
		map.from(properties::getDevice).to(builder::device);
		map.from(properties::getCounterType).to(builder::counterType);
		map.from(properties.getHistogram()::getAggregates)
			.as((aggregates) -> aggregates.toArray(HistogramAggregate[]::new))
			.to(builder::histogramAggregates);
		map.from(properties.getHistogram()::getPercentiles)
			.as((percentiles) -> percentiles.stream().mapToDouble(Double::doubleValue).toArray())
			.to(builder::histogramPercentiles);
		map.from(properties::getMaxSeries).to(builder::maxSeries);
		map.from(properties::isStrict).to(builder::strict);
		// the builder's other delivery options only configure a submitter it would make itself
		builder.drainTimeout(this.deliverySettings.drainTimeout());
	}

	/** Without a resolver or property, the builder falls back to DD_HOSTNAME, then the machine's name. */
	private void applyHost(ThreadStatsBuilder builder) {
		if (!this.properties.isSendHost()) {
			builder.noHost();
		}
		else if (this.hostNameResolver != null) {
			String host = this.hostNameResolver.resolveHostName();
			if (host != null) {
				builder.host(host);
			}
			else {
				builder.noHost();
			}
		}
		else if (StringUtils.hasText(this.properties.getHost())) {
			builder.host(this.properties.getHost());
		}
	}

}
