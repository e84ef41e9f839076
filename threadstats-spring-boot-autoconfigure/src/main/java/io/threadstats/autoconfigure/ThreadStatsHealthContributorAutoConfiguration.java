package io.threadstats.autoconfigure;

import io.threadstats.ThreadStats;
import io.threadstats.actuate.ThreadStatsHealthIndicator;
import io.threadstats.actuate.ThreadStatsInspector;
import io.threadstats.api.SettingChecks;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration for the {@code threadstats} {@link ThreadStatsHealthIndicator}.
 * Backs off without Spring Boot's health support on the classpath, or with
 * {@code management.health.threadstats.enabled=false}.
 */
@AutoConfiguration(after = ThreadStatsAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(Health.class)
public final class ThreadStatsHealthContributorAutoConfiguration {

	/** The indicator's bean name; the health endpoint shows it as {@code threadstats}. */
	static final String BEAN_NAME = "threadstatsHealthIndicator";

	/**
	 * Nested so that its enablement condition, a class of Boot's health module, is only
	 * resolved once that module is known to be on the class path.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("threadstats")
	@ConditionalOnBean(ThreadStats.class)
	@EnableConfigurationProperties(ThreadStatsProperties.class)
	@Import(ThreadStatsInspectorConfiguration.class)
	static class EnabledHealthIndicatorConfiguration {

		@Bean(BEAN_NAME)
		@ConditionalOnMissingBean(name = BEAN_NAME)
		ThreadStatsHealthIndicator threadstatsHealthIndicator(ThreadStatsInspector inspector,
				ThreadStatsProperties properties, Environment environment) {
			ThreadStatsProperties.Health health = properties.getHealth();
			// checked with every other setting when the starter builds
			// ThreadStatsSettings;
			// again here for an application that declares its own
			SettingChecks checks = new SettingChecks().zeroOrMore("health.failure-window", health.getFailureWindow());
			if (!checks.violations().isEmpty()) {
				throw InvalidThreadStatsPropertiesException.of(checks.violations(), environment);
			}
			return new ThreadStatsHealthIndicator(inspector, health.getFailureWindow(), health.isDownOnFailure());
		}

	}

}
