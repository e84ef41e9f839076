package io.threadstats.autoconfigure;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import io.threadstats.ThreadStats;
import io.threadstats.ThreadStatsBuilder;
import io.threadstats.ThreadStatsSettings;
import io.threadstats.api.SettingChecks;
import io.threadstats.autoconfigure.InvalidThreadStatsPropertiesException.InvalidProperty;
import io.threadstats.submission.DatadogSubmitter;
import io.threadstats.submission.DeliverySettings;
import io.threadstats.submission.LoggingSubmitter;
import io.threadstats.submission.Submitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration for threadstats: a {@link ThreadStats} bean built from the
 * {@code threadstats.*} properties, flushed in the background by a
 * {@link ThreadStatsFlusher} and delivered by a {@link Submitter} over a
 * {@link WebClient} made from the application's {@link WebClient.Builder}.
 *
 * <p>
 * Every bean backs off when the application declares its own: the {@link ThreadStats},
 * the {@link Submitter}, the {@link DeliverySettings}, the {@link ThreadStatsFlusher} and
 * the WebClient builder named {@value #WEB_CLIENT_BUILDER_BEAN_NAME}. Optional
 * collaborators are taken from the application when it has exactly one: a {@link Clock}
 * (else the system clock) and a {@link HostNameResolver} (else the builder's own
 * resolution); {@link ThreadStatsBuilderCustomizer} beans tweak the builder, in order,
 * after the properties, and the builder resolves its {@link ThreadStatsSettings} once,
 * which the other beans use as they are. With {@code threadstats.enabled=false} the
 * {@link ThreadStats} bean is {@link ThreadStats#noop()} and nothing else is created.
 * Without WebClient support on the classpath, the submitter is a
 * {@link LoggingSubmitter}: application code keeps its {@link ThreadStats}, metrics are
 * aggregated and each flush is logged, nothing is sent, and a warning at startup says so.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration" })
@EnableConfigurationProperties(ThreadStatsProperties.class)
public final class ThreadStatsAutoConfiguration {

	/**
	 * The name of the {@link WebClient.Builder} the Datadog submitter is built from. Not
	 * injected by type anywhere else, so it never replaces the application's own builder;
	 * declare a bean with this name (and {@code @Bean(defaultCandidate = false)}) to
	 * replace it.
	 */
	public static final String WEB_CLIENT_BUILDER_BEAN_NAME = "threadStatsWebClientBuilder";

	static final String WEB_CLIENT_MISSING_WARNING = "threadstats: WebClient support (spring-webflux and"
			+ " spring-boot-webclient) is not on the classpath, so metrics are aggregated and each flush is logged,"
			+ " but NOTHING is sent to Datadog; add spring-boot-starter-webclient (the threadstats starter brings it)";

	private static final Logger logger = LoggerFactory.getLogger(ThreadStatsAutoConfiguration.class);

	/**
	 * Keeps the API key out of the actuator's {@code configprops} and {@code env}
	 * endpoints even when they are set to show values, in every spelling relaxed binding
	 * accepts for {@code threadstats.api-key} ({@code threadstats.apiKey},
	 * {@code threadstats.api_key}, the environment variables {@code THREADSTATS_API_KEY}
	 * and {@code THREADSTATS_APIKEY}, in any case) and for {@code DD_API_KEY} (also
	 * {@code dd_api_key}, {@code dd.api.key}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class ApiKeySanitizingConfiguration {

		/**
		 * Either key, with or without a '.', '-' or '_' between its words, in any case.
		 */
		static final Pattern API_KEY = Pattern.compile("(?i)(threadstats|dd)[._-]?api[._-]?key");

		@Bean
		SanitizingFunction threadStatsApiKeySanitizingFunction() {
			return SanitizingFunction.sanitizeValue().ifKeyMatches(API_KEY);
		}

		/**
		 * Also masks any value that holds the key in effect under another name: inside
		 * {@code SPRING_APPLICATION_JSON}, a command line ({@code sun.java.command}), a
		 * property of the application's own that refers to it.
		 */
		@Bean
		SanitizingFunction threadStatsApiKeyValueSanitizingFunction(ObjectProvider<DeliverySettings> settings) {
			return SanitizingFunction.sanitizeValue().ifValueStringMatches((value) -> {
				DeliverySettings delivery = settings.getIfAvailable();
				return delivery != null && delivery.hasApiKey() && value.contains(delivery.apiKey());
			});
		}

	}

	/**
	 * Lets binding go on past a {@code threadstats.*} value that cannot be converted, so
	 * that it joins the one report of invalid values. Static: the binder asks for it
	 * before this class's other beans exist.
	 */
	@Bean
	static UnconvertibleThreadStatsProperties threadStatsUnconvertibleProperties() {
		return new UnconvertibleThreadStatsProperties();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "threadstats.enabled", havingValue = false)
	static class DisabledConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ThreadStats threadStats() {
			return ThreadStats.noop();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "threadstats.enabled", matchIfMissing = true)
	static class EnabledConfiguration {

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass({ WebClient.class, ClientHttpConnectorBuilder.class })
		static class WebClientDeliveryConfiguration {

			@Bean(name = WEB_CLIENT_BUILDER_BEAN_NAME, defaultCandidate = false)
			@ConditionalOnMissingBean(name = WEB_CLIENT_BUILDER_BEAN_NAME)
			WebClient.Builder threadStatsWebClientBuilder(ObjectProvider<WebClient.Builder> applicationBuilder,
					ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
					ObjectProvider<HttpClientSettings> httpClientSettings, DeliverySettings settings) {
				HttpClientSettings timeouts = httpClientSettings.getIfAvailable(HttpClientSettings::defaults)
					.withTimeouts(settings.connectTimeout(), settings.responseTimeout());
				// the application's builder (codecs, customizers, observation), with a
				// connector of our own for the timeouts, cloned so that nothing of ours
				// reaches the application's clients
				return applicationBuilder.getIfUnique(WebClient::builder)
					.clone()
					.clientConnector(
							connectorBuilder.getIfAvailable(ClientHttpConnectorBuilder::detect).build(timeouts));
			}

			@Bean
			@ConditionalOnMissingBean
			Submitter threadStatsSubmitter(DeliverySettings settings,
					@Qualifier(WEB_CLIENT_BUILDER_BEAN_NAME) WebClient.Builder webClientBuilder) {
				return DatadogSubmitter.create(settings, webClientBuilder);
			}

			@Bean
			@ConditionalOnBooleanProperty(name = "threadstats.validate-api-key", matchIfMissing = true)
			ApiKeyValidationOnStartup threadStatsApiKeyValidationOnStartup(ObjectProvider<Submitter> submitter) {
				return new ApiKeyValidationOnStartup(submitter);
			}

		}

		/**
		 * Only without WebClient support, which {@link WebClientDeliveryConfiguration}
		 * needs.
		 */
		@Configuration(proxyBeanMethods = false)
		@Conditional(WebClientDeliveryUnavailable.class)
		static class LoggingDeliveryConfiguration {

			@Bean
			@ConditionalOnMissingBean
			Submitter loggingSubmitter() {
				logger.warn(WEB_CLIENT_MISSING_WARNING);
				return new LoggingSubmitter();
			}

		}

		/**
		 * The properties applied to a builder, then the customizers, resolved once: what
		 * the beans below use as it is.
		 */
		@Bean
		@ConditionalOnMissingBean
		ThreadStatsSettings threadStatsSettings(ThreadStatsProperties properties, Environment environment,
				ObjectProvider<HostNameResolver> hostNameResolver, ObjectProvider<Clock> clock,
				ObjectProvider<ThreadStatsBuilderCustomizer> customizers,
				UnconvertibleThreadStatsProperties unconvertibleProperties) {
			ThreadStatsBuilder builder = propertiesApplied(properties, environment, hostNameResolver, clock);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			SettingChecks checks = checked(properties);
			ThreadStatsSettings settings = checks.build(builder::settings);
			List<InvalidProperty> unconvertible = unconvertibleProperties.take();
			if (!unconvertible.isEmpty() || !checks.violations().isEmpty()) {
				// the same checks without the customizers tell which values the
				// configuration wrote, so that a value a customizer set is not blamed on
				// it
				SettingChecks written = checked(properties);
				written.build(propertiesApplied(properties, environment, hostNameResolver, clock)::settings);
				throw InvalidThreadStatsPropertiesException.of(unconvertible, checks.violations(), written.violations(),
						environment);
			}
			return settings;
		}

		private static ThreadStatsBuilder propertiesApplied(ThreadStatsProperties properties, Environment environment,
				ObjectProvider<HostNameResolver> hostNameResolver, ObjectProvider<Clock> clock) {
			ThreadStatsBuilder builder = ThreadStats.builder();
			new PropertiesThreadStatsBuilderCustomizer(properties, new DatadogEnvironment(properties, environment),
					hostNameResolver.getIfUnique(), clock.getIfUnique(Clock::systemUTC))
				.customize(builder);
			return builder;
		}

		/**
		 * Checks that start with the one property no setting holds, so that all are
		 * reported at once.
		 */
		private static SettingChecks checked(ThreadStatsProperties properties) {
			return new SettingChecks().zeroOrMore("health.failure-window", properties.getHealth().getFailureWindow());
		}

		@Bean
		@ConditionalOnMissingBean
		DeliverySettings threadStatsDeliverySettings(ThreadStatsSettings settings) {
			return settings.delivery();
		}

		@Bean
		@ConditionalOnMissingBean
		ThreadStats threadStats(ThreadStatsSettings settings, DeliverySettings deliverySettings, Submitter submitter) {
			ThreadStatsSettings inEffect = settings.withDelivery(deliverySettings);
			// the flusher below runs the flushes: no flush thread of its own
			ThreadStats threadStats = ThreadStats.create(inEffect, submitter, false);
			logger.info(StartupLine.of(inEffect, submitter));
			return threadStats;
		}

		@Bean
		@ConditionalOnMissingBean
		ThreadStatsFlusher threadStatsFlusher(ThreadStats threadStats, ThreadStatsSettings settings,
				DeliverySettings deliverySettings, ConfigurableApplicationContext context) {
			// the drain timeout in effect (shutdown-timeout, unless a customizer or a
			// DeliverySettings bean changed it) bounds the whole shutdown
			return new ThreadStatsFlusher(threadStats, settings.flushInterval(), deliverySettings.drainTimeout(),
					context);
		}

	}

	/**
	 * Matches when {@link EnabledConfiguration.WebClientDeliveryConfiguration}'s classes
	 * are not all present.
	 */
	static final class WebClientDeliveryUnavailable extends NoneNestedConditions {

		WebClientDeliveryUnavailable() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnClass({ WebClient.class, ClientHttpConnectorBuilder.class })
		static class WebClientDeliveryAvailable {

		}

	}

}
