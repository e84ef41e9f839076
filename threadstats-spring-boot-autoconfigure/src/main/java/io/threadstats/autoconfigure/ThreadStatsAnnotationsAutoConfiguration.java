package io.threadstats.autoconfigure;

import io.threadstats.ThreadStats;
import io.threadstats.annotation.ThreadStatsCountedAdvisor;
import io.threadstats.annotation.ThreadStatsTimedAdvisor;

import org.springframework.aop.Advisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;

/**
 * Registers the advisors behind {@link io.threadstats.annotation.Timed @Timed} and
 * {@link io.threadstats.annotation.Counted @Counted} when Spring AOP is on the class path
 * and a {@link ThreadStats} bean exists. Switched off with
 * {@code threadstats.annotations.enabled=false}, and with
 * {@code threadstats.enabled=false}: the engine then records nothing, so proxies around
 * annotated beans would only cost time.
 *
 * <p>
 * The advisors are infrastructure beans ({@link BeanDefinition#ROLE_INFRASTRUCTURE}), so
 * any advisor auto-proxy creator applies them: the one Spring Boot registers
 * ({@code spring.aop.auto}, on by default: its AspectJ one when AspectJ is on the class
 * path, else the infrastructure one, so the starter needs no AspectJ weaver) or the one
 * {@code @EnableTransactionManagement}, {@code @EnableCaching} and the like register.
 * They look the {@link ThreadStats} bean up on the first annotated call, so that creating
 * them (which auto-proxy creators do while post-processors are still being set up) does
 * not create the engine before every post-processor is in place.
 *
 * <p>
 * The bean names are prefixed with {@code threadStats} so that they never clash with a
 * bean declared for Micrometer's aspects.
 */
@AutoConfiguration(afterName = "io.threadstats.autoconfigure.ThreadStatsAutoConfiguration")
@ConditionalOnClass(Advisor.class)
@ConditionalOnBean(ThreadStats.class)
@ConditionalOnBooleanProperty(name = "threadstats.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "threadstats.annotations.enabled", matchIfMissing = true)
public final class ThreadStatsAnnotationsAutoConfiguration {

	/**
	 * The advisor recording {@code @Timed} methods. Static, so that creating it needs no
	 * instance of this configuration.
	 * @param threadStats where timings are recorded
	 * @return the advisor
	 */
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static ThreadStatsTimedAdvisor threadStatsTimedAdvisor(ObjectProvider<ThreadStats> threadStats) {
		return new ThreadStatsTimedAdvisor(threadStats::getObject);
	}

	/**
	 * The advisor recording {@code @Counted} methods. Static, as
	 * {@link #threadStatsTimedAdvisor}.
	 * @param threadStats where counts are recorded
	 * @return the advisor
	 */
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static ThreadStatsCountedAdvisor threadStatsCountedAdvisor(ObjectProvider<ThreadStats> threadStats) {
		return new ThreadStatsCountedAdvisor(threadStats::getObject);
	}

}
