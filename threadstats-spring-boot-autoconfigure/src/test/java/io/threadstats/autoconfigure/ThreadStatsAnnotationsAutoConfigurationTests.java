package io.threadstats.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.aop.TimedAspect;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.threadstats.ThreadStats;
import io.threadstats.annotation.MeteringFixture;
import io.threadstats.annotation.ThreadStatsCountedAdvisor;
import io.threadstats.annotation.ThreadStatsTimedAdvisor;
import io.threadstats.annotation.Timed;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.submission.InMemorySubmitter;
import io.threadstats.submission.Submitter;
import org.junit.jupiter.api.Test;

import org.springframework.aop.aspectj.annotation.AnnotationAwareAspectJAutoProxyCreator;
import org.springframework.aop.framework.autoproxy.InfrastructureAdvisorAutoProxyCreator;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadStatsAnnotationsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadStatsAnnotationsAutoConfiguration.class));

	@Test
	void registersBothAdvisorsWhenAThreadStatsBeanExists() {
		this.runner.withBean(ThreadStats.class, ThreadStats::noop)
			.run((context) -> assertThat(context).hasSingleBean(ThreadStatsTimedAdvisor.class)
				.hasSingleBean(ThreadStatsCountedAdvisor.class)
				.hasBean("threadStatsTimedAdvisor")
				.hasBean("threadStatsCountedAdvisor"));
	}

	@Test
	void registersBothAdvisorsAfterTheThreadStatsAutoConfiguration() {
		this.runner.withConfiguration(AutoConfigurations.of(ThreadStatsAutoConfiguration.class))
			.withBean(Submitter.class, InMemorySubmitter::new)
			.run((context) -> assertThat(context).hasSingleBean(ThreadStatsTimedAdvisor.class)
				.hasSingleBean(ThreadStatsCountedAdvisor.class));
	}

	@Test
	void backsOffWhenThreadStatsIsDisabled() {
		this.runner.withConfiguration(AutoConfigurations.of(ThreadStatsAutoConfiguration.class))
			.withPropertyValues("threadstats.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(ThreadStats.class)
				.doesNotHaveBean(ThreadStatsTimedAdvisor.class)
				.doesNotHaveBean(ThreadStatsCountedAdvisor.class));
	}

	@Test
	void backsOffWithoutAThreadStatsBean() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ThreadStatsTimedAdvisor.class)
			.doesNotHaveBean(ThreadStatsCountedAdvisor.class));
	}

	@Test
	void isSwitchedOffByTheAnnotationsEnabledProperty() {
		this.runner.withBean(ThreadStats.class, ThreadStats::noop)
			.withPropertyValues("threadstats.annotations.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadStatsTimedAdvisor.class)
				.doesNotHaveBean(ThreadStatsCountedAdvisor.class));
	}

	@Test
	void backsOffWithoutSpringAop() {
		this.runner.withBean(ThreadStats.class, ThreadStats::noop)
			.withClassLoader(new FilteredClassLoader("org.springframework.aop"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ThreadStatsTimedAdvisor.class)
				.doesNotHaveBean(ThreadStatsCountedAdvisor.class));
	}

	@Test
	void withoutAspectJAnnotatedBeansAreRecordedThroughBootsInfrastructureAutoProxying() {
		MeteringFixture fixture = new MeteringFixture();
		this.runner.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.aspectj"))
			.withBean(ThreadStats.class, () -> fixture.stats)
			.withBean(Payments.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(InfrastructureAdvisorAutoProxyCreator.class)
					.doesNotHaveBean(AnnotationAwareAspectJAutoProxyCreator.class);
				context.getBean(Payments.class).ours();

				assertThat(fixture.flush().series()).extracting(SeriesPoint::metric).contains("payments.ours.count");
			});
	}

	@Test
	void keepsAnAdvisorTheApplicationDeclares() {
		ThreadStatsTimedAdvisor own = new ThreadStatsTimedAdvisor(ThreadStats.noop());
		this.runner.withBean(ThreadStats.class, ThreadStats::noop)
			.withBean("myTimedAdvisor", ThreadStatsTimedAdvisor.class, () -> own)
			.run((context) -> assertThat(context).getBean(ThreadStatsTimedAdvisor.class).isSameAs(own));
	}

	@Test
	void annotatedBeansAreRecordedThroughBootsAspectJAutoProxyingAndMicrometersTimedAspectOnlyMeasuresItsOwnAnnotation() {
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

	@Test
	void theAdvisorsAreInfrastructureBeansSoTheInfrastructureAutoProxyCreatorAppliesThemToo() {
		MeteringFixture fixture = new MeteringFixture();
		this.runner.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
			.withPropertyValues("spring.aop.auto=false")
			.withBean(InfrastructureAdvisorAutoProxyCreator.class)
			.withBean(ThreadStats.class, () -> fixture.stats)
			.withBean(Payments.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(AnnotationAwareAspectJAutoProxyCreator.class);
				assertThat(context.getBeanFactory().getBeanDefinition("threadStatsTimedAdvisor").getRole())
					.isEqualTo(BeanDefinition.ROLE_INFRASTRUCTURE);
				context.getBean(Payments.class).ours();

				assertThat(fixture.flush().series()).extracting(SeriesPoint::metric).contains("payments.ours.count");
			});
	}

	@Test
	void theEngineIsNotCreatedWhileAutoProxyingCreatesTheAdvisorsSoEveryPostProcessorSeesIt() {
		this.runner.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
			.withBean(ThreadStats.class, ThreadStats::noop)
			.withBean(SeenBeans.class)
			.withBean(Payments.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(SeenBeans.class).types)
					.as("a post-processor registered after the auto-proxy creator saw the engine")
					.anyMatch(ThreadStats.class::isAssignableFrom);
			});
	}

	/**
	 * A plain post-processor, registered after the ordered auto-proxy creator, as most
	 * applications' are.
	 */
	static class SeenBeans implements BeanPostProcessor {

		final List<Class<?>> types = new CopyOnWriteArrayList<>();

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			this.types.add(bean.getClass());
			return bean;
		}

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
