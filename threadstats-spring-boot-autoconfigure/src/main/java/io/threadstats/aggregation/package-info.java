/**
 * The aggregation engine: roll-up buckets per series, per-kind buckets and the flush that
 * turns closed buckets into a {@link io.threadstats.snapshot.FlushSnapshot}. JDK, SLF4J
 * and Datadog's DDSketch (sketches-java: a histogram's values beyond its exact ones, see
 * {@link io.threadstats.aggregation.QuantileSketch}) only, lock-free on the recording
 * path. {@link io.threadstats.aggregation.Aggregator} is the entry point;
 * {@link io.threadstats.aggregation.SeriesHandle} is a resolved series for the hot path.
 */
package io.threadstats.aggregation;
