package io.threadstats.autoconfigure;

import io.threadstats.ThreadStatsBuilder;

/**
 * Tweaks the auto-configured {@link ThreadStatsBuilder} after the {@code threadstats.*} properties were
 * applied and before the {@link io.threadstats.ThreadStats} bean is built. Declare any number of beans
 * of this type; they run in {@link org.springframework.core.Ordered} / {@code @Order} order, so a later
 * one overrides an earlier one.
 */
@FunctionalInterface
public interface ThreadStatsBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder, with the properties already applied
	 */
	void customize(ThreadStatsBuilder builder);

}
