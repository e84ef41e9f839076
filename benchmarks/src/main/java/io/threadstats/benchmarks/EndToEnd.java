package io.threadstats.benchmarks;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

import com.timgroup.statsd.NonBlockingStatsDClient;
import io.threadstats.Counter;
import io.threadstats.ThreadStats;
import io.threadstats.ValueRecorder;
import io.threadstats.aggregation.CounterType;
import io.threadstats.aggregation.RejectReason;

/**
 * End to end, on loopback: T threads record as fast as they can for S seconds while the data goes out
 * the way it does in production, then the totals received are checked against the totals recorded.
 *
 * <ul>
 * <li>threadstats: the engine rolls up and flushes every second through the builder's default HTTP
 * submitter (v2 JSON, deflate) to a {@link FakeIntake} that decompresses, parses and totals.</li>
 * <li>dogstatsd: java-dogstatsd-client with aggregation on sends UDP to a {@link FakeDogStatsDAgent}
 * that reads and totals every datagram.</li>
 * </ul>
 *
 * Options ({@code --name value}): {@code threads} (2), {@code seconds} (10), {@code warmup} seconds (3),
 * {@code series} per thread cycle (16), {@code kind} {@code counter|histogram} (counter), {@code api}
 * {@code handle|name} for threadstats (handle), {@code library} {@code all|threadstats|dogstatsd} (all),
 * {@code rollup} seconds (1), {@code rate} total calls per second, 0 for as fast as possible (0).
 */
public final class EndToEnd {

	/**
	 * Idle time between the end of recording and close: longer than dogstatsd's 2 s aggregation flush,
	 * whose {@code close()} does not flush the aggregator, so that loss at shutdown is not counted as
	 * loss under load.
	 */
	private static final long GRACE_MILLIS = 3000;

	private EndToEnd() {
	}

	/** Runs the experiment and prints one result line per library. */
	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		Settings settings = new Settings(options.intValue("threads", 2), options.intValue("seconds", 10),
				options.intValue("warmup", 3), options.intValue("series", 16), options.value("kind", "counter"),
				options.value("api", "handle"), options.intValue("rollup", 1), options.intValue("rate", 0));
		String library = options.value("library", "all");
		System.out.printf(Locale.ROOT, "end-to-end: %s, %d cores, java %s%n", settings,
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
		if (library.equals("all") || library.equals("threadstats")) {
			report("threadstats (" + settings.api() + ")", runThreadStats(settings));
		}
		if (library.equals("all") || library.equals("dogstatsd")) {
			report("dogstatsd (aggregation on)", runDogStatsD(settings));
		}
	}

	static Result runThreadStats(Settings settings) throws Exception {
		try (FakeIntake intake = new FakeIntake()) {
			ThreadStats stats = ThreadStats.builder()
				.apiKey("end-to-end-not-a-key")
				.apiUrl(intake.baseUrl())
				.rollUpInterval(Duration.ofSeconds(settings.rollup()))
				.flushInterval(Duration.ofSeconds(1))
				.counterType(CounterType.COUNT)
				.environment((name) -> null)
				.host("end-to-end")
				.build();
			RecordingLoop.Outcome outcome = warmUpThenMeasure(settings,
					(metric) -> threadStatsOperation(stats, settings, metric));
			long closeMillis = millisToRun(stats::close);
			long rejected = stats.statistics().rejected().values().stream().mapToLong(Long::longValue).sum();
			String received = settings.kind().equals("counter") ? "e2e.measured" : "e2e.measured.count";
			return new Result(outcome, Math.round(intake.total(received)),
					String.format(Locale.ROOT,
							"%d requests, %,d bytes compressed, %d unparsable, %d rejected (%s), %d flush ticks skipped, close %d ms",
							intake.requests(), intake.compressedBytes(), intake.failedRequests(), rejected,
							rejectedSummary(stats), stats.statistics().skippedFlushes(), closeMillis));
		}
	}

