package io.threadstats.demo.load;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The startup load settings are bound with their range checked, and refused naming the
 * property.
 */
class LoadPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(BindLoadProperties.class);

	@Test
	void defaultIsNoLoadAtFiftyRequestsPerSecond() {
		this.runner.run((context) -> {
			assertThat(context.getBean(LoadProperties.class).getSeconds()).isZero();
			assertThat(context.getBean(LoadProperties.class).getRequestsPerSecond()).isEqualTo(50);
		});
	}

	@Test
	void theLongestRunAndTheHighestRateAreAccepted() {
		this.runner.withPropertyValues("demo.load.seconds=3600", "demo.load.requests-per-second=400")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void tooManySecondsAreRefusedNamingTheProperty() {
		this.runner.withPropertyValues("demo.load.seconds=5000")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("demo.load.seconds must be from 0 to 3600, was 5000"));
	}

	@Test
	void rateOutOfRangeIsRefusedNamingTheProperty() {
		this.runner.withPropertyValues("demo.load.requests-per-second=401")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("demo.load.requests-per-second must be from 1 to 400, was 401"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(LoadProperties.class)
	static class BindLoadProperties {

	}

}
