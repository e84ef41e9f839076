package io.threadstats.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.threadstats.ThreadStats;
import io.threadstats.submission.InMemorySubmitter;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.mockito.MockMakers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

/**
 * The context runners, the fixed time and the helpers the auto-configuration test classes
 * share.
 */
final class ThreadStatsContexts {

	/**
	 * Now, for the engine, in every test that records: a whole minute, so buckets are
	 * easy to predict.
	 */
	static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

	static final Instant AFTER_EVERY_BUCKET = NOW.plus(Duration.ofMinutes(5));

	static final ApplicationContextRunner CONTEXT_RUNNER = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(CodecsAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, ThreadStatsAutoConfiguration.class));

	/** The same, with a fixed clock and a submitter that keeps what it is given. */
	static final ApplicationContextRunner RECORDING_RUNNER = CONTEXT_RUNNER
		.withBean(Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC))
		.withBean(InMemorySubmitter.class, InMemorySubmitter::new);

	private ThreadStatsContexts() {
	}

	/**
	 * A mock ThreadStats made as a subclass: Mockito's default (inline) mock maker would
	 * rewrite the interface's default methods for the whole JVM, and every later
	 * {@code increment(...)} of a real ThreadStats would then allocate, which the
	 * recording tests count.
	 */
	static ThreadStats mockThreadStats() {
		return mock(ThreadStats.class, withSettings().mockMaker(MockMakers.SUBCLASS));
	}

	/** Closing the context drains once, within {@code bound}. */
	static void assertFinalDrainBoundedBy(ApplicationContextRunner runner, Duration bound) {
		runner.run((context) -> {
			InMemorySubmitter submitter = context.getBean(InMemorySubmitter.class);
			context.close();
			assertDrainBounded(submitter, bound);
		});
	}

	/**
	 * The submitter was closed once, given what the final flush left of {@code bound}:
	 * something, not more.
	 */
	static void assertDrainBounded(InMemorySubmitter submitter, Duration bound) {
		assertThat(submitter.closeTimeouts()).singleElement(InstanceOfAssertFactories.DURATION)
			.isPositive()
			.isLessThanOrEqualTo(bound);
	}

	/**
	 * Replaces the process's environment variables by {@code variables}, as Boot reads
	 * them.
	 */
	static ApplicationContextInitializer<ConfigurableApplicationContext> environmentVariables(
			Map<String, Object> variables) {
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
	}

	/**
	 * Runs a test against a WireMock server on a free loopback port, stopped afterwards.
	 */
	static void withLocalIntake(Consumer<WireMockServer> test) {
		WireMockServer intake = new WireMockServer(
				WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
		intake.start();
		try {
			test.accept(intake);
		}
		finally {
			intake.stop();
		}
	}

	static List<Thread> flushThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(ThreadStatsFlusher.THREAD_NAME) && thread.isAlive())
			.toList();
	}

}
