package io.threadstats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.threadstats.snapshot.DistributionPoint;
import io.threadstats.snapshot.DoubleValues;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.submission.Submitter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A distribution far hotter than a bucket could hold: 10 million values into one series
 * and one bucket from two threads, in a JVM of 96 MiB of heap (80 MB of values alone).
 * Every value arrives, because full chunks go out early on the flush thread; and arrives
 * as recorded, though the submitter releases every point's values once read, so that
 * chunks are filled again while others wait for delivery.
 */
class HotDistributionTests {

	static final long VALUES = 10_000_000;

	@Test
	void tenMillionValuesOnTwoThreadsInA96MegabyteHeapAllArrive() throws Exception {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Process process = new ProcessBuilder(java.toString(), "-Xmx96m", "-cp", System.getProperty("java.class.path"),
				HotDistributionTests.class.getName())
			.redirectErrorStream(true)
			.start();
		String output;
		try {
			assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the forked run ends").isTrue();
		}
		finally {
			output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.destroyForcibly();
		}
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).as(output).contains("arrived " + VALUES + " rejected 0");
		assertThat(output).as(output).contains("sum " + expectedSum());
	}

	/** The forked run: records, closes, prints what arrived. */
	public static void main(String[] args) throws IOException, InterruptedException {
		CountingSubmitter counted = new CountingSubmitter();
		// one bucket: a clock that stands still
		Clock still = Clock.fixed(Instant.parse("2026-01-01T10:00:05Z"), ZoneOffset.UTC);
		ThreadStats stats = ThreadStats.builder()
			.clock(still)
			.environment((name) -> null)
			.noHost()
			.flushInterval(Duration.ofHours(1))
			.submitter(counted)
			.build();
		ValueRecorder sizes = stats.distributionRecorder("payload.size");
		List<Thread> writers = new ArrayList<>();
		for (int t = 0; t < 2; t++) {
			writers.add(new Thread(() -> {
				for (long i = 0; i < VALUES / 2; i++) {
					sizes.record(valueAt(i));
				}
			}));
		}
		writers.forEach(Thread::start);
		for (Thread writer : writers) {
			writer.join();
		}
		stats.close();
		System.out.println("arrived " + counted.values.sum() + " rejected " + stats.statistics().totalRejected()
				+ " points " + counted.points.sum() + " sum " + counted.sum.sum());
	}

	/** The i-th value each writer records: small integers, so that sums are exact. */
	static long valueAt(long i) {
		return i & 1023;
	}

	/** The sum of every value both writers record. */
	static long expectedSum() {
		long sum = 0;
		for (long i = 0; i < VALUES / 2; i++) {
			sum += valueAt(i);
		}
		return 2 * sum;
	}

	/** Counts and adds up the values it is handed, then releases them. */
	static final class CountingSubmitter implements Submitter {

		final LongAdder values = new LongAdder();

		final LongAdder points = new LongAdder();

		final LongAdder sum = new LongAdder();

		@Override
		public CompletableFuture<Void> submit(FlushSnapshot snapshot) {
			for (DistributionPoint point : snapshot.distributions()) {
				this.values.add(point.values().size());
				this.points.increment();
				// unboxed, so that reading keeps up with two writers
				DoubleValues values = (DoubleValues) point.values();
				long sum = 0;
				for (int i = 0; i < values.size(); i++) {
					sum += (long) values.getDouble(i);
				}
				this.sum.add(sum);
				point.releaseValues();
			}
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void close(Duration timeout) {
		}

	}

}
