package io.threadstats.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import com.timgroup.statsd.NonBlockingStatsDClient;
import com.timgroup.statsd.NonBlockingStatsDClientBuilder;
import io.threadstats.Counter;
import io.threadstats.ThreadStats;
import io.threadstats.ValueRecorder;
import io.threadstats.api.CounterType;
import io.threadstats.api.RecordingStatistics;
import io.threadstats.api.RejectReason;
import io.threadstats.submission.Compression;

/**
 * End to end, on loopback: T threads record as fast as they can for S seconds while the
 * data goes out the way it does in production, then the totals received are checked
 * against the totals recorded.
 *
 * <ul>
 * <li>threadstats: the engine rolls up and flushes every second through the builder's
 * default HTTP submitter (v2 JSON, deflate) to a {@link FakeIntake} that decompresses,
 * parses and totals. The run <b>fails</b> (exit status 1, after a line starting
 * {@code END-TO-END CHECK FAILED}) when the intake received a different total than was
 * recorded, could not parse a request (it answers those with 400), or the engine rejected
 * a call.</li>
 * <li>dogstatsd: java-dogstatsd-client with aggregation on sends UDP to a
 * {@link FakeDogStatsDAgent} that reads and totals every datagram. Its loss is reported,
 * not failed, and attributed: the client's own telemetry (sent to a second fake agent, so
 * its queue does not compete with the data) says how many calls its queue dropped and how
 * many datagrams its sender could not write; the kernel says how many datagrams it
 * dropped at the fake agent's socket because its receive buffer was full.</li>
 * </ul>
 *
 * Options ({@code --name value}, {@code --help} lists them): {@code threads} (2),
 * {@code seconds} (10), {@code warmup} seconds (3), {@code series} per thread cycle (16),
 * {@code kind} {@code counter|histogram|distribution} (counter; a distribution's values
 * are counted one by one at both receivers), {@code api} {@code handle|name} for
 * threadstats (handle), {@code library} {@code all|threadstats|dogstatsd} (all),
 * {@code rollup} seconds (1), {@code rate} total calls per second, 0 for as fast as
 * possible (0). Anything else is refused (exit status 2).
 *
 * <p>
 * Prints a human-readable line and a {@link ResultLine} per library.
 */
public final class EndToEnd {

	/** Exit status when threadstats lost, or had refused, anything. */
	static final int CHECK_FAILED = 1;

	/**
	 * Idle time between the end of recording and close: longer than dogstatsd's 2 s
	 * aggregation flush, whose {@code close()} does not flush the aggregator, so that
	 * loss at shutdown is not counted as loss under load; and than two of its telemetry
	 * flushes, whose last counts come in then.
	 */
	private static final long GRACE_MILLIS = 3000;

	/**
	 * Idle time between warm-up and measurement: dogstatsd's queue drains and its
	 * telemetry of the warm-up is flushed before the telemetry of the measurement is
	 * counted.
	 */
	private static final long SETTLE_MILLIS = 1500;

	/** How often the dogstatsd client sends its telemetry here (its default is 10 s). */
	private static final int TELEMETRY_FLUSH_MILLIS = 1000;

	/** The client telemetry's count of calls its full queue dropped. */
	static final String QUEUE_DROPS = "datadog.dogstatsd.client.packets_dropped_queue";

	/** The client telemetry's count of datagrams its sender could not write. */
	static final String SENDER_DROPS = "datadog.dogstatsd.client.packets_dropped";

	private EndToEnd() {
	}

