package io.threadstats.demo.load;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Started with a load setting out of range, the demo stops at startup, saying which
 * property and why: {@link LoadAtStartup} is what brings the checked
 * {@link LoadProperties} into the demo.
 */
class LoadAtStartupTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(LoadAtStartup.class)
		.withBean(LoadGenerator.class, () -> mock(LoadGenerator.class));

	@Test
	void demoDoesNotStartWithTooManySecondsOfLoadAndSaysWhichProperty() {
		this.runner.withPropertyValues("demo.load.seconds=5000")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("demo.load.seconds must be from 0 to 3600, was 5000"));
	}

}
