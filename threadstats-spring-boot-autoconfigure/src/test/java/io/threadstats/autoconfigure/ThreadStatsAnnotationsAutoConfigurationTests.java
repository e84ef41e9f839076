package io.threadstats.autoconfigure;

import io.micrometer.core.aop.TimedAspect;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.threadstats.ThreadStats;
import io.threadstats.annotation.MeteringFixture;
import io.threadstats.annotation.ThreadStatsCountedAspect;
import io.threadstats.annotation.ThreadStatsTimedAspect;
import io.threadstats.annotation.Timed;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.submission.InMemorySubmitter;
import io.threadstats.submission.Submitter;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadStatsAnnotationsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadStatsAnnotationsAutoConfiguration.class));

	@Test
	void registersBothAspectsWhenAThreadStatsBeanExists() {
		this.runner.withBean(ThreadStats.class, ThreadStats::noop)
			.run((context) -> assertThat(context).hasSingleBean(ThreadStatsTimedAspect.class)
				.hasSingleBean(ThreadStatsCountedAspect.class)
				.hasBean("threadStatsTimedAspect")
				.hasBean("threadStatsCountedAspect"));
	}

	@Test
	void registersBothAspectsAfterTheThreadStatsAutoConfiguration() {
		this.runner.withConfiguration(AutoConfigurations.of(ThreadStatsAutoConfiguration.class))
			.withBean(Submitter.class, InMemorySubmitter::new)
			.run((context) -> assertThat(context).hasSingleBean(ThreadStatsTimedAspect.class)
				.hasSingleBean(ThreadStatsCountedAspect.class));
	}

	@Test
	void backsOffWhenThreadStatsIsDisabled() {
		this.runner.withConfiguration(AutoConfigurations.of(ThreadStatsAutoConfiguration.class))
			.withPropertyValues("threadstats.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(ThreadStats.class)
				.doesNotHaveBean(ThreadStatsTimedAspect.class)
				.doesNotHaveBean(ThreadStatsCountedAspect.class));
	}

	@Test
	void backsOffWithoutAThreadStatsBean() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ThreadStatsTimedAspect.class)
			.doesNotHaveBean(ThreadStatsCountedAspect.class));
	}

	@Test
	void isSwitchedOffByTheAnnotationsEnabledProperty() {
		this.runner.withBean(ThreadStats.class, ThreadStats::noop)
			.withPropertyValues("threadstats.annotations.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadStatsTimedAspect.class)
				.doesNotHaveBean(ThreadStatsCountedAspect.class));
	}

	@Test
	void backsOffWithoutAspectJ() {
		this.runner.withBean(ThreadStats.class, ThreadStats::noop)
			.withClassLoader(new FilteredClassLoader("org.aspectj"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ThreadStatsTimedAspect.class)
				.doesNotHaveBean(ThreadStatsCountedAspect.class));
	}

	@Test
	void keepsAnAspectTheApplicationDeclares() {
		ThreadStatsTimedAspect own = new ThreadStatsTimedAspect(ThreadStats.noop());
		this.runner.withBean(ThreadStats.class, ThreadStats::noop)
			.withBean("myTimedAspect", ThreadStatsTimedAspect.class, () -> own)
			.run((context) -> assertThat(context).getBean(ThreadStatsTimedAspect.class).isSameAs(own));
	}

	@Test
	void annotatedBeansAreRecordedAndMicrometersTimedAspectOnlyMeasuresItsOwnAnnotation() {
		MeteringFixture fixture = new MeteringFixture();
		MeterRegistry meterRegistry = new SimpleMeterRegistry();
		this.runner.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
			.withBean(ThreadStats.class, () -> fixture.stats)
			.withBean("timedAspect", TimedAspect.class, () -> new TimedAspect(meterRegistry))
			.withBean(Payments.class)
			.run((context) -> {
				Payments payments = context.getBean(Payments.class);
				payments.ours();
				payments.micrometers();
				payments.both();

				FlushSnapshot snapshot = fixture.flush();
				assertThat(snapshot.series().stream().filter((point) -> point.metric().endsWith(".count")))
					.extracting(SeriesPoint::metric)
					.containsExactlyInAnyOrder("payments.ours.count", "payments.both.count");
				assertThat(meterRegistry.getMeters()).extracting((meter) -> meter.getId().getName())
					.containsExactlyInAnyOrder("payments.micrometer", "payments.both.micrometer");
			});
	}

	public static class Payments {

		@Timed("payments.ours")
		public void ours() {
		}

		@io.micrometer.core.annotation.Timed("payments.micrometer")
		public void micrometers() {
		}

		@Timed("payments.both")
		@io.micrometer.core.annotation.Timed("payments.both.micrometer")
		public void both() {
		}

	}

}
