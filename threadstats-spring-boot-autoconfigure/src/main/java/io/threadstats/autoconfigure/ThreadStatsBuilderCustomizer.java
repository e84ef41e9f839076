package io.threadstats.autoconfigure;

import io.threadstats.ThreadStatsBuilder;

/**
 * Tweaks the auto-configured {@link ThreadStatsBuilder} after the {@code threadstats.*}
 * properties were applied and before the {@link io.threadstats.ThreadStats} bean is
 * built. Declare any number of beans of this type; they run once, in
 * {@link org.springframework.core.Ordered} / {@code @Order} order, so a later one
 * overrides an earlier one.
 *
 * <p>
 * Every option a customizer sets takes effect as the property it overrides would: the
 * builder then resolves its {@link io.threadstats.ThreadStatsSettings} once, and the
 * other beans use them as they are; the delivery options ({@code apiKey}, {@code site},
 * {@code apiUrl}, {@code seriesApi}, {@code compression}, the timeouts,
 * {@code retryBufferBytes}, {@code drainTimeout}) make the
 * {@link io.threadstats.submission.DeliverySettings} bean that the submitter, its
 * WebClient and the actuator endpoint use, so an API key fetched from a vault here is the
 * one sent; {@code flushInterval} is what the {@link ThreadStatsFlusher} ticks by. Two
 * options stay the context's: {@code autoFlush} (the flusher runs the flushes, so no
 * second flush thread is ever started) and {@code submitter} (flushes go to the
 * {@link io.threadstats.submission.Submitter} bean; declare one to replace it). With a
 * {@code DeliverySettings} bean of your own, delivery is configured by it alone. A value
 * that breaks its rule fails startup like an invalid property, saying a customizer set
 * it.
 */
@FunctionalInterface
public interface ThreadStatsBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder, with the properties already applied
	 */
	void customize(ThreadStatsBuilder builder);

}
