package io.threadstats.demo;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without an API key the starter is pointed at the local intake, on a port of its own;
 * with one, or with its own URL, it is not.
 */
class LocalIntakeEnvironmentPostProcessorTests {

	private final LocalIntakeEnvironmentPostProcessor postProcessor = new LocalIntakeEnvironmentPostProcessor(
			(log) -> log.get());

	@Test
	void withoutApiKeyPointsTheStarterAtTheLocalIntakeOnItsConfiguredPort() {
		MockEnvironment environment = new MockEnvironment().withProperty("demo.intake.port", "9191");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("threadstats.api-url")).isEqualTo("http://127.0.0.1:9191/intake");
		assertThat(environment.getProperty("threadstats.api-key")).isEqualTo("local-intake");
	}

	@Test
	void withoutIntakePortAFreeOneIsChosenUpFrontSoTheIntakeUrlCanNameIt() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.port", "8080");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		int port = environment.getRequiredProperty("demo.intake.port", Integer.class);
		assertThat(port).isPositive().isNotEqualTo(8080);
		assertThat(environment.getProperty("threadstats.api-url")).isEqualTo("http://127.0.0.1:" + port + "/intake");
	}

	@Test
	void intakePortZeroAlsoGetsAFreeOne() {
		MockEnvironment environment = new MockEnvironment().withProperty("demo.intake.port", "0");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getRequiredProperty("demo.intake.port", Integer.class)).isPositive();
	}

	@Test
	void theStarterKeepsItsDefaultShutdownTimeoutSinceTheIntakeOutlivesTheFinalFlush() {
		MockEnvironment environment = new MockEnvironment();
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("threadstats.shutdown-timeout")).isNull();
	}

	@Test
	void localIntakeDefaultsHaveTheLowestPrecedence() {
		MockEnvironment environment = new MockEnvironment().withProperty("demo.intake.port", "9191");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
			.isEqualTo(LocalIntakeEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
	}

	@Test
	void withDatadogApiKeyInTheEnvironmentChangesNothing() {
		MockEnvironment environment = new MockEnvironment().withProperty("DD_API_KEY", "a-real-key");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("threadstats.api-url")).isNull();
		assertThat(environment.getProperty("demo.intake.port")).isNull();
		assertThat(environment.getPropertySources().contains(LocalIntakeEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void withOwnApiUrlChangesNothing() {
		MockEnvironment environment = new MockEnvironment().withProperty("threadstats.api-url", "http://proxy:8080");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("threadstats.api-key")).isNull();
		assertThat(environment.getProperty("demo.intake.port")).isNull();
	}

}
