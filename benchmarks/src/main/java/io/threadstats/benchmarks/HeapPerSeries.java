package io.threadstats.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

import io.micrometer.datadog.DatadogMeterRegistry;
import io.threadstats.ThreadStats;

/**
 * Heap held per active series: used heap after full GCs, before and after N counter
 * series are created by name (one increment each, all in one roll-up bucket), divided by
 * N. The tag strings a library keeps count; those it lets go do not. Same for
 * Micrometer's Datadog registry. Fails (exit status 1) when a library did not hold
 * exactly the series created, since the figure would then be of fewer series.
 *
 * <p>
 * Options: {@code --series N} (100000); anything else is refused (exit status 2). Run
 * with a heap large enough for the biggest N. Prints a human-readable line and a
 * {@link ResultLine} per library.
 */
public final class HeapPerSeries {

	private HeapPerSeries() {
	}

	/** Measures both libraries and prints bytes per series. */
	public static void main(String[] args) throws Exception {
		int series = Options.readOrExit("HeapPerSeries", args,
				(options) -> options.intValue("series", 100_000, 1, 100_000_000));
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
		boolean held = report("threadstats", series, (i) -> stats.increment("bench.heap", "series:" + i, "env:bench"),
				() -> stats.statistics().activeSeries(), stats);
		long rejected = stats.statistics().totalRejected();
		stats.close();

		DatadogMeterRegistry registry = new DatadogMeterRegistry(MicrometerState.loopbackConfig(),
				io.micrometer.core.instrument.Clock.SYSTEM);
		held &= report("micrometer", series,
				(i) -> registry.counter("bench.heap", "series", Integer.toString(i), "env", "bench").increment(),
				() -> registry.getMeters().size(), registry);
		registry.stop();
		if (!held || rejected > 0) {
			System.out.println("HEAP CHECK FAILED: a library did not hold every series created (threadstats rejected "
					+ rejected + " calls)");
			System.exit(1);
		}
	}

	/**
	 * Creates the series, prints the heap they take, and returns whether the library held
	 * all of them (the N measured and the one created first).
	 */
	private static boolean report(String library, int series, IntConsumer createSeries, LongSupplier seriesHeld,
			Object holder) throws InterruptedException {
		// one series first, so class loading and lazily created structures are not
		// charged per series
		createSeries.accept(-1);
		long before = usedHeapAfterGc();
		for (int i = 0; i < series; i++) {
			createSeries.accept(i);
		}
		long after = usedHeapAfterGc();
		long held = seriesHeld.getAsLong();
		System.out.printf(Locale.ROOT, "%-12s %,10d series  %,8.1f MB  %,6.0f bytes/series  (%,d series held)%n",
				library, series, (after - before) / 1e6, (double) (after - before) / series, held);
		resultLine(library, series, held, after - before).print();
		java.lang.ref.Reference.reachabilityFence(holder);
		return held == series + 1;
	}

	/**
	 * The machine-readable form of one library's figure, which {@code tables.py} reads.
	 */
	static ResultLine resultLine(String library, int series, long seriesHeld, long bytes) {
		return ResultLine.of("heap")
			.with("library", library)
			.with("series", series)
			.with("seriesHeld", seriesHeld)
			.with("bytes", bytes);
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
