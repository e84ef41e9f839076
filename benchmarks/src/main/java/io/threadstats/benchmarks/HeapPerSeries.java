package io.threadstats.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Timer;
import io.micrometer.datadog.DatadogMeterRegistry;
import io.threadstats.ThreadStats;

/**
 * Heap held per active series: used heap after full GCs, before and after N series are
 * created by name (all in one roll-up bucket), divided by N. A counter series takes one
 * increment; a histogram series takes {@value #HISTOGRAM_VALUES} values (Micrometer's
 * equivalent is a {@code Timer} without percentiles). The tag strings a library keeps
 * count; those it lets go do not. Fails (exit status 1) when a library did not hold
 * exactly the series created, since the figure would then be of fewer series.
 *
 * <p>
 * Options: {@code --series N} (100000) and {@code --kind counter|histogram} (counter);
 * anything else is refused (exit status 2). Run with a heap large enough for the biggest
 * N. Prints a human-readable line and a {@link ResultLine} per library.
 */
public final class HeapPerSeries {

	/** Values recorded into each histogram series: a few requests of one route. */
	static final int HISTOGRAM_VALUES = 10;

	private HeapPerSeries() {
	}

	/** Measures both libraries and prints bytes per series. */
	public static void main(String[] args) throws Exception {
		Run run = Options.readOrExit("HeapPerSeries", args,
				(options) -> new Run(options.intValue("series", 100_000, 1, 100_000_000),
						options.choice("kind", "counter", "histogram")));
		int series = run.series();
		boolean histogram = "histogram".equals(run.kind());
		System.out.printf(Locale.ROOT, "heap per series: %,d %s series with 2 tags, java %s%n", series, run.kind(),
				System.getProperty("java.version"));

		ThreadStats stats = ThreadStats.builder()
			.autoFlush(false)
			.clock(Clock.fixed(Instant.now(), ZoneOffset.UTC))
			.maxSeries(series + 1000)
			.submitter(new DiscardingSubmitter())
			.environment((name) -> null)
			.host("bench-host")
			.build();
		IntConsumer ours = histogram ? (i) -> {
			for (int v = 1; v <= HISTOGRAM_VALUES; v++) {
				stats.histogram("bench.heap", v, "series:" + i, "env:bench");
			}
		} : (i) -> stats.increment("bench.heap", "series:" + i, "env:bench");
		boolean held = report("threadstats", run.kind(), series, ours, () -> stats.statistics().activeSeries(), stats);
		long rejected = stats.statistics().totalRejected();
		stats.close();

		DatadogMeterRegistry registry = new DatadogMeterRegistry(MicrometerState.loopbackConfig(),
				io.micrometer.core.instrument.Clock.SYSTEM);
		IntConsumer theirs = histogram ? (i) -> {
			Timer timer = registry.timer("bench.heap", "series", Integer.toString(i), "env", "bench");
			for (int v = 1; v <= HISTOGRAM_VALUES; v++) {
				timer.record(v, TimeUnit.MILLISECONDS);
			}
		} : (i) -> registry.counter("bench.heap", "series", Integer.toString(i), "env", "bench").increment();
		held &= report("micrometer", run.kind(), series, theirs, () -> registry.getMeters().size(), registry);
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
	private static boolean report(String library, String kind, int series, IntConsumer createSeries,
			LongSupplier seriesHeld, Object holder) throws InterruptedException {
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
		resultLine(library, kind, series, held, after - before).print();
		java.lang.ref.Reference.reachabilityFence(holder);
		return held == series + 1;
	}

	/**
	 * The machine-readable form of one library's figure, which {@code tables.py} reads.
	 */
	static ResultLine resultLine(String library, String kind, int series, long seriesHeld, long bytes) {
		return ResultLine.of("heap")
			.with("library", library)
			.with("kind", kind)
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

	/** What to measure: how many series, of which kind. */
	private record Run(int series, String kind) {
	}

}
