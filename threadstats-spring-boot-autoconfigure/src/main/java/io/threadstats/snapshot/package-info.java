/**
 * What one flush hands to delivery: immutable value types with no dependencies.
 *
 * <p>
 * Data flows one way: application code records into {@code io.threadstats.aggregation}, a
 * flush produces a {@link io.threadstats.snapshot.FlushSnapshot}, and
 * {@code io.threadstats.submission} encodes and sends it. Both sides depend on this
 * package; it depends on nothing. {@link io.threadstats.snapshot.Event} and
 * {@link io.threadstats.snapshot.ServiceCheck} are built by application code and queued
 * as they are.
 */
package io.threadstats.snapshot;
