package io.threadstats.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.threadstats.Counter;
import io.threadstats.ThreadStats;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.submission.Compression;
import io.threadstats.submission.DatadogSubmitter;
import io.threadstats.submission.FlushRecord;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The cost of one flush with N active counter series, each holding one point in the
 * bucket being flushed, with and without encoding and compressing what it emits. Before
 * each call every series gets one point, so every call flushes one full bucket of N
 * series as the steady state does. The engine's clock is one the benchmark steps one
 * roll-up interval per call. With {@code timestamps} the point is timestamped
 * {@link #REPLAY_LAG} before that clock, into a bucket no call used before, as a replay
 * running behind does, so the engine also keeps what it emitted for late points; without,
 * the point is recorded "now", and every series also takes a point in the bucket that
 * then begins, as in a live service (so no series is idle, and none is evicted). With
 * {@code encode} the clock is the real one, since delivery drops points far from it (as
 * Datadog would): the timestamped points then cycle through the buckets of the last hour,
 * and once they come back to a bucket the engine sent and no longer keeps, they are late
 * points sent alone, which is not the steady state the {@code discard} rows measure.
 *
 * <p>
 * JMH times the call alone, but its GC profiler's allocation per operation also counts
 * that refill (opening a bucket per series). So the flush's own allocation is measured
 * here: the bytes every thread of the JVM allocated (the flushing thread's, and the
 * delivery thread's for {@code encode}) between the end of the refill and the end of the
 * call, averaged over the measurement iterations. The end of the trial prints it as a
 * {@link ResultLine}, with the payloads of the last {@code encode} flush, after checking
 * that every flush emitted exactly N series and that nothing was rejected or dropped:
 * otherwise the trial fails, since its figures would be of a smaller flush.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class FlushBenchmark {

	private static final Duration ROLL_UP = Duration.ofSeconds(10);

	/** Buckets cycled through with {@code encode}: 5 to 55 minutes ago. */
	private static final int BUCKETS = 300;

	/** How far behind the engine's clock the timestamped points are. */
	static final Duration REPLAY_LAG = Duration.ofMinutes(5);

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	/** Active series per flush. */
	@Param({ "10000", "100000" })
	public int series;

	/**
	 * Where the snapshot goes: {@code discard} measures the engine's flush alone;
	 * {@code encode} hands it to the Datadog submitter in dry-run mode (no API key) and
	 * waits until its payloads are encoded to v2 JSON and deflate-compressed, in
	 * size-limited payloads, but not sent.
	 */
	@Param({ "discard", "encode" })
	public String delivery;

	/**
	 * Whether the points carry their own (past) timestamp, or are recorded now
	 * ({@code -p timestamps=false}, with {@code discard} only: the clock runs ahead of
	 * the real one, and delivery drops points far from now, as Datadog would).
	 */
	@Param({ "true" })
	public boolean timestamps;

	private final SteppedClock clock = new SteppedClock(Instant.now());

	private DatadogSubmitter encoder;

	private DiscardingSubmitter discarder;

	private ThreadStats stats;

	private Counter[] counters;

	private Instant oldestBucket;

	private int nextBucket;

	private final FlushChecks checks = new FlushChecks();

	private final AllocationMeter allocation = new AllocationMeter();

	/** Builds a manually flushed instance with one handle per series. */
	@Setup(Level.Trial)
	public void start() {
		if (!this.timestamps && !this.delivery.equals("discard")) {
			throw new IllegalArgumentException("-p timestamps=false needs -p delivery=discard: the points recorded now"
					+ " are on a clock ahead of the real one, which delivery drops as out of Datadog's window");
		}
		this.stats = ThreadStats.builder()
			.autoFlush(false)
			.rollUpInterval(ROLL_UP)
			.maxSeries(this.series + 1000)
			.clock(this.delivery.equals("encode") ? Clock.systemUTC() : this.clock)
			.submitter(submitter())
			.environment((name) -> null)
			.host("bench-host")
			.build();
		this.counters = new Counter[this.series];
		for (int i = 0; i < this.series; i++) {
			this.counters[i] = this.stats.counter("bench.flush", "series:" + i, "env:bench");
		}
		this.oldestBucket = Instant.now().minus(Duration.ofMinutes(55));
		if (!this.timestamps) {
			fillCurrentBucket();
		}
		// an empty flush, so that the delivery thread exists before the threads to
		// measure are listed
		flush();
		this.checks.snapshot = null;
		this.checks.record = null;
	}

	private Submitter submitter() {
		if (this.delivery.equals("discard")) {
			this.discarder = new DiscardingSubmitter();
			return this.discarder;
		}
		this.encoder = DryRunSubmitters.create(Compression.DEFLATE);
		return this.encoder;
	}

	/** Lists the threads to measure and whether this iteration counts. */
	@Setup(Level.Iteration)
	public void startIteration(IterationParams iteration) {
		this.allocation.startIteration(iteration.getType() == IterationType.MEASUREMENT);
	}

	/**
	 * Gives every series one point in the next bucket of the cycle, then starts measuring
	 * allocation.
	 */
	@Setup(Level.Invocation)
	public void fillNextBucket() {
		if (this.timestamps) {
			Instant bucket;
			if (this.encoder != null) {
				bucket = this.oldestBucket.plus(ROLL_UP.multipliedBy(this.nextBucket));
				this.nextBucket = (this.nextBucket + 1) % BUCKETS;
			}
			else {
				this.clock.step(ROLL_UP);
				bucket = this.clock.instant().minus(REPLAY_LAG);
			}
			for (Counter counter : this.counters) {
				counter.increment(1, bucket);
			}
		}
		else {
			// the bucket filled last time ends, and the series go on in the next one: the
			// flush emits the first while the second stays open, as in a live service
			this.clock.step(ROLL_UP);
			fillCurrentBucket();
		}
		this.allocation.start();
	}

	private void fillCurrentBucket() {
		for (Counter counter : this.counters) {
			counter.increment();
		}
	}

	/**
	 * Flushes the bucket just filled and, with {@code encode}, waits for its payloads.
	 */
	@Benchmark
	public Object flush() {
		FlushSnapshot snapshot = this.stats.flush();
		this.checks.snapshot = snapshot;
		if (this.encoder == null) {
			return snapshot;
		}
		this.checks.record = this.encoder.flushRecord(snapshot).join();
		return this.checks.record;
	}

	/** Stops measuring allocation, then checks the flush. */
	@TearDown(Level.Invocation)
	public void checkFlush() {
		this.allocation.stop();
		this.checks.check(this.series);
	}

	/**
	 * Checks the whole trial, reports the flush's own allocation and the last payloads,
	 * and closes the instance.
	 */
	@TearDown(Level.Trial)
	public void stop() {
		this.stats.close();
		long rejected = this.stats.statistics().totalRejected();
		if (rejected > 0) {
			throw new IllegalStateException("The engine rejected " + rejected
					+ " points: the flushes were smaller than " + this.series + " series");
		}
		// points recorded now leave their last bucket open: close() emits it
		long flushes = this.checks.flushes + (this.timestamps ? 0 : 1);
		if (this.discarder != null && this.discarder.seriesSeen() != (long) this.series * flushes) {
			throw new IllegalStateException("The submitter saw " + this.discarder.seriesSeen() + " series in " + flushes
					+ " flushes of " + this.series);
		}
		FlushRecord last = this.checks.record;
		if (last != null) {
			System.out.printf(Locale.ROOT, "%n%,d series: %d payloads, %,d bytes JSON, %,d bytes compressed%n",
					last.series(), last.payloads(), last.rawBytes(), last.compressedBytes());
		}
		System.out.println();
		resultLine(this.series, this.delivery, this.timestamps, this.checks.flushes, this.allocation.measured,
				this.allocation.perFlush(this.allocation.flushingThreadBytes),
				this.allocation.perFlush(this.allocation.otherThreadsBytes), last)
			.print();
	}

	/**
	 * The machine-readable form of a trial, which {@code tables.py} reads: the flush's
	 * own allocation per flush, and the payloads of the last flush when it was encoded
	 * ({@code last}, else {@code null}).
	 */
	static ResultLine resultLine(int series, String delivery, boolean timestamps, long flushes, long measuredFlushes,
			long flushingThreadBytesPerFlush, long otherThreadsBytesPerFlush, FlushRecord last) {
		ResultLine line = ResultLine.of("flush")
			.with("series", series)
			.with("delivery", delivery)
			.with("timestamps", timestamps)
			.with("flushes", flushes)
			.with("measuredFlushes", measuredFlushes)
			.with("flushingThreadBytesPerFlush", flushingThreadBytesPerFlush)
			.with("otherThreadsBytesPerFlush", otherThreadsBytesPerFlush);
		if (last != null) {
			line.with("payloads", last.payloads())
				.with("jsonBytes", last.rawBytes())
				.with("compressedBytes", last.compressedBytes());
		}
		return line;
	}

	/** What each flush must have been: N series, all encoded, nothing dropped. */
	private static final class FlushChecks {

		FlushSnapshot snapshot;

		FlushRecord record;

		long flushes;

		void check(int series) {
			this.flushes++;
			int emitted = this.snapshot.series().size();
			if (emitted != series) {
				throw new IllegalStateException("A flush emitted " + emitted + " series instead of " + series);
			}
			if (this.record != null && (this.record.series() != series || this.record.droppedTotal() > 0)) {
				throw new IllegalStateException("A flush encoded " + this.record.series() + " of " + series
						+ " series and dropped " + this.record.droppedTotal() + ": " + this.record);
			}
			this.snapshot = null;
		}

	}

	/**
	 * Bytes allocated per thread (HotSpot's per-thread counters) between {@link #start()}
	 * and {@link #stop()}, summed over the measurement iterations: the flushing thread's
	 * apart from all others.
	 */
	private static final class AllocationMeter {

		private long[] others = new long[0];

		private long[] othersAtStart = new long[0];

		private long flushingAtStart;

		private boolean measuring;

		long measured;

		long flushingThreadBytes;

		long otherThreadsBytes;

		void startIteration(boolean measuring) {
			this.measuring = measuring;
			long self = Thread.currentThread().getId();
			this.others = Arrays.stream(THREADS.getAllThreadIds()).filter((id) -> id != self).toArray();
		}

		void start() {
			this.othersAtStart = THREADS.getThreadAllocatedBytes(this.others);
			this.flushingAtStart = THREADS.getCurrentThreadAllocatedBytes();
		}

		void stop() {
			long flushing = THREADS.getCurrentThreadAllocatedBytes() - this.flushingAtStart;
			long[] othersAtEnd = THREADS.getThreadAllocatedBytes(this.others);
			if (!this.measuring) {
				return;
			}
			long others = 0;
			for (int i = 0; i < othersAtEnd.length; i++) {
				// -1: the thread ended (or the JVM cannot tell)
				if (othersAtEnd[i] >= 0 && this.othersAtStart[i] >= 0) {
					others += othersAtEnd[i] - this.othersAtStart[i];
				}
			}
			this.measured++;
			this.flushingThreadBytes += flushing;
			this.otherThreadsBytes += others;
		}

		long perFlush(long bytes) {
			return (this.measured > 0) ? bytes / this.measured : 0;
		}

	}

	/** A clock that stands still until the benchmark steps it. */
	static final class SteppedClock extends Clock {

		private volatile Instant now;

		SteppedClock(Instant start) {
			this.now = start;
		}

		void step(Duration by) {
			this.now = this.now.plus(by);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("a benchmark's clock has one zone");
		}

	}

}
