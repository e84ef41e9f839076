/**
 * Method-level metrics through Spring AOP: {@link io.threadstats.annotation.Timed} and
 * {@link io.threadstats.annotation.Counted} on methods or types, {@link io.threadstats.annotation.MetricTag}
 * on parameters, recorded by {@link io.threadstats.annotation.ThreadStatsTimedAspect} and
 * {@link io.threadstats.annotation.ThreadStatsCountedAspect} through handles resolved once per method
 * and outcome. Synchronous, {@code CompletionStage} and (with Reactor present) {@code Mono}/{@code Flux}
 * returns are measured until the result is over.
 */
package io.threadstats.annotation;
