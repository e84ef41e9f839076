package io.threadstats.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.threadstats.Counter;
import io.threadstats.ThreadStats;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.submission.Compression;
import io.threadstats.submission.DatadogSubmitter;
import io.threadstats.submission.DeliverySettings;
import io.threadstats.submission.FlushRecord;
import io.threadstats.submission.SeriesApi;
import io.threadstats.submission.Submitter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one flush with N active counter series, each holding one point in the bucket being
 * flushed, with and without encoding and compressing what it emits. Before each call (not measured) every series gets one point, timestamped into a past bucket
 * that no other call used lately, so every call flushes one full bucket of N series as the steady state
 * does. The buckets cycle through the last hour, inside Datadog's window.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class FlushBenchmark {

	private static final Duration ROLL_UP = Duration.ofSeconds(10);

	/** Buckets cycled through: 5 to 55 minutes ago. */
	private static final int BUCKETS = 300;

	/** Active series per flush. */
	@Param({ "10000", "100000" })
	public int series;

	/**
	 * Where the snapshot goes: {@code discard} measures the engine's flush alone; {@code encode} hands it
	 * to the Datadog submitter in dry-run mode (no API key) and waits until its payloads are encoded to
	 * v2 JSON and deflate-compressed, in size-limited payloads, but not sent.
	 */
	@Param({ "discard", "encode" })
	public String delivery;

	private DatadogSubmitter encoder;

	private FlushRecord lastRecord;

	private ThreadStats stats;

	private Counter[] counters;

	private Instant oldestBucket;

	private int nextBucket;

	/** Builds a manually flushed instance with one handle per series. */
	@Setup(Level.Trial)
	public void start() {
		this.stats = ThreadStats.builder()
			.autoFlush(false)
			.rollUpInterval(ROLL_UP)
			.maxSeries(this.series + 1000)
			.submitter(submitter())
			.environment((name) -> null)
			.host("bench-host")
			.build();
		this.counters = new Counter[this.series];
		for (int i = 0; i < this.series; i++) {
			this.counters[i] = this.stats.counter("bench.flush", "series:" + i, "env:bench");
		}
		this.oldestBucket = Instant.now().minus(Duration.ofMinutes(55));
	}

	private Submitter submitter() {
		if (this.delivery.equals("discard")) {
			return new DiscardingSubmitter();
		}
		this.encoder = DatadogSubmitter.create(new DeliverySettings(null, null, null, SeriesApi.V2,
				Compression.DEFLATE, Duration.ofSeconds(5), Duration.ofSeconds(20), 32L << 20, Duration.ofSeconds(10)));
		return this.encoder;
	}

	/** Gives every series one point in the next bucket of the cycle. */
	@Setup(Level.Invocation)
	public void fillNextBucket() {
		Instant bucket = this.oldestBucket.plus(ROLL_UP.multipliedBy(this.nextBucket));
		this.nextBucket = (this.nextBucket + 1) % BUCKETS;
		for (Counter counter : this.counters) {
			counter.increment(1, bucket);
		}
	}

	/** Flushes the bucket just filled and, with {@code encode}, waits for its payloads. */
	@Benchmark
	public Object flush() {
		FlushSnapshot snapshot = this.stats.flush();
		if (this.encoder == null) {
			return snapshot;
		}
		this.lastRecord = this.encoder.flushRecord(snapshot).join();
		return this.lastRecord;
	}

	/** Reports the last flush's payloads, then closes the instance. */
	@TearDown(Level.Trial)
	public void stop() {
		if (this.lastRecord != null) {
			System.out.printf(Locale.ROOT, "%n%,d series: %d payloads, %,d bytes JSON, %,d bytes compressed%n",
					this.lastRecord.series(), this.lastRecord.payloads(), this.lastRecord.rawBytes(),
					this.lastRecord.compressedBytes());
		}
		this.stats.close();
	}

}
