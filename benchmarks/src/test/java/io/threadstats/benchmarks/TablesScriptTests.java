package io.threadstats.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.threadstats.submission.FlushOutcome;
import io.threadstats.submission.FlushRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code tables.py} turns what the harnesses print into the tables of the doc: these feed
 * it the result lines the harnesses' own code formats (and JMH-shaped JSON) and check the
 * tables it computes. Skipped where {@code python3} is not installed.
 */
class TablesScriptTests {

	private static final Path SCRIPT = Path.of("tables.py");

	@TempDir
	Path results;

	@BeforeAll
	static void needsPython() {
		assumeTrue(Files.exists(SCRIPT), "run from the benchmarks module");
		try {
			assumeTrue(new ProcessBuilder("python3", "--version").start().waitFor() == 0, "python3 is not installed");
		}
		catch (IOException | InterruptedException ex) {
			assumeTrue(false, "python3 is not installed");
		}
	}

	@Test
	void computesTheTimedOverheadsAboveTheBareProxyAndTheMeteringWorkAboveEachMechanismsFloor() throws Exception {
		write("timed-rerun.json",
				jmh(List.of(timed("bareCall", 2, 0.5, 0), timed("bareProxy", 10, 3, 16),
						timed("passThroughInterceptor", 30, 4, 40), timed("passThroughAspect", 150, 0, 544),
						timed("threadstatsTimedAdvisor", 130, 0, 240), timed("micrometerTimedAspect", 410, 0, 760))));
		String tables = tables();
		// overhead above bareProxy: row - 10, error sqrt(e^2 + 3^2); vs Micrometer's
		// overhead of 400 ns
		assertThat(tables).contains("| `bareProxy` (CGLIB proxy, no advice) | 10.0 ± 3.0 | 16 | 0 | – |")
			.contains("| `passThroughInterceptor` (advisor whose `MethodInterceptor` only proceeds) | 30.0 ± 4.0 | 40"
					+ " | 20.0 ± 5.0 ns | 0.05× |")
			.contains("| 120 ± 3 ns | 0.30× |")
			.contains("| 400 ± 3 ns | 1.00× |");
		// the metering work: 130 - 30 against 410 - 150
		assertThat(tables)
			.contains("| threadstats | `ProxyFactory` advisor with a `MethodInterceptor` |"
					+ " `threadstatsTimedAdvisor` − `passThroughInterceptor` | 100 ± 4 ns | 200 | 0.38× |")
			.contains("| `micrometerTimedAspect` − `passThroughAspect` | 260 ± 0 ns | 216 | 1.00× |");
	}

	@Test
	void tabulatesTheEndToEndRunsFromTheHarnessResultLinesAndShowsAFailedCheck() throws Exception {
		EndToEnd.Settings settings = Options.read(new String[] { "--threads", "2" }, EndToEnd.Settings::from);
		EndToEnd.Settings heldTo = Options.read(new String[] { "--threads", "1", "--rate", "200000" },
				EndToEnd.Settings::from);
		RecordingLoop.Outcome tenSeconds = new RecordingLoop.Outcome(300_000_000, 10_000_000_000L);
		Map<String, Object> ours = Map.of("requests", 14L, "compressedBytes", 9000L, "unparsableRequests", 0L,
				"rejected", 0L, "skippedFlushTicks", 1L);
		Map<String, Object> theirs = Map.of("datagrams", 5000L, "receiveBufferKiB", 4096L, "clientQueueDroppedCalls",
				200_000_000L, "lostAfterQueue", 50_000_000L, "clientSenderDroppedDatagrams", 0L,
				"kernelDroppedDatagrams", 1234L, "kernelRcvbufErrorsSystemWide", 1300L, "options",
				Map.of("queueSize", 4096, "blocking", false));
		write("end-to-end.txt", "end-to-end: chatter the script skips\n"
				+ EndToEnd.resultLine(
						settings, new EndToEnd.Result("threadstats", tenSeconds, 300_000_000, ours, true, List.of()))
				+ "\n"
				+ EndToEnd.resultLine(
						settings, new EndToEnd.Result("dogstatsd", tenSeconds, 50_000_000, theirs, false, List.of()))
				+ "\n"
				+ EndToEnd.resultLine(heldTo,
						new EndToEnd.Result("threadstats", tenSeconds, 299_999_999, ours, true, List.of("lost one")))
				+ "\n");
		String tables = tables();
		assertThat(tables)
			.contains("| 2 threads, counter, handles | threadstats | 300,000,000 | 300,000,000 | **0** | 30.0 M |")
			.contains("|  | dogstatsd | 300,000,000 | 50,000,000 | 250,000,000 (83.3%) | 30.0 M |")
			.contains("| 1 thread, counter, handles, held to 200,000 calls/s | threadstats | 300,000,000 | 299,999,999"
					+ " | **1: FAILED** |")
			.contains("| 2 threads, counter, handles | 14 | 9,000 | 0 | 0 | 1 | passed |")
			.contains(
					"| 2 threads, counter, handles | 250,000,000 | 200,000,000 | 50,000,000 | 0 | 1,234 | 1,300 | 5,000"
							+ " | 4,096 KiB |");
	}

