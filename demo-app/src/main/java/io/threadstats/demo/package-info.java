/**
 * The threadstats demo: a small WebFlux service using the starter the way a user would,
 * which without a Datadog API key sends its metrics to its own local intake and charts
 * them on its page at {@code /}.
 */
package io.threadstats.demo;
