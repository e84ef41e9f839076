/**
 * Roll-up buckets per series, per-kind aggregators and the flush that turns closed buckets into a
 * {@link io.threadstats.snapshot.FlushSnapshot}. JDK only, lock-free on the recording path.
 */
package io.threadstats.aggregation;