	/**
	 * Runs the experiment, prints one result per library, and exits 1 when threadstats'
	 * check failed.
	 */
	public static void main(String[] args) throws Exception {
		Settings settings = Options.readOrExit("EndToEnd", args, Settings::from);
		System.out.printf(Locale.ROOT, "end-to-end: %s, %d cores, java %s%n", settings,
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
		List<String> failures = new ArrayList<>();
		if (!settings.library().equals("dogstatsd")) {
			Result result = runThreadStats(settings);
			report(settings, result);
			failures.addAll(result.failures());
		}
		if (!settings.library().equals("threadstats")) {
			report(settings, runDogStatsD(settings));
		}
		if (!failures.isEmpty()) {
			System.out.println("END-TO-END CHECK FAILED: " + String.join("; ", failures));
			System.exit(CHECK_FAILED);
		}
		if (!settings.library().equals("dogstatsd")) {
			System.out.println("end-to-end check passed: threadstats delivered every record, no request failed,"
					+ " nothing was rejected");
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
				// deflate, as the published runs: zstd-jni is on this module's class path
				.compression(Compression.DEFLATE)
				.environment((name) -> null)
				.host("end-to-end")
				.build();
			RecordingLoop.Outcome outcome = warmUpThenMeasure(settings,
					(metric) -> threadStatsOperation(stats, settings, metric), () -> {
					});
			long closeMillis = millisToRun(stats::close);
			// a histogram arrives as aggregates: its count is what was recorded
			String metric = settings.kind().equals("histogram") ? "e2e.measured.count" : "e2e.measured";
			long received = Math.round(intake.total(metric));
			RecordingStatistics statistics = stats.statistics();
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("requests", intake.requests());
			details.put("compressedBytes", intake.compressedBytes());
			details.put("unparsableRequests", intake.failedRequests());
			details.put("rejected", statistics.totalRejected());
			details.put("rejectedByReason", rejectedByReason(statistics));
			details.put("skippedFlushTicks", statistics.skippedFlushes());
			details.put("closeMillis", closeMillis);
			return new Result("threadstats", outcome, received, details, true, threadStatsFailures(outcome.calls(),
					received, intake.failedRequests(), statistics.totalRejected()));
		}
	}

	/**
	 * Why threadstats' run failed: empty when everything recorded arrived and nothing was
	 * refused.
	 */
	static List<String> threadStatsFailures(long recorded, long received, long unparsableRequests, long rejected) {
		List<String> failures = new ArrayList<>();
		if (received != recorded) {
			failures.add(String.format(Locale.ROOT, "threadstats recorded %,d but the intake received %,d (%+,d)",
					recorded, received, received - recorded));
		}
		if (unparsableRequests > 0) {
			failures.add("the fake intake could not parse " + unparsableRequests + " requests and answered 400");
		}
		if (rejected > 0) {
			failures.add("the engine rejected " + rejected + " calls");
		}
		return failures;
	}

	private static RecordingLoop.Operation threadStatsOperation(ThreadStats stats, Settings settings, String metric) {
		String[][] tags = seriesTags(settings.series());
		String kind = settings.kind();
		if (settings.api().equals("name")) {
			return switch (kind) {
				case "counter" -> (series) -> stats.increment(metric, tags[series]);
				case "histogram" -> (series) -> stats.histogram(metric, series, tags[series]);
				default -> (series) -> stats.distribution(metric, series, tags[series]);
			};
		}
		if (kind.equals("counter")) {
			Counter[] counters = new Counter[settings.series()];
			for (int i = 0; i < counters.length; i++) {
				counters[i] = stats.counter(metric, tags[i]);
			}
			return (series) -> counters[series].increment();
		}
		ValueRecorder[] recorders = new ValueRecorder[settings.series()];
		for (int i = 0; i < recorders.length; i++) {
			recorders[i] = kind.equals("histogram") ? stats.histogramRecorder(metric, tags[i])
					: stats.distributionRecorder(metric, tags[i]);
		}
		return (series) -> recorders[series].record(series);
	}

	static Result runDogStatsD(Settings settings) throws Exception {
		try (FakeDogStatsDAgent agent = new FakeDogStatsDAgent();
				FakeDogStatsDAgent telemetry = new FakeDogStatsDAgent()) {
			NonBlockingStatsDClientBuilder builder = dogStatsDBuilder(agent.port(), telemetry.port());
			NonBlockingStatsDClient client = builder.build();
			Map<String, Object> options = dogStatsDOptions(builder);
			System.out.println("dogstatsd options: " + options);
			LossCounters atStart = new LossCounters();
			RecordingLoop.Outcome outcome = warmUpThenMeasure(settings,
					(metric) -> dogStatsDOperation(client, settings, metric), () -> atStart.read(agent, telemetry));
			long closeMillis = millisToRun(client::close);
			agent.awaitQuiet(1000, 10_000);
			LossCounters atEnd = new LossCounters();
			atEnd.read(agent, telemetry);
			Map<String, Object> details = new LinkedHashMap<>();
			long received = Math.round(agent.total("e2e.measured"));
			long droppedByQueue = atEnd.queueDrops - atStart.queueDrops;
			details.put("datagrams", atEnd.datagrams - atStart.datagrams);
			details.put("receiveBufferKiB", agent.receiveBufferBytes() / 1024);
			details.put("clientQueueDroppedCalls", droppedByQueue);
			details.put("lostAfterQueue", outcome.calls() - received - droppedByQueue);
			details.put("clientSenderDroppedDatagrams", atEnd.senderDrops - atStart.senderDrops);
			details.put("kernelDroppedDatagrams", difference(atStart.socketDrops, atEnd.socketDrops));
			details.put("kernelRcvbufErrorsSystemWide", difference(atStart.rcvbufErrors, atEnd.rcvbufErrors));
			details.put("closeMillis", closeMillis);
			details.put("options", options);
			return new Result("dogstatsd", outcome, received, details, false, List.of());
		}
	}

	/**
	 * The client of the JMH rows, but sending its telemetry every
	 * {@value #TELEMETRY_FLUSH_MILLIS} ms to its own port: then it has its own queue and
	 * sender, so telemetry is neither dropped with the data nor adds to the data's queue.
	 * (Its {@code close()} does not send the last telemetry: wait one interval.)
	 */
	static NonBlockingStatsDClientBuilder dogStatsDBuilder(int port, int telemetryPort) {
		return DogStatsDState.builder(port)
			.telemetryHostname(DogStatsDState.LOOPBACK)
			.telemetryPort(telemetryPort)
			.telemetryFlushInterval(TELEMETRY_FLUSH_MILLIS);
	}

	private static long difference(long before, long after) {
		return (before == KernelUdpCounters.UNAVAILABLE || after == KernelUdpCounters.UNAVAILABLE)
				? KernelUdpCounters.UNAVAILABLE : after - before;
	}

	/**
	 * The settings the client was built with that decide whether it drops: as the builder
	 * holds them.
	 */
	private static Map<String, Object> dogStatsDOptions(NonBlockingStatsDClientBuilder builder) {
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("queueSize", builder.queueSize);
		options.put("blocking", builder.blocking);
		options.put("aggregation", builder.enableAggregation);
		options.put("aggregationFlushIntervalMillis", builder.aggregationFlushInterval);
		options.put("aggregationShards", builder.aggregationShards);
		options.put("processorWorkers", builder.processorWorkers);
		options.put("senderWorkers", builder.senderWorkers);
		options.put("bufferPoolSize", builder.bufferPoolSize);
		// 0 and -1 are the builder's "the transport's default"
		options.put("maxPacketSizeBytes", (builder.maxPacketSizeBytes > 0) ? builder.maxPacketSizeBytes
				: NonBlockingStatsDClient.DEFAULT_UDP_MAX_PACKET_SIZE_BYTES);
		options.put("socketBufferSize", (builder.socketBufferSize > 0) ? builder.socketBufferSize : "system default");
		options.put("telemetryFlushIntervalMillis", builder.telemetryFlushInterval);
		return options;
	}

	private static RecordingLoop.Operation dogStatsDOperation(NonBlockingStatsDClient client, Settings settings,
			String metric) {
		String[][] tags = seriesTags(settings.series());
		return switch (settings.kind()) {
			case "counter" -> (series) -> client.count(metric, 1L, tags[series]);
			case "histogram" -> (series) -> client.histogram(metric, (double) series, tags[series]);
			default -> (series) -> client.distribution(metric, (double) series, tags[series]);
		};
	}

	/**
	 * Records under a warm-up metric (not counted) for the warm-up time, settles for
	 * {@link #SETTLE_MILLIS}, runs {@code beforeMeasuring}, records under the measured
	 * metric for the measured time, then idles for {@link #GRACE_MILLIS}.
	 */
	private static RecordingLoop.Outcome warmUpThenMeasure(Settings settings,
			Function<String, RecordingLoop.Operation> operationForMetric, Runnable beforeMeasuring)
			throws InterruptedException {
		RecordingLoop.run(settings.threads(), settings.warmup(), settings.series(), settings.rate(),
				(thread) -> operationForMetric.apply("e2e.warmup"));
		Thread.sleep(SETTLE_MILLIS);
		beforeMeasuring.run();
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

	private static Map<String, Object> rejectedByReason(RecordingStatistics statistics) {
		Map<String, Object> reasons = new LinkedHashMap<>();
		statistics.rejected().forEach((RejectReason reason, Long count) -> {
			if (count > 0) {
				reasons.put(reason.name(), count);
			}
		});
		return reasons;
	}

	private static void report(Settings settings, Result result) {
		long calls = result.outcome().calls();
		long lost = calls - result.received();
		StringBuilder details = new StringBuilder();
		result.details().forEach((name, value) -> {
			if (!name.equals("options")) {
				details.append(details.isEmpty() ? "" : ", ").append(name).append('=').append(value);
			}
		});
		System.out.printf(Locale.ROOT,
				"%-12s %,14d recorded  %,14d received  %,12d lost (%.3f%%)  %,8.2f M records/s  [%s]%n",
				result.library(), calls, result.received(), lost, (calls > 0) ? 100.0 * lost / calls : 0.0,
				result.outcome().callsPerSecond() / 1e6, details);
		resultLine(settings, result).print();
	}

	/** The machine-readable form of a result, which {@code tables.py} reads. */
	static ResultLine resultLine(Settings settings, Result result) {
		ResultLine line = ResultLine.of("end-to-end")
			.with("library", result.library())
			.with("threads", settings.threads())
			.with("seconds", settings.seconds())
			.with("warmup", settings.warmup())
			.with("series", settings.series())
			.with("kind", settings.kind())
			.with("api", settings.api())
			.with("rollup", settings.rollup())
			.with("rate", settings.rate())
			.with("recorded", result.outcome().calls())
			.with("received", result.received())
			.with("elapsedNanos", result.outcome().elapsedNanos())
			.with("checked", result.checked())
			.with("passed", result.checked() && result.failures().isEmpty());
		result.details().forEach(line::with);
		return line;
	}

	/** The experiment's parameters. */
	record Settings(int threads, int seconds, int warmup, int series, String kind, String api, String library,
			int rollup, long rate) {

		static Settings from(Options options) {
			return new Settings(options.intValue("threads", 2, 1, 1024), options.intValue("seconds", 10, 1, 86_400),
					options.intValue("warmup", 3, 0, 86_400), options.intValue("series", 16, 1, 1_000_000),
					options.choice("kind", "counter", "histogram", "distribution"),
					options.choice("api", "handle", "name"),
					options.choice("library", "all", "threadstats", "dogstatsd"),
					options.intValue("rollup", 1, 1, 3600), options.intValue("rate", 0, 0, Integer.MAX_VALUE));
		}

	}

	/**
	 * What one library did: the calls made, the total the fake receiver saw, how it got
	 * there, whether its run is checked (threadstats': it must lose nothing) and why that
	 * check failed (empty when it did not).
	 */
	record Result(String library, RecordingLoop.Outcome outcome, long received, Map<String, Object> details,
			boolean checked, List<String> failures) {

	}

	/** Where dogstatsd's loss is counted, read at one moment. */
	private static final class LossCounters {

		long queueDrops;

		long senderDrops;

		long socketDrops;

		long rcvbufErrors;

		long datagrams;

		void read(FakeDogStatsDAgent agent, FakeDogStatsDAgent telemetry) {
			this.datagrams = agent.datagrams();
			this.queueDrops = Math.round(telemetry.total(QUEUE_DROPS));
			this.senderDrops = Math.round(telemetry.total(SENDER_DROPS));
			this.socketDrops = agent.kernelDrops();
			this.rcvbufErrors = KernelUdpCounters.receiveBufferErrors();
		}

	}

}
