package io.threadstats.autoconfigure;

import org.aspectj.weaver.Advice;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.threadstats.ThreadStats;
import io.threadstats.annotation.ThreadStatsCountedAspect;
import io.threadstats.annotation.ThreadStatsTimedAspect;

/**
 * Registers the aspects behind {@link io.threadstats.annotation.Timed @Timed} and
 * {@link io.threadstats.annotation.Counted @Counted} when AspectJ is on the class path (as with
 * {@code spring-boot-starter-aspectj}) and a {@link ThreadStats} bean exists. Switched off with
 * {@code threadstats.annotations.enabled=false}, and with {@code threadstats.enabled=false}: the
 * engine then records nothing, so proxies around annotated beans would only cost time. The aspects take effect where auto-proxying is on,
 * which Spring Boot's AOP auto-configuration does by default ({@code spring.aop.auto}).
 *
 * <p>The bean names are prefixed with {@code threadStats} so that they never clash with a
 * {@code timedAspect} or {@code countedAspect} bean declared for Micrometer.
 */
@AutoConfiguration(afterName = "io.threadstats.autoconfigure.ThreadStatsAutoConfiguration")
@ConditionalOnClass(Advice.class)
@ConditionalOnBean(ThreadStats.class)
@ConditionalOnBooleanProperty(name = "threadstats.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "threadstats.annotations.enabled", matchIfMissing = true)
public class ThreadStatsAnnotationsAutoConfiguration {

	/**
	 * The aspect recording {@code @Timed} methods.
	 * @param threadStats where timings are recorded
	 * @return the aspect
	 */
	@Bean
	@ConditionalOnMissingBean
	public ThreadStatsTimedAspect threadStatsTimedAspect(ThreadStats threadStats) {
		return new ThreadStatsTimedAspect(threadStats);
	}

	/**
	 * The aspect recording {@code @Counted} methods.
	 * @param threadStats where counts are recorded
	 * @return the aspect
	 */
	@Bean
	@ConditionalOnMissingBean
	public ThreadStatsCountedAspect threadStatsCountedAspect(ThreadStats threadStats) {
		return new ThreadStatsCountedAspect(threadStats);
	}

}
