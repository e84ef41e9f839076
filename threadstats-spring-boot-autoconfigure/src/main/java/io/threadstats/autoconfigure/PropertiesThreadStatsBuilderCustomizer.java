package io.threadstats.autoconfigure;

import java.time.Clock;
import java.util.function.Function;

import io.threadstats.ThreadStatsBuilder;
import io.threadstats.api.HistogramAggregate;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Applies {@link ThreadStatsProperties} and the auto-configured collaborators to a
 * {@link ThreadStatsBuilder}, before any {@link ThreadStatsBuilderCustomizer}: the
 * aggregation options, the delivery options and the flush interval, from which the
 * {@link io.threadstats.ThreadStatsSettings} bean is resolved once the customizers ran.
 */
final class PropertiesThreadStatsBuilderCustomizer implements ThreadStatsBuilderCustomizer {

	private final ThreadStatsProperties properties;

	private final Function<String, String> datadogEnvironment;

	private final HostNameResolver hostNameResolver;

	private final Clock clock;

	PropertiesThreadStatsBuilderCustomizer(ThreadStatsProperties properties,
			Function<String, String> datadogEnvironment, HostNameResolver hostNameResolver, Clock clock) {
		this.properties = properties;
		this.datadogEnvironment = datadogEnvironment;
		this.hostNameResolver = hostNameResolver;
		this.clock = clock;
	}

	@Override
	public void customize(ThreadStatsBuilder builder) {
		ThreadStatsProperties properties = this.properties;
		PropertyMapper map = PropertyMapper.get();
		builder.environment(this.datadogEnvironment).clock(this.clock);
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
		map.from(properties.getDistribution()::getMaxValuesPerPoint).to(builder::distributionValuesPerPoint);
		map.from(properties.getSet()::getMaxExactMembers).to(builder::setExactMembers);
		map.from(properties.getLateData()::getMaxBytes).as(DataSize::toBytes).to(builder::lateDataMaxBytes);
		map.from(properties::isStrict).to(builder::strict);
		map.from(properties::getApiKey).to(builder::apiKey);
		map.from(properties::getSite).to(builder::site);
		map.from(properties::getApiUrl).to(builder::apiUrl);
		map.from(properties::getSeriesApi).to(builder::seriesApi);
		map.from(properties::getCompression).to(builder::compression);
		map.from(properties::getConnectTimeout).to(builder::connectTimeout);
		map.from(properties::getResponseTimeout).to(builder::responseTimeout);
		map.from(properties.getRetry()::getBufferSize).as((size) -> size.toBytes()).to(builder::retryBufferBytes);
		map.from(properties::getShutdownTimeout).to(builder::drainTimeout);
		map.from(properties.getEndpoint()::getFlushHistory).to(builder::flushHistory);
	}

	/**
	 * Without a resolver or property, the builder falls back to DD_HOSTNAME, then the
	 * machine's name.
	 */
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
