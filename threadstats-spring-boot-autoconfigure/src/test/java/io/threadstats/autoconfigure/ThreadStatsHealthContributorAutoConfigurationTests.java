package io.threadstats.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import io.threadstats.ThreadStats;
import io.threadstats.ThreadStatsSettings;
import io.threadstats.actuate.ThreadStatsHealthIndicator;
import io.threadstats.actuate.ThreadStatsInspector;
import io.threadstats.snapshot.CheckStatus;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the {@code threadstats} health indicator exists, what it says without delivery,
 * and what a failing intake does to the application's overall health and its groups.
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
	void anInvalidFailureWindowFailsStartupAlsoWhenTheApplicationDeclaresItsOwnSettings() {
		this.contextRunner.withBean(ThreadStatsSettings.class, () -> ThreadStats.builder().settings())
			.withPropertyValues("threadstats.health.failure-window=-1s")
			.run((context) -> {
				Throwable cause = context.getStartupFailure();
				while (cause != null && !(cause instanceof InvalidThreadStatsPropertiesException)) {
					cause = cause.getCause();
				}
				assertThat(cause).isInstanceOfSatisfying(InvalidThreadStatsPropertiesException.class,
						(invalid) -> assertThat(invalid.getProperties()).singleElement().satisfies((property) -> {
							assertThat(property.name()).isEqualTo("threadstats.health.failure-window");
							assertThat(property.value()).isEqualTo("-1s");
							assertThat(property.rule()).contains("0s or more");
						}));
			});
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
	void aFailingIntakeNeverMakesTheApplicationOrAGroupIncludingTheIndicatorUnhealthy() {
		failingIntake(this.contextRunner).run((context) -> {
			HealthEndpoint health = deliverAndFail(context);
			assertThat(health.healthForPath("threadstats").getStatus()).isEqualTo(ThreadStatsHealthIndicator.FAILING);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			assertThat(health.healthForPath("metrics").getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void downOnFailureMakesTheOverallHealthAndGroupsIncludingTheIndicatorDown() {
		failingIntake(this.contextRunner).withPropertyValues("threadstats.health.down-on-failure=true")
			.run((context) -> {
				HealthEndpoint health = deliverAndFail(context);
				assertThat(health.healthForPath("threadstats").getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.healthForPath("metrics").getStatus()).isEqualTo(Status.DOWN);
			});
	}

	/**
	 * Delivery to a loopback port nothing listens on, failing at once, beside Boot's
	 * {@code ping} indicator, with a group "metrics" that includes both as an application
	 * would.
	 */
	private static ApplicationContextRunner failingIntake(ApplicationContextRunner runner) {
		return runner
			.withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class,
					HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class))
			.withPropertyValues("threadstats.api-key=0123456789abcdef0123456789abcdef",
					"threadstats.api-url=http://127.0.0.1:" + closedPort(), "threadstats.validate-api-key=false",
					"threadstats.health.failure-window=0s", "threadstats.shutdown-timeout=0s",
					"management.endpoint.health.group.metrics.include=ping,threadstats");
	}

	private static HealthEndpoint deliverAndFail(ApplicationContext context) {
		// queued for the next flush, unlike points, which wait for their bucket to close
		context.getBean(ThreadStats.class).serviceCheck("app.up", CheckStatus.OK);
		assertThat(context.getBean(ThreadStatsInspector.class).flush().outcome().label()).isEqualTo("retrying");
		return context.getBean(HealthEndpoint.class);
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void backsOffWithoutHealthSupportOnTheClassPath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ThreadStatsHealthIndicator.class));
	}

}
