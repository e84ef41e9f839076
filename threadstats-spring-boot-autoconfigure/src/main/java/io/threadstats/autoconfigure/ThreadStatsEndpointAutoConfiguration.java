package io.threadstats.autoconfigure;

import io.threadstats.ThreadStats;
import io.threadstats.actuate.ThreadStatsEndpoint;
import io.threadstats.actuate.ThreadStatsEndpointWebExtension;
import io.threadstats.actuate.ThreadStatsInspector;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration for the {@link ThreadStatsEndpoint} ({@code /actuator/threadstats})
 * and, when exposed over HTTP, its {@link ThreadStatsEndpointWebExtension}. Backs off
 * without the actuator on the classpath; like every endpoint, it is created only when
 * available (enabled and exposed:
 * {@code management.endpoints.web.exposure.include=threadstats}). Also answers when
 * {@code threadstats.enabled=false}, with status {@code disabled}.
 */
@AutoConfiguration(after = ThreadStatsAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
public final class ThreadStatsEndpointAutoConfiguration {

	/**
	 * Nested so that its availability condition, an actuator class, is only resolved once
	 * the actuator is known to be on the class path: Spring resolves every condition of a
	 * class before evaluating any.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(ThreadStatsEndpoint.class)
	@ConditionalOnBean(ThreadStats.class)
	@EnableConfigurationProperties(ThreadStatsProperties.class)
	@Import(ThreadStatsInspectorConfiguration.class)
	static class AvailableEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ThreadStatsEndpoint threadStatsEndpoint(ThreadStatsInspector inspector) {
			return new ThreadStatsEndpoint(inspector);
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(ThreadStatsEndpoint.class)
		@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
		ThreadStatsEndpointWebExtension threadStatsEndpointWebExtension(ThreadStatsEndpoint endpoint) {
			return new ThreadStatsEndpointWebExtension(endpoint);
		}

	}

}
