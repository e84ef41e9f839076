package io.threadstats.benchmarks;

import java.time.Duration;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.datadog.DatadogConfig;
import io.micrometer.datadog.DatadogMeterRegistry;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Micrometer's {@link DatadogMeterRegistry} with a one-hour step and a loopback URI: its
 * publishing thread is started but never publishes during a run, so every row measures
 * recording alone.
 */
@State(Scope.Benchmark)
public class MicrometerState {

	/** The registry under test. */
	public DatadogMeterRegistry registry;

	/** Pre-resolved counter. */
	public Counter counter;

	/**
	 * Pre-resolved timer, the registry's default configuration (count, sum, max; no
	 * percentiles).
	 */
	public Timer timer;

	/**
	 * Pre-resolved timer publishing the percentiles this starter emits by default (0.75,
	 * 0.85, 0.95, 0.99), computed client-side as Micrometer does.
	 */
	public Timer timerWithPercentiles;

	/**
	 * Pre-resolved summary with a percentile histogram: the nearest Micrometer has to a
	 * Datadog distribution (its Datadog registry has no distribution type).
	 */
	public DistributionSummary distribution;

	/** What the gauge observes; setting it is Micrometer's "gauge set". */
	public GaugeHolder gaugeHolder;

	/** Builds the registry and registers the meters. */
	@Setup(Level.Trial)
	public void start() {
		this.registry = new DatadogMeterRegistry(loopbackConfig(), Clock.SYSTEM);
		this.counter = this.registry.counter(Names.COUNTER, tags());
		this.timer = Timer.builder(Names.HISTOGRAM).tags(tags()).register(this.registry);
		this.timerWithPercentiles = Timer.builder(Names.HISTOGRAM + ".pct")
			.tags(tags())
			.publishPercentiles(0.75, 0.85, 0.95, 0.99)
			.register(this.registry);
		this.distribution = DistributionSummary.builder(Names.DISTRIBUTION)
			.tags(tags())
			.publishPercentileHistogram()
			.register(this.registry);
		this.gaugeHolder = new GaugeHolder();
		Gauge.builder(Names.GAUGE, this.gaugeHolder, GaugeHolder::value).tags(tags()).register(this.registry);
	}

	/** Stops the publishing thread without publishing (the URI leads nowhere). */
	@TearDown(Level.Trial)
	public void stop() {
		this.registry.stop();
	}

	static String[] tags() {
		return new String[] { Names.ENDPOINT_KEY, Names.ENDPOINT_VALUE, Names.STATUS_KEY, Names.STATUS_VALUE };
	}

	/**
	 * A one-hour step, an API key, and port 9 (discard) on loopback, where nothing
	 * listens.
	 */
	static DatadogConfig loopbackConfig() {
		return new DatadogConfig() {

			@Override
			public String get(String key) {
				return null;
			}

			@Override
			public String apiKey() {
				return "benchmark-not-a-key";
			}

			@Override
			public String uri() {
				return "http://127.0.0.1:9";
			}

			@Override
			public Duration step() {
				return Duration.ofHours(1);
			}

		};
	}

	/** A mutable gauge value, read by Micrometer only when it publishes. */
	public static final class GaugeHolder {

		private volatile double value;

		/** Sets the value. */
		public void set(double value) {
			this.value = value;
		}

		double value() {
			return this.value;
		}

	}

}
