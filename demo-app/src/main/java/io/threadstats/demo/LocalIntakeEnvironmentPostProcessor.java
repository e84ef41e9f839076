package io.threadstats.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.threadstats.demo.intake.IntakeProperties;
import io.threadstats.demo.intake.LocalIntakeApi;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Points the starter at the demo's own local intake when no Datadog API key is
 * configured, so a fresh clone shows the whole path working without a Datadog account.
 * With {@code DD_API_KEY} (or {@code threadstats.api-key}) set, or
 * {@code threadstats.api-url} chosen explicitly, it changes nothing.
 *
 * <p>
 * The local intake runs on its own server on the loopback address, at
 * {@code demo.intake.port} (setting it also starts that server). The starter is
 * configured before any server binds its port, so the intake's URL must name the port in
 * advance: when none is set (or 0), a free port is chosen here and
 * {@code demo.intake.port} set to it.
 *
 * <p>
 * The local intake requires a key like Datadog does but accepts any, so a stand-in key is
 * set with the URL. Both are added with the lowest precedence: any configured value wins.
 */
public class LocalIntakeEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/** The property source holding the local intake's URL and stand-in key. */
	public static final String PROPERTY_SOURCE_NAME = "demoLocalIntake";

	/** The property source fixing {@code demo.intake.port} to the free port chosen. */
	public static final String PORT_PROPERTY_SOURCE_NAME = "demoLocalIntakePort";

	/** The stand-in API key sent to the local intake. */
	public static final String LOCAL_API_KEY = "local-intake";

	private static final String LOCAL_API_URL = "http://127.0.0.1:${" + IntakeProperties.PORT_PROPERTY + "}"
			+ LocalIntakeApi.PREFIX;

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
		String port = environment.getProperty(IntakeProperties.PORT_PROPERTY, "0");
		if ("0".equals(port.trim())) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource(PORT_PROPERTY_SOURCE_NAME,
						Map.of(IntakeProperties.PORT_PROPERTY, freePort())));
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME,
					Map.of("threadstats.api-url", LOCAL_API_URL, "threadstats.api-key", LOCAL_API_KEY)));
		this.log
			.info("No Datadog API key (DD_API_KEY or threadstats.api-key): metrics go to the demo's local intake at "
					+ environment.resolvePlaceholders(LOCAL_API_URL) + "; open the demo's page at / to see them");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port for the demo's local intake", ex);
		}
	}

}
