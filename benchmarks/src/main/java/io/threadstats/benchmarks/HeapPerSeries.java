package io.threadstats.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.IntConsumer;

import io.micrometer.datadog.DatadogMeterRegistry;
import io.threadstats.ThreadStats;

/**
 * Heap held per active series: used heap after full GCs, before and after N counter series are
 * created by name (one increment each, all in one roll-up bucket), divided by N. The tag strings a
 * library keeps count; those it lets go do not. Same for Micrometer's Datadog registry.
 *
 * <p>Options: {@code --series N} (100000). Run with a heap large enough for the biggest N.
 */
public final class HeapPerSeries {

	private HeapPerSeries() {
	}

	/** Measures both libraries and prints bytes per series. */
	public static void main(String[] args) throws Exception {
		int series = Options.parse(args).intValue("series", 100_000);
		System.out.printf(Locale.ROOT, "heap per series: %,d counter series with 2 tags, java %s%n", series,
				System.getProperty("java.version"));

		ThreadStats stats = ThreadStats.builder()
			.autoFlush(false)
			.clock(Clock.fixed(Instant.now(), ZoneOffset.UTC))
			.maxSeries(series + 1000)
			.submitter(new DiscardingSubmitter())
			.environment((name) -> null)
			.host("bench-host")
			.build();
		report("threadstats", series, (i) -> stats.increment("bench.heap", "series:" + i, "env:bench"), stats);
		stats.close();

		DatadogMeterRegistry registry = new DatadogMeterRegistry(MicrometerState.loopbackConfig(),
				io.micrometer.core.instrument.Clock.SYSTEM);
		report("micrometer", series, (i) -> registry.counter("bench.heap", "series", Integer.toString(i), "env", "bench")
			.increment(), registry);
		registry.stop();
	}

	private static void report(String library, int series, IntConsumer createSeries, Object holder)
			throws InterruptedException {
		// one series first, so class loading and lazily created structures are not charged per series
		createSeries.accept(-1);
		long before = usedHeapAfterGc();
		for (int i = 0; i < series; i++) {
			createSeries.accept(i);
		}
		long after = usedHeapAfterGc();
		System.out.printf(Locale.ROOT, "%-12s %,10d series  %,8.1f MB  %,6.0f bytes/series%n", library, series,
				(after - before) / 1e6, (double) (after - before) / series);
		java.lang.ref.Reference.reachabilityFence(holder);
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			Thread.sleep(100);
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

}
