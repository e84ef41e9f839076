package io.threadstats;

import java.time.Duration;
import java.util.Objects;

import io.threadstats.api.AggregatorSettings;
import io.threadstats.api.SettingChecks;
import io.threadstats.submission.DeliverySettings;

/**
 * What a {@link ThreadStats} is made of, resolved once by
 * {@link ThreadStatsBuilder#settings()} (options, then the environment's {@code DD_*}
 * variables) and checked: each part checks its own values when it is built.
 *
 * @param aggregation how points are rolled up, named and tagged
 * @param delivery where and how flushes are delivered
 * @param flushInterval the time between background flushes
 */
public record ThreadStatsSettings(AggregatorSettings aggregation, DeliverySettings delivery, Duration flushInterval) {

	/**
	 * Checks the flush interval.
	 * @throws io.threadstats.api.InvalidSettingsException when it is not positive
	 */
	public ThreadStatsSettings {
		checkFlushInterval(flushInterval, new SettingChecks()).throwIfAny();
		Objects.requireNonNull(aggregation, "aggregation");
		Objects.requireNonNull(delivery, "delivery");
	}

	static SettingChecks checkFlushInterval(Duration flushInterval, SettingChecks checks) {
		return checks.positive("flush-interval", flushInterval);
	}

	/** These settings with other delivery settings (an application's own). */
	public ThreadStatsSettings withDelivery(DeliverySettings delivery) {
		return new ThreadStatsSettings(this.aggregation, delivery, this.flushInterval);
	}

}