	private static RecordingLoop.Operation threadStatsOperation(ThreadStats stats, Settings settings, String metric) {
		String[][] tags = seriesTags(settings.series());
		boolean counter = settings.kind().equals("counter");
		if (settings.api().equals("name")) {
			return counter ? (series) -> stats.increment(metric, tags[series])
					: (series) -> stats.histogram(metric, series, tags[series]);
		}
		if (counter) {
			Counter[] counters = new Counter[settings.series()];
			for (int i = 0; i < counters.length; i++) {
				counters[i] = stats.counter(metric, tags[i]);
			}
			return (series) -> counters[series].increment();
		}
		ValueRecorder[] histograms = new ValueRecorder[settings.series()];
		for (int i = 0; i < histograms.length; i++) {
			histograms[i] = stats.histogramRecorder(metric, tags[i]);
		}
		return (series) -> histograms[series].record(series);
	}

	static Result runDogStatsD(Settings settings) throws Exception {
		try (FakeDogStatsDAgent agent = new FakeDogStatsDAgent()) {
			NonBlockingStatsDClient client = DogStatsDState.client(agent.port());
			RecordingLoop.Outcome outcome = warmUpThenMeasure(settings,
					(metric) -> dogStatsDOperation(client, settings, metric));
			long closeMillis = millisToRun(client::close);
			agent.awaitQuiet(1000, 10_000);
			return new Result(outcome, Math.round(agent.total("e2e.measured")),
					String.format(Locale.ROOT, "%d datagrams, receive buffer %d KiB, close %d ms", agent.datagrams(),
							agent.receiveBufferBytes() / 1024, closeMillis));
		}
	}

	private static RecordingLoop.Operation dogStatsDOperation(NonBlockingStatsDClient client, Settings settings,
			String metric) {
		String[][] tags = seriesTags(settings.series());
		if (settings.kind().equals("counter")) {
			return (series) -> client.count(metric, 1L, tags[series]);
		}
		return (series) -> client.histogram(metric, (double) series, tags[series]);
	}

	/**
	 * Records under a warm-up metric (not counted) for the warm-up time, then under the measured metric
	 * for the measured time, then idles for {@link #GRACE_MILLIS}.
	 */
	private static RecordingLoop.Outcome warmUpThenMeasure(Settings settings,
			Function<String, RecordingLoop.Operation> operationForMetric) throws InterruptedException {
		RecordingLoop.run(settings.threads(), settings.warmup(), settings.series(), settings.rate(),
				(thread) -> operationForMetric.apply("e2e.warmup"));
		RecordingLoop.Outcome outcome = RecordingLoop.run(settings.threads(), settings.seconds(), settings.series(),
				settings.rate(), (thread) -> operationForMetric.apply("e2e.measured"));
		Thread.sleep(GRACE_MILLIS);
		return outcome;
	}

	private static long millisToRun(Runnable action) {
		long start = System.nanoTime();
		action.run();
		return (System.nanoTime() - start) / 1_000_000;
	}

	private static String[][] seriesTags(int series) {
		String[][] tags = new String[series][];
		for (int i = 0; i < series; i++) {
			tags[i] = new String[] { "series:" + i, "env:bench" };
		}
		return tags;
	}

	private static String rejectedSummary(ThreadStats stats) {
		StringBuilder summary = new StringBuilder();
		stats.statistics().rejected().forEach((RejectReason reason, Long count) -> {
			if (count > 0) {
				summary.append(summary.isEmpty() ? "" : ", ").append(reason).append('=').append(count);
			}
		});
		return summary.isEmpty() ? "none" : summary.toString();
	}

	private static void report(String library, Result result) {
		long lost = result.outcome().calls() - result.received();
		System.out.printf(Locale.ROOT,
				"%-28s %,14d recorded  %,14d received  %,12d lost (%.3f%%)  %,8.2f M records/s  [%s]%n", library,
				result.outcome().calls(), result.received(), lost, 100.0 * lost / result.outcome().calls(),
				result.outcome().callsPerSecond() / 1e6, result.details());
	}

	/** The experiment's parameters. */
	record Settings(int threads, int seconds, int warmup, int series, String kind, String api, int rollup,
			long rate) {

	}

	/** What one library did: the calls made, the total the fake receiver saw, and how it got there. */
	record Result(RecordingLoop.Outcome outcome, long received, String details) {

	}

}
