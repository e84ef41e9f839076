package io.threadstats.demo.load;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import io.threadstats.demo.DemoApplication;

import static org.assertj.core.api.Assertions.assertThatException;

/** Started with a load setting out of range, the demo stops at startup, saying which property and why. */
class LoadAtStartupTests {

	@Test
	void demoDoesNotStartWithTooManySecondsOfLoadAndSaysWhichProperty() {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(DemoApplication.class).run("--server.port=0",
					"--demo.load.seconds=5000"))
			.havingRootCause()
			.withMessage("demo.load.seconds must be from 0 to 3600, was 5000");
	}

}
