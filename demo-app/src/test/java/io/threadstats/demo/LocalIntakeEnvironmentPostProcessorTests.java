package io.threadstats.demo;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without an API key the starter is pointed at the local intake; with one, or with its
 * own URL, it is not.
 */
class LocalIntakeEnvironmentPostProcessorTests {

	private final LocalIntakeEnvironmentPostProcessor postProcessor = new LocalIntakeEnvironmentPostProcessor(
			(log) -> log.get());

	@Test
	void withoutApiKeyPointsTheStarterAtTheLocalIntakeOnTheServerPort() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.port", "9191");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("threadstats.api-url")).isEqualTo("http://127.0.0.1:9191/intake");
		assertThat(environment.getProperty("threadstats.api-key")).isEqualTo("local-intake");
	}

	@Test
	void withoutApiKeyTheShutdownDoesNotWaitLongForTheIntakeThatStopsWithTheApp() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.port", "9191");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("threadstats.shutdown-timeout")).isEqualTo("1s");
	}

	@Test
	void configuredShutdownTimeoutWinsOverTheLocalIntakeOne() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.port", "9191")
			.withProperty("threadstats.shutdown-timeout", "30s");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("threadstats.shutdown-timeout")).isEqualTo("30s");
	}

	@Test
	void anyFreePortIsChosenUpFrontSoTheIntakeUrlCanNameIt() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.port", "0");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		int port = environment.getRequiredProperty("server.port", Integer.class);
		assertThat(port).isPositive();
		assertThat(environment.getProperty("threadstats.api-url")).isEqualTo("http://127.0.0.1:" + port + "/intake");
	}

	@Test
	void localIntakeDefaultsHaveTheLowestPrecedence() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.port", "9191");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
			.isEqualTo(LocalIntakeEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
	}

	@Test
	void withDatadogApiKeyInTheEnvironmentChangesNothing() {
		MockEnvironment environment = new MockEnvironment().withProperty("DD_API_KEY", "a-real-key");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("threadstats.api-url")).isNull();
		assertThat(environment.getProperty("threadstats.shutdown-timeout")).isNull();
		assertThat(environment.getPropertySources().contains(LocalIntakeEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void withOwnApiUrlChangesNothing() {
		MockEnvironment environment = new MockEnvironment().withProperty("threadstats.api-url", "http://proxy:8080");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("threadstats.api-key")).isNull();
	}

}
