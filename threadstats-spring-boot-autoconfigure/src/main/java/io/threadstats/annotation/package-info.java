/**
 * Method-level metrics through Spring AOP: {@link io.threadstats.annotation.Timed} and
 * {@link io.threadstats.annotation.Counted} on methods or types,
 * {@link io.threadstats.annotation.MetricTag} on parameters, recorded by the advisors
 * {@link io.threadstats.annotation.ThreadStatsTimedAdvisor} and
 * {@link io.threadstats.annotation.ThreadStatsCountedAdvisor} (a pointcut decided when
 * proxies are created, and a method interceptor) through handles resolved once per method
 * and outcome. Synchronous, {@code CompletionStage} and (with Reactor present)
 * {@code Mono}/{@code Flux} returns are measured until the result is over.
 */
package io.threadstats.annotation;
