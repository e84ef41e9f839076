package io.threadstats;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.threadstats.api.RejectReason;
import io.threadstats.snapshot.CheckStatus;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.SeriesPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What each call records, with which host, tags and namespace: by name, sampled, through
 * handles and timers, without allocating on the way.
 */
@ExtendWith(OutputCaptureExtension.class)
class ThreadStatsRecordingTests extends ThreadStatsTestSupport {

	@Test
	void everyMetricMethodRecordsWithTheConfiguredHostAndNamespace() {
		this.stats = builder().namespace("app").build();
		this.stats.increment("views", "env:prod");
		this.stats.increment("views", 3, Instant.parse("2026-01-01T10:00:01Z"), "env:prod");
		this.stats.decrement("stock", 2);
		this.stats.gauge("queue", 4);
		this.stats.histogram("latency", 10);
		this.stats.timing("db", 5);
		this.stats.distribution("size", 7);
		this.stats.set("users", "alice");
		this.stats.set("users", 42L);

		this.stats.close();
		FlushSnapshot snapshot = this.submitter.snapshots().get(0);

		assertThat(only("app.views").value()).isEqualTo(0.4);
		assertThat(only("app.views").host()).isEqualTo("web-1");
		assertThat(only("app.stock").value()).isEqualTo(-0.2);
		assertThat(only("app.queue").value()).isEqualTo(4.0);
		assertThat(only("app.latency.max").value()).isEqualTo(10.0);
		assertThat(only("app.db.avg").value()).isEqualTo(5.0);
		assertThat(only("app.users").value()).isEqualTo(2.0);
		assertThat(snapshot.distributions()).singleElement()
			.satisfies((point) -> assertThat(point.metric()).isEqualTo("app.size"));
	}

	@Test
	void constantTagsComeFromTheBuilderThenTheEnvironment() {
		Map<String, String> environment = Map.of("DATADOG_TAGS", "team:core, region:eu,", "DD_ENV", "prod",
				"DD_SERVICE", "shop", "DD_VERSION", "1.2");
		this.stats = builder().environment(environment::get).constantTags("owner:me").build();
		this.stats.increment("hits", "b:1");
		this.stats.event(Event.builder("Deployed", "v1.2").tags("kind:deploy").build());

		this.stats.close();

		assertThat(only("hits").tags()).containsExactly("b:1", "owner:me", "team:core", "region:eu", "env:prod",
				"service:shop", "version:1.2");
		assertThat(this.submitter.allEvents()).singleElement().satisfies((event) -> {
			assertThat(event.tags()).containsExactly("kind:deploy", "owner:me", "team:core", "region:eu", "env:prod",
					"service:shop", "version:1.2");
			assertThat(event.host()).isEqualTo("web-1");
		});
	}

	@Test
	void hostComesFromTheCallThenTheBuilderThenTheEnvironment() {
		this.stats = ThreadStats.builder()
			.clock(this.clock)
			.submitter(this.submitter)
			.autoFlush(false)
			.environment(Map.of("DD_HOSTNAME", "env-host")::get)
			.build();
		this.stats.increment("default.host");
		this.stats.withHost("web-2").increment("call.host");
		this.stats.withHost(null).increment("no.host");

		this.stats.close();

		assertThat(only("default.host").host()).isEqualTo("env-host");
		assertThat(only("call.host").host()).isEqualTo("web-2");
		assertThat(only("no.host").host()).isNull();
	}

	@Test
	void noHostSendsNoneAndMachineNameIsTheLastFallback() {
		ThreadStats withoutHost = ThreadStats.builder()
			.clock(this.clock)
			.submitter(this.submitter)
			.autoFlush(false)
			.noHost()
			.build();
		withoutHost.increment("none");
		withoutHost.close();
		ThreadStats machine = ThreadStats.builder()
			.clock(this.clock)
			.submitter(this.submitter)
			.autoFlush(false)
			.environment(Map.<String, String>of()::get)
			.build();
		machine.increment("machine");
		machine.close();

		assertThat(only("none").host()).isNull();
		assertThat(only("machine").host()).isNotBlank();
	}

	@Test
	void sampledCountersAreScaledByTheInverseRate() {
		this.stats = builder().build();
		MetricRecorder sampled = this.stats.withSampleRate(0.5);
		Counter handle = sampled.counter("handle.hits");
		for (int i = 0; i < 10_000; i++) {
			sampled.increment("hits");
			handle.increment();
		}

		this.stats.close();

		// kept with probability 0.5, each kept call worth 2: the expected sum is 10,000
		// (sd 100)
		assertThat(only("hits").value() * 10).isBetween(9_000.0, 11_000.0);
		assertThat(only("handle.hits").value() * 10).isBetween(9_000.0, 11_000.0);
		assertThat(Math.round(only("hits").value() * 10) % 2).isZero();
	}

	@Test
	void sampledHistogramsScaleTheirCountButNotWhatDescribesTheValues() {
		this.stats = builder().build();
		MetricRecorder sampled = this.stats.withSampleRate(0.5);
		ValueRecorder handle = sampled.histogramRecorder("handle.latency");
		for (int i = 0; i < 10_000; i++) {
			sampled.histogram("latency", i % 100);
			handle.record(i % 100);
			sampled.distribution("sizes", i % 100);
		}

		this.stats.close();

		// kept with probability 0.5, each kept value counted twice: the expected count is
		// 10,000 (sd 100)
		for (String metric : List.of("latency", "handle.latency")) {
			assertThat(only(metric + ".count").value() * 10).as(metric).isBetween(9_000.0, 11_000.0);
			assertThat(only(metric + ".avg").value()).as(metric).isBetween(45.0, 54.0);
			assertThat(only(metric + ".max").value()).as(metric).isEqualTo(99.0);
			assertThat(only(metric + ".min").value()).as(metric).isEqualTo(0.0);
		}
		// distribution values go out as kept: about half of them, unweighted
		assertThat(this.submitter.allDistributions()).singleElement()
			.satisfies((point) -> assertThat(point.values()).hasSizeBetween(4_000, 6_000));
	}

