package io.threadstats.benchmarks;

import io.threadstats.Counter;
import io.threadstats.ThreadStats;
import io.threadstats.ValueRecorder;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * This starter as an application runs it: default roll-up (10 s) and a real background
 * flush thread every 10 s, handing each flush to a {@link DiscardingSubmitter}. The flush
 * thread therefore does its work during the measurement, as it would in production.
 */
@State(Scope.Benchmark)
public class ThreadStatsState {

	/** The instance under test. */
	public ThreadStats stats;

	/** Pre-resolved counter handle. */
	public Counter counter;

	/** Pre-resolved histogram handle. */
	public ValueRecorder histogram;

	/** Pre-resolved distribution handle. */
	public ValueRecorder distribution;

	/** Pre-resolved gauge handle. */
	public ValueRecorder gauge;

	/** Builds the instance and resolves the handles. */
	@Setup(Level.Trial)
	public void start() {
		this.stats = ThreadStats.builder()
			.submitter(new DiscardingSubmitter())
			.environment((name) -> null)
			.host("bench-host")
			.build();
		this.counter = this.stats.counter(Names.COUNTER, Names.ENDPOINT_TAG, Names.STATUS_TAG);
		this.histogram = this.stats.histogramRecorder(Names.HISTOGRAM, Names.ENDPOINT_TAG, Names.STATUS_TAG);
		this.distribution = this.stats.distributionRecorder(Names.DISTRIBUTION, Names.ENDPOINT_TAG, Names.STATUS_TAG);
		this.gauge = this.stats.gaugeRecorder(Names.GAUGE, Names.ENDPOINT_TAG, Names.STATUS_TAG);
	}

	/** Stops the flush thread. */
	@TearDown(Level.Trial)
	public void stop() {
		this.stats.close();
	}

}
