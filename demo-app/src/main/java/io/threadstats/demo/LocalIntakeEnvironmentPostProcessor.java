package io.threadstats.demo;

import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import io.threadstats.demo.intake.LocalIntakeController;

/**
 * Points the starter at the demo's own local intake when no Datadog API key is configured, so a fresh clone
 * shows the whole path working without a Datadog account. With {@code DD_API_KEY} (or
 * {@code threadstats.api-key}) set, or {@code threadstats.api-url} chosen explicitly, it changes nothing.
 *
 * <p>The local intake requires a key like Datadog does but accepts any, so a stand-in key is set with the
 * URL. Both are added with the lowest precedence: any configured value wins.
 */
public class LocalIntakeEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/** The property source holding the local intake's URL and stand-in key. */
	public static final String PROPERTY_SOURCE_NAME = "demoLocalIntake";

	/** The stand-in API key sent to the local intake. */
	public static final String LOCAL_API_KEY = "local-intake";

	private static final String LOCAL_API_URL = "http://127.0.0.1:${local.server.port:${server.port:8080}}"
			+ LocalIntakeController.PREFIX;

	private final Log log;

	/** Created by Spring Boot, with a log that is replayed once logging is set up. */
	public LocalIntakeEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.log = logFactory.getLog(LocalIntakeEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty("threadstats.api-key"))
				|| StringUtils.hasText(environment.getProperty("DD_API_KEY"))
				|| StringUtils.hasText(environment.getProperty("threadstats.api-url"))) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME,
					Map.of("threadstats.api-url", LOCAL_API_URL, "threadstats.api-key", LOCAL_API_KEY)));
		this.log.info("No Datadog API key (DD_API_KEY or threadstats.api-key): metrics go to the demo's local intake at "
				+ environment.resolvePlaceholders(LOCAL_API_URL) + "; open the demo's page at / to see them");
	}

}