	@Test
	void tabulatesTheFlushsOwnAllocationBesideJmhsAndThePayloads() throws Exception {
		write("flush.json", jmh(List.of(flush(10_000, "encode", 26.2, 5_463_454))));
		FlushRecord last = new FlushRecord(Instant.EPOCH, Duration.ofMillis(20), 10_000, 0, 0, 0, 1, 0, 1_808_902,
				36_413, Map.of(), 0, 10_000, 0, Map.of(), FlushOutcome.DRY_RUN, null);
		write("flush.txt", "# JMH chatter\n"
				+ FlushBenchmark.resultLine(10_000, "encode", true, 40, 25, 1_800_000, 1_600_000, last) + "\n");
		assertThat(tables()).contains(
				"| 10,000 | past, kept for late points | encode | 26.2 ± 1.0 | 3,400,000 | 1,800,000 | 1,600,000 | 340"
						+ " | 5,463,454 |")
			.contains("Payloads of the last `encode` flush: 10,000 series → 1 payload, 1,808,902 B JSON, 36,413 B"
					+ " compressed.");
	}

	@Test
	void tabulatesTheHeapPerSeriesAndFlagsALibraryThatHeldFewerSeries() throws Exception {
		write("heap.txt", HeapPerSeries.resultLine("threadstats", "counter", 100_000, 100_001, 47_500_000) + "\n"
				+ HeapPerSeries.resultLine("micrometer", "counter", 100_000, 90_001, 49_200_000) + "\n");
		assertThat(tables()).contains("| counter | threadstats | 100,000 | 47.5 MB | 475 B |")
			.contains("| counter | Micrometer `DatadogMeterRegistry` (**held 90,001**) | 100,000 | 49.2 MB | 492 B |");
	}

	@Test
	void comparesFlushCostAndHeapPerSeriesWithTheBaselineRunAndSaysWhichIsMissing() throws Exception {
		write("flush.json", jmh(List.of(flush(100_000, "discard", 30.0, 0), flush(10_000, "discard", 5.0, 0))));
		write("flush-now.json", jmh(List.of(flush(100_000, "discard", false, 20.0, 0))));
		write("baseline-flush.json",
				jmh(List.of(flush(100_000, "discard", 25.0, 0), flush(100_000, "discard", false, 10.0, 0))));
		write("heap.txt", HeapPerSeries.resultLine("threadstats", "counter", 100_000, 100_001, 48_000_000) + "\n"
				+ HeapPerSeries.resultLine("threadstats", "histogram", 100_000, 100_001, 90_000_000) + "\n");
		write("baseline-heap.txt", HeapPerSeries.resultLine("threadstats", "counter", 100_000, 100_001, 46_000_000)
				+ "\n" + HeapPerSeries.resultLine("threadstats", "histogram", 100_000, 100_001, 60_000_000) + "\n");
		assertThat(tables())
			.contains(
					"| flush of 100,000 counter series (timestamped, kept) ≤ +25% | – | 30.0 vs 25.0 ms before (1.20×)"
							+ " | met |")
			.contains(
					"| flush of 100,000 counter series (now) ≤ +25% | – | 20.0 vs 10.0 ms before (2.00×) | **missed** |")
			.contains(
					"| flush of 10,000 counter series (timestamped, kept) ≤ +25% | – | no baseline run | not measured |")
			.contains("| heap per counter series ≤ +25% | – | 480 vs 460 B before (1.04×) | met |")
			.contains("| heap per histogram series ≤ +25% | – | 900 vs 600 B before (1.50×) | **missed** |");
	}

