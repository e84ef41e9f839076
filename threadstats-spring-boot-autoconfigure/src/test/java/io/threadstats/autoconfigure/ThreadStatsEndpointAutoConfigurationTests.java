package io.threadstats.autoconfigure;

import io.threadstats.ThreadStats;
import io.threadstats.actuate.FlushView;
import io.threadstats.actuate.ThreadStatsEndpoint;
import io.threadstats.actuate.ThreadStatsInspector;
import io.threadstats.actuate.ThreadStatsReport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** When the {@code threadstats} endpoint exists: exposure, access, actuator on the class path, disabled. */
class ThreadStatsEndpointAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withPropertyValues("threadstats.flush-interval=1h")
		.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
				ThreadStatsAutoConfiguration.class, ThreadStatsEndpointAutoConfiguration.class));

	@Test
	void notExposedByDefaultLikeEveryOtherEndpoint() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(ThreadStats.class)
			.doesNotHaveBean(ThreadStatsEndpoint.class));
	}

	@Test
	void exposedWhenTheApplicationIncludesIt() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=threadstats")
			.run((context) -> assertThat(context).hasSingleBean(ThreadStatsEndpoint.class)
				.hasSingleBean(ThreadStatsInspector.class));
	}

	@Test
	void absentWhenAccessIsNone() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=threadstats",
					"management.endpoint.threadstats.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadStatsEndpoint.class));
	}

	@Test
	void backsOffWithoutTheActuatorOnTheClassPath() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(ThreadStatsAutoConfiguration.class, ThreadStatsEndpointAutoConfiguration.class))
			.withPropertyValues("threadstats.flush-interval=1h", "management.endpoints.web.exposure.include=threadstats")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ThreadStats.class)
				.doesNotHaveBean(ThreadStatsEndpoint.class)
				.doesNotHaveBean(ThreadStatsInspector.class));
	}

	@Test
	void answersWithStatusDisabledWhenThreadStatsIsDisabled() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=threadstats", "threadstats.enabled=false")
			.run((context) -> {
				ThreadStatsEndpoint endpoint = context.getBean(ThreadStatsEndpoint.class);
				ThreadStatsReport report = endpoint.report();
				assertThat(report.status()).isEqualTo("disabled");
				assertThat(report.message()).contains("threadstats.enabled is false");
				assertThat(report.totals().delivery()).isNull();
				assertThat(report.recentFlushes()).isEmpty();
				assertThat(report.configuration().apiKey().configured()).isFalse();
				FlushView flush = endpoint.flush();
				assertThat(flush.outcome()).isEqualTo("disabled");
				assertThat(endpoint.metric("anything")).isNull();
			});
	}

	@Test
	void userEndpointWins() {
		ThreadStatsEndpoint own = new ThreadStatsEndpoint(null);
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=threadstats")
			.withBean(ThreadStatsEndpoint.class, () -> own)
			.run((context) -> assertThat(context).getBean(ThreadStatsEndpoint.class).isSameAs(own));
	}

}
