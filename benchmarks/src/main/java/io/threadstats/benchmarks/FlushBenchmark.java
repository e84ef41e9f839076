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
 * The cost of one flush with N active counter series, each holding one point in the closing bucket.
 * Before each call (not measured) the clock moves one roll-up interval on and every series gets one
 * point, so every call flushes a full bucket of N series, as the steady state does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class FlushBenchmark {

	private static final Duration ROLL_UP = Duration.ofSeconds(10);

	/** Active series per flush. */
	@Param({ "10000", "100000" })
	public int series;

	private SteppingClock clock;

	private ThreadStats stats;

	private Counter[] counters;

	/** Builds a manually flushed instance on a stepping clock, with one handle per series. */
	@Setup(Level.Trial)
	public void start() {
		this.clock = new SteppingClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS));
		this.stats = ThreadStats.builder()
			.autoFlush(false)
			.clock(this.clock)
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
	}

	/** Moves to the next bucket and gives every series one point in it. */
	@Setup(Level.Invocation)
	public void fillNextBucket() {
		this.clock.advance(ROLL_UP);
		for (Counter counter : this.counters) {
			counter.increment();
		}
	}

	/** Flushes the bucket just filled: roll-up to snapshot, handed to a discarding submitter. */
	@Benchmark
	public FlushSnapshot engineFlush() {
		return this.stats.flush(this.clock.instant().plus(ROLL_UP));
	}

	/** Closes the instance. */
	@TearDown(Level.Trial)
	public void stop() {
		this.stats.close();
	}

}
