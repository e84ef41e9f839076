package io.threadstats.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.threadstats.Counter;
import io.threadstats.ThreadStats;
import io.threadstats.snapshot.FlushSnapshot;
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
 * flushed. Before each call (not measured) every series gets one point, timestamped into a past bucket
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
			.submitter(new DiscardingSubmitter())
			.environment((name) -> null)
			.host("bench-host")
			.build();
		this.counters = new Counter[this.series];
		for (int i = 0; i < this.series; i++) {
			this.counters[i] = this.stats.counter("bench.flush", "series:" + i, "env:bench");
		}
		this.oldestBucket = Instant.now().minus(Duration.ofMinutes(55));
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

	/** Flushes the bucket just filled: roll-up to snapshot, handed to a discarding submitter. */
	@Benchmark
	public FlushSnapshot engineFlush() {
		return this.stats.flush();
	}

	/** Closes the instance. */
	@TearDown(Level.Trial)
	public void stop() {
		this.stats.close();
	}

}
