package io.threadstats.autoconfigure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.threadstats.ThreadStats;
import io.threadstats.actuate.ThreadStatsEndpoint;
import io.threadstats.actuate.ThreadStatsEndpointWebExtension;
import io.threadstats.actuate.ThreadStatsInspector;
import io.threadstats.actuate.ThreadStatsReport;
import io.threadstats.submission.FlushRecord;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the {@code threadstats} endpoint exists (exposure, access, actuator on the class
 * path, disabled), and what its properties change.
 */
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
	void webExtensionOnlyWhenExposedOverHttp() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=threadstats")
			.run((context) -> assertThat(context).hasSingleBean(ThreadStatsEndpointWebExtension.class));
		this.contextRunner
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=threadstats")
			.run((context) -> assertThat(context).hasSingleBean(ThreadStatsEndpoint.class)
				.doesNotHaveBean(ThreadStatsEndpointWebExtension.class));
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
			.withConfiguration(AutoConfigurations.of(ThreadStatsAutoConfiguration.class,
					ThreadStatsEndpointAutoConfiguration.class))
			.withPropertyValues("threadstats.flush-interval=1h",
					"management.endpoints.web.exposure.include=threadstats")
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
				FlushRecord flush = endpoint.flush();
				assertThat(flush.outcome().label()).isEqualTo("disabled");
				assertThat(endpoint.metric("anything")).isNull();
			});
	}

	@Test
	void flushHistoryLimitsTheRecentFlushesShown() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=threadstats", "DD_API_KEY=",
					"threadstats.endpoint.flush-history=2")
			.run((context) -> {
				ThreadStats stats = context.getBean(ThreadStats.class);
				ThreadStatsEndpoint endpoint = context.getBean(ThreadStatsEndpoint.class);
				List<Instant> answered = new ArrayList<>();
				for (int i = 0; i < 3; i++) {
					stats.increment("jobs.done", 1, Instant.now().minusSeconds(30));
					FlushRecord flush = endpoint.flush();
					assertThat(flush.outcome().label()).isEqualTo("dry-run");
					answered.add(flush.flushedAt());
				}
				ThreadStatsReport report = endpoint.report();
				assertThat(report.totals().delivery().flushes()).isEqualTo(3);
				assertThat(report.recentFlushes()).extracting(FlushRecord::flushedAt)
					.containsExactly(answered.get(2), answered.get(1));
			});
	}

	@Test
	void keyValidationIsOffWhenSwitchedOff() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=threadstats", "threadstats.api-key=test-key",
					"threadstats.api-url=http://127.0.0.1:9", "threadstats.validate-api-key=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ApiKeyValidationOnStartup.class);
				ThreadStatsReport.ApiKey apiKey = context.getBean(ThreadStatsEndpoint.class)
					.report()
					.configuration()
					.apiKey();
				assertThat(apiKey.configured()).isTrue();
				assertThat(apiKey.validation()).isEqualTo("off");
				assertThat(apiKey.validatedAt()).isNull();
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