	@Test
	void headsTheTablesWithTheMeasuredCommitAndMachine() throws Exception {
		write("run-info.txt", "commit: 1a2b3c4\ndirty: no\ncpu: AMD EPYC 7B13\nnproc: 2\n"
				+ "uptime-before: 10:00:01 up 3 days, load average: 2.28, 3.14, 4.53\n");
		assertThat(tables()).contains("| commit | `1a2b3c4` |")
			.contains("| uncommitted changes | no |")
			.contains("| CPU | AMD EPYC 7B13 |")
			.contains("| uptime before | 10:00:01 up 3 days, load average: 2.28, 3.14, 4.53 |");
	}

	@Test
	void givesEachTargetOfTheEngineIssueAVerdictAndTheTwoThreadScalingPerKind() throws Exception {
		write("recording-1-thread.json",
				jmh(List.of(recording("PreResolvedCounterBenchmark.threadstats", 4.0, 0),
						recording("PreResolvedCounterBenchmark.threadstatsTimestamped", 4.2, 0),
						recording("PreResolvedCounterBenchmark.micrometer", 4.4, 0),
						recording("HistogramBenchmark.threadstats", 20, 0),
						recording("HistogramBenchmark.micrometerTimer", 30, 0))));
		write("recording-2-thread.json",
				jmh(List.of(recording("PreResolvedCounterBenchmark.threadstats", 5.0, 0),
						recording("PreResolvedCounterBenchmark.threadstatsTimestamped", 6.0, 0),
						recording("PreResolvedCounterBenchmark.micrometer", 4.0, 0),
						recording("HistogramBenchmark.threadstats", 20, 8),
						recording("HistogramBenchmark.micrometerTimer", 40, 0))));
		String tables = tables();
		// records/s on 2 threads against 1: 2 x 4.0 / 5.0 and 2 x 20 / 20
		assertThat(tables).contains(
				"| counter handle | `PreResolvedCounterBenchmark.threadstats` | 4.0 ± 0.1 | 5.0 ± 0.1 | 1.60× | met |")
			.contains(
					"| histogram handle | `HistogramBenchmark.threadstats` | 20.0 ± 0.1 | 20.0 ± 0.1 | 2.00× | met |");
		assertThat(tables)
			.contains("| counter handle ≤ Micrometer's cached counter | 1 thread | 4.0 vs 4.4 ns (0.91×) | met |")
			.contains(
					"| counter handle ≤ Micrometer's cached counter | 2 threads | 5.0 vs 4.0 ns (1.25×) | **missed** |")
			.contains(
					"| timestamped ≤ 1.1× untimestamped (PreResolvedCounter handle) | 2 threads | 6.0 vs 5.0 ns (1.20×)"
							+ " | **missed** |")
			.contains("| 0 B per call for handles | 2 threads | most: 8 B/op (HistogramBenchmark) | **missed** |");
	}

	@Test
	void tabulatesTheSketchLibrariesWithTheRatioThatDecidedEachChoice() throws Exception {
		write("recording-1-thread.json", jmh(List.of(
				row("io.threadstats.aggregation.SketchLibraryBenchmark.addOurs", "", 6.4, 0.2, "ns/op", 0),
				row("io.threadstats.aggregation.SketchLibraryBenchmark.addDdSketchCubicCollapsing", "", 4.0, 0.1,
						"ns/op", 0),
				row("io.threadstats.aggregation.SketchLibraryBenchmark.updateOursDistinct", "", 15.0, 0.5, "ns/op", 0),
				row("io.threadstats.aggregation.SketchLibraryBenchmark.updateHll8", "", 22.5, 1.0, "ns/op", 0))));
		assertThat(tables()).contains(
				"| quantile sketch: add one value | ours (relative-error sketch, log mapping) | `addOurs` | 6.4 ± 0.2"
						+ " | 1.60× of `addDdSketchCubicCollapsing` |")
			.contains(
					"|  | DataSketches `HllSketch` HLL_8 | `updateHll8` | 22.5 ± 1.0 | 1.50× of `updateOursDistinct` |");
	}

