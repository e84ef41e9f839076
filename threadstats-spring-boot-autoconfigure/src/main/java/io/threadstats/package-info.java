/**
 * The public API: {@link io.threadstats.ThreadStats}, built with
 * {@link io.threadstats.ThreadStatsBuilder}, its recording methods
 * ({@link io.threadstats.MetricRecorder}), pre-resolved handles
 * ({@link io.threadstats.Counter}, {@link io.threadstats.ValueRecorder}) and
 * {@link io.threadstats.Timer}. Works without Spring.
 */
package io.threadstats;
