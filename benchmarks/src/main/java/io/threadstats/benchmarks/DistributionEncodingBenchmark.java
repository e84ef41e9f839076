package io.threadstats.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.threadstats.snapshot.DistributionPoint;
import io.threadstats.snapshot.DoubleValues;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.submission.Compression;
import io.threadstats.submission.DatadogSubmitter;
import io.threadstats.submission.FlushRecord;
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
 * What delivery costs per raw value of a hot distribution: ten full chunks of 10,000
 * values (one flush's hand-off of a series recording a million values a second) encoded
 * into distribution payloads and deflated by a dry-run submitter, on its delivery thread,
 * until its payloads are ready. Delivery has to keep up with the recording threads, or a
 * distribution's full chunks wait and, past the backlog, are dropped and counted. The
 * values: request latencies in milliseconds (fractions, as {@code @Timed} records them)
 * or whole numbers (sizes, counts).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class DistributionEncodingBenchmark {

	static final int POINTS = 10;

	static final int VALUES_PER_POINT = 10_000;

	/** What the values look like. */
	@Param({ "latencies", "wholeNumbers" })
	public String values;

	private DatadogSubmitter submitter;

	private FlushSnapshot flush;

	private FlushRecord last;

	@Setup(Level.Trial)
	public void setUp() {
		this.submitter = DryRunSubmitters.create(Compression.DEFLATE);
		this.flush = hotDistributionFlush(Instant.now().getEpochSecond() / 10 * 10 - 60,
				this.values.equals("latencies"));
	}

	@Benchmark
	public FlushRecord encode() {
		this.last = DryRunSubmitters.encode(this.submitter, this.flush);
		return this.last;
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.submitter.close(Duration.ofSeconds(1));
		if (this.last == null || this.last.distributions() != POINTS || this.last.droppedTotal() != 0) {
			throw new IllegalStateException("the flush was not encoded whole: " + this.last);
		}
		ResultLine.of("distribution-encoding")
			.with("values", this.values)
			.with("payloads", this.last.payloads())
			.with("jsonBytes", this.last.rawBytes())
			.with("compressedBytes", this.last.compressedBytes())
			.print();
	}

	/** {@value #POINTS} points of {@value #VALUES_PER_POINT} values of one series. */
	static FlushSnapshot hotDistributionFlush(long timestamp, boolean latencies) {
		Random random = new Random(42);
		List<DistributionPoint> points = new ArrayList<>(POINTS);
		for (int p = 0; p < POINTS; p++) {
			double[] values = new double[VALUES_PER_POINT];
			for (int i = 0; i < values.length; i++) {
				// latencies: lognormal around 20 ms, as System.nanoTime() differences
				// give
				// them; whole numbers: response sizes in bytes
				values[i] = latencies ? Math.exp(random.nextGaussian() + 3)
						: Math.round(Math.exp(random.nextGaussian() + 8));
			}
			points.add(new DistributionPoint("checkout.http.server.latency", timestamp,
					DoubleValues.of(values, values.length), "checkout-7d9f8b6c4-ax0q",
					List.of("route:/api/orders", "method:post", "env:prod", "service:checkout")));
		}
		return new FlushSnapshot(Instant.ofEpochSecond(timestamp + 10), List.of(), points, List.of(), List.of());
	}

}
