/**
 * The demo's local Datadog intake: an API, on a small server of its own, that accepts
 * what the starter would send to Datadog ({@code /intake/api/v2/series},
 * {@code /intake/api/v1/series}, {@code /intake/api/v1/distribution_points},
 * {@code /intake/api/v1/events}, {@code /intake/api/v1/check_run},
 * {@code /intake/api/v1/validate}), decompresses and validates the bodies the way Datadog
 * does, and keeps what arrived in bounded memory; and a controller on the demo's web
 * server that shows it read-only as JSON ({@code /intake/metrics},
 * {@code /intake/series}, {@code /intake/events}, {@code /intake/checks},
 * {@code /intake/stats}) for the demo's page.
 *
 * <p>
 * Where Datadog silently drops data while answering {@code 202} (points outside the
 * accepted time window, malformed points, payloads without a {@code series} field) this
 * intake answers the same, and counts what it dropped and why in {@code /intake/stats}.
 */
package io.threadstats.demo.intake;
