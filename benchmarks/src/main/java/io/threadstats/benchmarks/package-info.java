/**
 * JMH benchmarks and harnesses that measure this starter side by side with what Java
 * users run today: Micrometer's Datadog registry and DataDog's java-dogstatsd-client.
 * Each benchmark class holds one operation, with one method per library; each library
 * lives in its own {@code @State} so a method only pays for the library it measures. The
 * harness main classes ({@link EndToEnd}, {@link HeapPerSeries}) and
 * {@link FlushBenchmark} also print {@link ResultLine}s, from which
 * {@code benchmarks/tables.py} makes the tables of {@code docs/benchmarks.md} (see
 * {@code run-all.sh}); that page says how to run them and what they showed.
 */
package io.threadstats.benchmarks;
