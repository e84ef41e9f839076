package io.threadstats.autoconfigure;

import io.threadstats.actuate.ThreadStatsHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the {@code threadstats} health indicator exists, and what it says without
 * delivery.
 */
class ThreadStatsHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("threadstats.flush-interval=1h")
		.withConfiguration(AutoConfigurations.of(ThreadStatsAutoConfiguration.class,
				ThreadStatsHealthContributorAutoConfiguration.class));

	@Test
	void presentByDefaultUnderTheNameThreadstats() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ThreadStatsHealthIndicator.class)
			.hasBean("threadstatsHealthIndicator"));
	}

	@Test
	void unknownInDryRunMode() {
		// blank, so that a key in the machine's environment does not end dry-run mode
		this.contextRunner.withPropertyValues("DD_API_KEY=").run((context) -> {
			Health health = context.getBean(ThreadStatsHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(health.getDetails()).containsEntry("status", "dry-run");
		});
	}

	@Test
	void unknownWhenThreadStatsIsDisabled() {
		this.contextRunner.withPropertyValues("threadstats.enabled=false").run((context) -> {
			Health health = context.getBean(ThreadStatsHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(health.getDetails()).containsEntry("status", "disabled");
		});
	}

	@Test
	void absentWhenDisabledByProperty() {
		this.contextRunner.withPropertyValues("management.health.threadstats.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadStatsHealthIndicator.class));
	}

	@Test
	void backsOffWithoutHealthSupportOnTheClassPath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ThreadStatsHealthIndicator.class));
	}

}