	@Test
	void tabulatesZstd1BesideDeflateWithTheirTimesAndBytes() throws Exception {
		write("compression.json",
				jmh(List.of(
						row("io.threadstats.benchmarks.CompressionBenchmark.encode",
								"\"params\":{\"compression\":\"ZSTD1\"},", 9.0, 1.4, "ms/op", 1_000),
						row("io.threadstats.benchmarks.CompressionBenchmark.encode",
								"\"params\":{\"compression\":\"DEFLATE\"},", 33.3, 18.8, "ms/op", 1_000))));
		write("compression.txt", "# JMH chatter\n"
				+ "RESULT {\"harness\":\"compression\",\"compression\":\"ZSTD1\",\"series\":10000,\"payloads\":1,"
				+ "\"jsonBytes\":3212632,\"compressedBytes\":122881}\n"
				+ "RESULT {\"harness\":\"compression\",\"compression\":\"DEFLATE\",\"series\":10000,\"payloads\":1,"
				+ "\"jsonBytes\":3212632,\"compressedBytes\":99262}\n");
		assertThat(tables()).contains("#### CompressionBenchmark")
			.contains("| zstd1 | 10,000 | 9.0 ± 1.4 | 0.27× | 3,212,632 | 122,881 | 1.24× | 26.1 |")
			.contains("| deflate | 10,000 | 33.3 ± 18.8 | 1.00× | 3,212,632 | 99,262 | 1.00× | 32.4 |");
	}

	@Test
	void tabulatesTheDeliveryThreadsTimeAndAllocationPerDistributionValue() throws Exception {
		write("distribution-encoding.json",
				jmh(List.of(
						row("io.threadstats.benchmarks.DistributionEncodingBenchmark.encode",
								"\"params\":{\"values\":\"latencies\"},", 22.0, 0.5, "ms/op", 7_500_000),
						row("io.threadstats.benchmarks.DistributionEncodingBenchmark.encode",
								"\"params\":{\"values\":\"wholeNumbers\"},", 5.0, 0.4, "ms/op", 900_000))));
		write("distribution-encoding.txt",
				"# JMH chatter\n"
						+ "RESULT {\"harness\":\"distribution-encoding\",\"values\":\"latencies\",\"payloads\":1,"
						+ "\"jsonBytes\":1840320,\"compressedBytes\":950609}\n");
		assertThat(tables()).contains("#### DistributionEncodingBenchmark")
			.contains("| latencies (ms, with fractions) | 22.0 ± 0.5 | 220 | 75 | 1,840,320 | 950,609 | 1.9 |")
			.contains("| whole numbers (sizes) | 5.0 ± 0.4 | 50 | 9 | – | – | – |");
	}

	private String tables() throws Exception {
		Process python = new ProcessBuilder("python3", SCRIPT.toString(), this.results.toString())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(python.exitValue()).isZero();
		return output;
	}

	private void write(String name, String content) throws IOException {
		Files.writeString(this.results.resolve(name), content);
	}

	private static String recording(String method, double score, double bytes) {
		return row("io.threadstats.benchmarks." + method, "", score, 0.1, "ns/op", bytes);
	}

	private static String timed(String method, double score, double error, double bytes) {
		return row("io.threadstats.benchmarks.TimedAspectBenchmark." + method, "", score, error, "ns/op", bytes);
	}

	private static String flush(int series, String delivery, double score, double bytes) {
		return flush(series, delivery, true, score, bytes);
	}

	private static String flush(int series, String delivery, boolean timestamps, double score, double bytes) {
		return row(
				"io.threadstats.benchmarks.FlushBenchmark.flush", "\"params\":{\"delivery\":\"" + delivery
						+ "\",\"series\":\"" + series + "\",\"timestamps\":\"" + timestamps + "\"},",
				score, 1.0, "ms/op", bytes);
	}

	/** One result as JMH's JSON output has it (the fields the script reads). */
	private static String row(String benchmark, String params, double score, double error, String unit, double bytes) {
		return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"" + benchmark + "\",\"mode\":\"avgt\",\"threads\":1," + params
				+ "\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":" + error + ",\"scoreUnit\":\"" + unit
				+ "\"},\"secondaryMetrics\":{\"gc.alloc.rate.norm\":{\"score\":" + bytes + ",\"scoreUnit\":\"B/op\"}}}";
	}

	private static String jmh(List<String> rows) {
		return "[" + String.join(",", rows) + "]";
	}

}