	@Test
	void invalidSampleRatesDropAndCountEveryCallLoggedOnceOrThrowWhenStrict(CapturedOutput output) {
		this.stats = builder().build();
		this.stats.withSampleRate(0).increment("a");
		this.stats.withSampleRate(0).increment("a");
		this.stats.withSampleRate(1.5).gauge("b", 1);
		this.stats.withSampleRate(Double.NaN).counter("c").increment();

		assertThat(this.stats.statistics().rejected(RejectReason.INVALID_SAMPLE_RATE)).isEqualTo(4);
		assertThat(output.getOut().split("\n"))
			.filteredOn((line) -> line.contains(RejectReason.INVALID_SAMPLE_RATE.rule()))
			.hasSize(3)
			.anySatisfy((line) -> assertThat(line).contains("metric 'a'").contains("sample rate was 0.0"));
		ThreadStats strict = builder().strict(true).build();
		assertThatIllegalArgumentException().isThrownBy(() -> strict.withSampleRate(-1))
			.withMessageContaining(RejectReason.INVALID_SAMPLE_RATE.rule());
		strict.close();
	}

	@Test
	void handlesRecordWithoutLookupAndSurviveFlushes() {
		this.stats = builder().build();
		Counter counter = this.stats.counter("jobs", "queue:a");
		ValueRecorder gauge = this.stats.gaugeRecorder("depth");
		ValueRecorder histogram = this.stats.histogramRecorder("latency");
		ValueRecorder distribution = this.stats.distributionRecorder("size");
		counter.increment();
		counter.increment(4);
		counter.decrement();
		counter.increment(2, Instant.parse("2026-01-01T09:59:55Z"));
		gauge.record(3);
		histogram.record(8);
		distribution.record(9, Instant.parse("2026-01-01T10:00:01Z"));

		this.stats.close();

		assertThat(this.submitter.series("jobs")).extracting(SeriesPoint::value).containsExactlyInAnyOrder(0.4, 0.2);
		assertThat(only("depth").value()).isEqualTo(3.0);
		assertThat(only("latency.count").value()).isEqualTo(0.1);
		assertThat(this.submitter.allDistributions()).singleElement()
			.satisfies((point) -> assertThat(point.values()).containsExactly(9.0));
	}

	@Test
	@SuppressWarnings("try") // closes the timer inside its try on purpose: the second
								// close must not record
	void timerRecordsElapsedMillisecondsOnceAlsoWhenTheBodyThrows() throws Exception {
		this.stats = builder().build();
		try (Timer timer = this.stats.startTimer("sleep")) {
			Thread.sleep(20);
			timer.close();
		}
		String result = this.stats.time("supplied", () -> "done");
		try {
			this.stats.time("failing", (Runnable) () -> {
				throw new IllegalStateException("boom");
			});
		}
		catch (IllegalStateException expected) {
			// recorded anyway, checked below
		}

		this.stats.close();

		assertThat(result).isEqualTo("done");
		assertThat(only("sleep.count").value()).isEqualTo(0.1);
		assertThat(only("sleep.max").value()).isGreaterThanOrEqualTo(20.0).isLessThan(60_000.0);
		assertThat(only("supplied.count").value()).isEqualTo(0.1);
		assertThat(only("failing.count").value()).isEqualTo(0.1);
	}

	@Test
	void timeWithSupplierPropagatesExceptions() {
		this.stats = builder().build();
		assertThatIllegalStateException().isThrownBy(() -> this.stats.time("failing", () -> {
			throw new IllegalStateException("boom");
		}));
	}

	@Test
	void aNullEventOrCheckTagIsCountedNeverThrownIntoTheApplication() {
		this.stats = builder().build();

		this.stats.serviceCheck("db.up", CheckStatus.OK, (String) null);
		this.stats.event(Event.builder("Deployed", "v2").tags("a:1", null).build());
		this.stats.serviceCheck("db.up", CheckStatus.OK, "DB:Main");

		assertThat(this.stats.statistics().rejected()).containsOnly(Map.entry(RejectReason.INVALID_TAG, 2L));
		assertThat(this.stats.flush().serviceChecks()).singleElement()
			.satisfies((check) -> assertThat(check.tags()).containsExactly("db:main"));
	}

	@Test
	void theApiAndTheEngineAgreeOnWhatNowMeans() {
		assertThat(MetricRecorder.NOW).isEqualTo(io.threadstats.aggregation.Aggregator.NOW);
	}

	@Test
	void preResolvedIncrementAndByNameIncrementAllocateNothing() {
		// the system clock, read as production reads it (the ticking second): a test
		// clock makes an Instant per call, which only escape analysis removes, depending
		// on what the JIT saw before
		this.stats = builder().clock(Clock.systemUTC()).build();
		Counter counter = this.stats.counter("hits", "env:prod");
		String[] tags = { "env:prod", "region:eu" };
		Runnable calls = () -> {
			for (int i = 0; i < 500_000; i++) {
				counter.increment();
				this.stats.increment("by.name", tags);
			}
		};

		// a million calls: one allocation per call would be megabytes
		assertThat(Allocations.fewestBytesAllocated(calls, 10)).isLessThan(1024);
	}

}
