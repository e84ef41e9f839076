/**
 * Spring Boot auto-configuration for threadstats:
 * {@link io.threadstats.autoconfigure.ThreadStatsProperties} ({@code threadstats.*}), the
 * beans of {@link io.threadstats.autoconfigure.ThreadStatsAutoConfiguration} and the
 * {@link io.threadstats.autoconfigure.ThreadStatsFlusher} that flushes in the background
 * with the application context's lifecycle. Nothing else imports this package.
 */
package io.threadstats.autoconfigure;
