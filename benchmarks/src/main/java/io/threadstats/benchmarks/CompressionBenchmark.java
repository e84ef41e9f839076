package io.threadstats.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.MetricType;
import io.threadstats.snapshot.SeriesPoint;
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
 * What one realistic flush costs to encode into v2 series payloads with each compression,
 * and how many bytes it then sends: a web service's flush of 10,000 series (request
 * histograms per route, method and status, expanded into their eight series, queue and
 * pool gauges, per-customer counters), with the tags an application sends. JMH times the
 * submission to a dry-run submitter (encoded and compressed on its delivery thread, not
 * sent) until its payloads are ready; the end of the trial prints the bytes of the last
 * flush as a {@link ResultLine}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class CompressionBenchmark {

	private static final String[] ROUTES = { "/api/orders", "/api/orders/{id}", "/api/orders/{id}/items",
			"/api/customers/{id}", "/api/carts/{id}", "/api/payments", "/api/search", "/health", "/api/stock/{sku}",
			"/api/shipments/{id}" };

	private static final String[] METHODS = { "GET", "POST", "PUT", "DELETE" };

	private static final String[] STATUSES = { "200", "201", "400", "404", "500" };

	private static final String[] AGGREGATES = { "min", "max", "count", "avg", "75percentile", "85percentile",
			"95percentile", "99percentile" };

	/** The compression of v2 series payloads. */
	@Param({ "ZSTD1", "DEFLATE" })
	public Compression compression;

	private DatadogSubmitter submitter;

	private FlushSnapshot flush;

	private FlushRecord last;

	@Setup(Level.Trial)
	public void setUp() {
		this.submitter = DryRunSubmitters.create(this.compression);
		this.flush = realisticFlush(Instant.now().getEpochSecond() / 10 * 10 - 60);
	}

	@Benchmark
	public FlushRecord encode() {
		this.last = DryRunSubmitters.encode(this.submitter, this.flush);
		return this.last;
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.submitter.close(Duration.ofSeconds(1));
		if (this.last == null || this.last.series() != this.flush.series().size() || this.last.droppedTotal() != 0) {
			throw new IllegalStateException("the flush was not encoded whole: " + this.last);
		}
		ResultLine.of("compression")
			.with("compression", this.compression.name())
			.with("series", this.last.series())
			.with("payloads", this.last.payloads())
			.with("jsonBytes", this.last.rawBytes())
			.with("compressedBytes", this.last.compressedBytes())
			.print();
	}

	/** 10,000 series a web service sends in one flush, at bucket {@code timestamp}. */
	static FlushSnapshot realisticFlush(long timestamp) {
		List<SeriesPoint> series = new ArrayList<>(10_000);
		List<String> constant = List.of("env:prod", "service:checkout", "version:2.14.1", "team:payments");
		int pod = 0;
		// request histograms: 10 routes x 4 methods x 5 statuses x 3 pods = 600 series of
		// 8 aggregates, 4,800 points
		for (String route : ROUTES) {
			for (String method : METHODS) {
				for (String status : STATUSES) {
					for (int p = 0; p < 3; p++) {
						String host = "checkout-7d9f8b6c4-" + (char) ('a' + p) + "x" + (p * 7 % 10) + "q";
						List<String> tags = tags(constant, "route:" + route, "method:" + method.toLowerCase(),
								"status:" + status, "pod_name:" + host);
						for (String aggregate : AGGREGATES) {
							MetricType type = aggregate.equals("count") ? MetricType.RATE : MetricType.GAUGE;
							series.add(new SeriesPoint("checkout.http.server.requests." + aggregate, type, timestamp,
									value(series.size()), 10, host, null, tags));
						}
					}
				}
			}
		}
		// per-customer counters and gauges, the rest: 5,200 series
		while (series.size() < 10_000) {
			int i = series.size();
			String host = "checkout-7d9f8b6c4-" + (char) ('a' + pod++ % 3) + "x0q";
			series.add(new SeriesPoint((i % 2 == 0) ? "checkout.orders.placed" : "checkout.cart.items", MetricType.RATE,
					timestamp, value(i), 10, host, null,
					tags(constant, "customer_tier:" + (i % 4), "customer_id:c" + (100_000 + i * 37 % 90_000),
							"channel:" + ((i % 3 == 0) ? "web" : "mobile"))));
		}
		return new FlushSnapshot(Instant.ofEpochSecond(timestamp + 10), series, List.of(), List.of(), List.of());
	}

	private static List<String> tags(List<String> constant, String... own) {
		List<String> tags = new ArrayList<>(List.of(own));
		tags.addAll(constant);
		return List.copyOf(tags);
	}

	/** Values as metrics have them: a few significant digits, not random doubles. */
	private static double value(int i) {
		return Math.round((i * 7919 % 100_000) / 7.0) / 100.0;
	}

}
