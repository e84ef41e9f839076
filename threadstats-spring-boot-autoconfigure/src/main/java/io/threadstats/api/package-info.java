/**
 * The value types the public API and the Spring layer share, JDK only: metric kinds, the
 * settings of recording, the rules for names and tags, why a call was dropped or changed,
 * and what recording reports ({@link io.threadstats.api.RecordingStatistics},
 * {@link io.threadstats.api.OpenSeries}). Every other package may use it; it uses none of
 * them.
 */
package io.threadstats.api;
