package io.threadstats.autoconfigure;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.threadstats.ThreadStats;
import io.threadstats.api.AggregatorSettings;
import io.threadstats.submission.InMemorySubmitter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The distribution, set and late-data budgets bind from their properties. */
class ThreadStatsBudgetPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadStatsAutoConfiguration.class))
		.withBean(Clock.class, () -> Clock.fixed(Instant.parse("2026-01-01T10:00:05Z"), ZoneOffset.UTC))
		.withBean(InMemorySubmitter.class, InMemorySubmitter::new);

	@Test
	void budgetsDefaultToTheEnginesDefaults() {
		this.contextRunner.run((context) -> {
			AggregatorSettings settings = context.getBean(ThreadStats.class).settings();
			assertThat(settings.distributionValuesPerPoint())
				.isEqualTo(AggregatorSettings.DEFAULT_DISTRIBUTION_VALUES_PER_POINT);
			assertThat(settings.setExactMembers()).isEqualTo(AggregatorSettings.DEFAULT_SET_EXACT_MEMBERS);
			assertThat(settings.lateDataMaxBytes()).isEqualTo(AggregatorSettings.DEFAULT_LATE_DATA_MAX_BYTES);
		});
	}

	@Test
	void budgetsBindFromTheirProperties() {
		this.contextRunner
			.withPropertyValues("threadstats.distribution.max-values-per-point=500",
					"threadstats.set.max-exact-members=64", "threadstats.late-data.max-bytes=2MB")
			.run((context) -> {
				ThreadStats stats = context.getBean(ThreadStats.class);
				assertThat(stats.settings().distributionValuesPerPoint()).isEqualTo(500);
				assertThat(stats.settings().setExactMembers()).isEqualTo(64);
				assertThat(stats.settings().lateDataMaxBytes()).isEqualTo(2L * 1024 * 1024);
				for (int i = 0; i < 1200; i++) {
					stats.distribution("payload", i);
				}
				stats.flush(Instant.parse("2026-01-01T10:05:00Z"));
				// the full points may have gone out early, on the flusher's thread
				assertThat(context.getBean(InMemorySubmitter.class).allDistributions())
					.extracting((point) -> point.values().size())
					.containsExactlyInAnyOrder(500, 500, 200);
			});
	}

	@Test
	void aBudgetBelowOneFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("threadstats.set.max-exact-members=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("threadstats.set.max-exact-members"));
	}

}
