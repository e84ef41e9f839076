package io.threadstats;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import io.threadstats.aggregation.Aggregator;
import io.threadstats.aggregation.SeriesHandle;
import io.threadstats.api.MetricKind;
import io.threadstats.api.RejectReason;

/**
 * A {@link MetricRecorder} bound to a host and a sample rate: the root of a
 * {@link DefaultThreadStats} (configured host, rate 1) and every view from
 * {@link #withHost} and {@link #withSampleRate}. Immutable.
 *
 * <p>
 * A call is kept with probability {@code sampleRate} and then stands for
 * {@code 1 / sampleRate} calls (its weight): a counter adds {@code value / sampleRate}, a
 * histogram counts the value that many times in its {@code .count} and {@code .sum} while
 * its other aggregates describe the values kept (the DogStatsD way); a gauge, a set and a
 * distribution take the kept values as they are (a distribution's raw values go to an API
 * that has no weight, so a sampled distribution's count in Datadog is the kept values').
 * A rate outside (0, 1] makes every call through the view dropped and counted as
 * {@link RejectReason#INVALID_SAMPLE_RATE} (or, when strict, throws when the view is
 * made).
 */
class ScopedRecorder implements MetricRecorder {

	final Aggregator aggregator;

	private final String host;

	private final double sampleRate;

	/** How many calls a kept call stands for: {@code 1 / sampleRate}. */
	private final double weight;

	ScopedRecorder(Aggregator aggregator, String host, double sampleRate) {
		this.aggregator = aggregator;
		this.host = host;
		this.sampleRate = sampleRate;
		this.weight = 1 / sampleRate;
	}

	@Override
	public void record(MetricKind kind, String metric, double value, long epochSecond, String... tags) {
		if (unsampled()) {
			this.aggregator.record(kind, metric, this.host, value, epochSecond, tags);
		}
		else if (sampled(metric)) {
			this.aggregator.handle(kind, metric, this.host, tags).record(value, this.weight, epochSecond);
		}
	}

	@Override
	public void recordSetMember(String metric, String member, long epochSecond, String... tags) {
		if (unsampled() || sampled(metric)) {
			this.aggregator.recordSetMember(metric, this.host, member, epochSecond, tags);
		}
	}

	/** Records through a pre-resolved handle, sampled by this view's rate. */
	private void recordThrough(SeriesHandle series, String metric, double value, long epochSecond) {
		if (unsampled()) {
			series.record(value, epochSecond);
		}
		else if (sampled(metric)) {
			series.record(value, this.weight, epochSecond);
		}
	}

	/** Whether this view keeps every call (rate 1): no sampling decision to make. */
	private boolean unsampled() {
		return this.sampleRate == 1.0;
	}

	/** Whether this call is kept; an invalid rate drops (and counts) every call. */
	private boolean sampled(String metric) {
		if (!validRate(this.sampleRate)) {
			this.aggregator.reject(RejectReason.INVALID_SAMPLE_RATE, metric, "sample rate was " + this.sampleRate);
			return false;
		}
		return ThreadLocalRandom.current().nextDouble() < this.sampleRate;
	}

	private static boolean validRate(double rate) {
		return rate > 0 && rate <= 1;
	}

	@Override
	public Counter counter(String metric, String... tags) {
		return new CounterHandle(this, this.aggregator.handle(MetricKind.COUNTER, metric, this.host, tags), metric);
	}

	@Override
	public ValueRecorder gaugeRecorder(String metric, String... tags) {
		return valueRecorder(MetricKind.GAUGE, metric, tags);
	}

	@Override
	public ValueRecorder histogramRecorder(String metric, String... tags) {
		return valueRecorder(MetricKind.HISTOGRAM, metric, tags);
	}

	@Override
	public ValueRecorder distributionRecorder(String metric, String... tags) {
		return valueRecorder(MetricKind.DISTRIBUTION, metric, tags);
	}

	private ValueRecorder valueRecorder(MetricKind kind, String metric, String... tags) {
		return new ValueRecorderHandle(this, this.aggregator.handle(kind, metric, this.host, tags), metric);
	}

	@Override
	public Timer startTimer(String metric, String... tags) {
		return new ElapsedTimer(this, metric, tags);
	}

	@Override
	public MetricRecorder withHost(String host) {
		return new ScopedRecorder(this.aggregator, host, this.sampleRate);
	}

	@Override
	public MetricRecorder withSampleRate(double rate) {
		if (!validRate(rate) && this.aggregator.settings().strict()) {
			throw new IllegalArgumentException(
					"threadstats: sample rate " + rate + " is invalid: " + RejectReason.INVALID_SAMPLE_RATE.rule());
		}
		return new ScopedRecorder(this.aggregator, this.host, rate);
	}

	/**
	 * A handle resolved once, recording through this view's sample rate. It is the series
	 * handle itself (not a wrapper around one), and whether the view samples at all is
	 * kept here, so an unsampled call goes straight to the series.
	 */
	private abstract static class PreResolved extends SeriesHandle {

		private final ScopedRecorder scope;

		private final String metric;

		private final boolean unsampled;

		PreResolved(ScopedRecorder scope, SeriesHandle resolved, String metric) {
			super(resolved);
			this.scope = scope;
			this.metric = metric;
			this.unsampled = scope.unsampled();
		}

		final void recordAt(double value, long epochSecond) {
			if (this.unsampled) {
				record(value, epochSecond);
			}
			else {
				this.scope.recordThrough(this, this.metric, value, epochSecond);
			}
		}

	}

	/** A pre-resolved counter. */
	private static final class CounterHandle extends PreResolved implements Counter {

		CounterHandle(ScopedRecorder scope, SeriesHandle series, String metric) {
			super(scope, series, metric);
		}

		@Override
		public void increment() {
			increment(1.0);
		}

		@Override
		public void increment(double value) {
			recordAt(value, Aggregator.NOW);
		}

		@Override
		public void increment(double value, Instant timestamp) {
			recordAt(value, MetricRecorder.epochSecond(timestamp));
		}

	}

	/** A pre-resolved gauge, histogram or distribution. */
	private static final class ValueRecorderHandle extends PreResolved implements ValueRecorder {

		ValueRecorderHandle(ScopedRecorder scope, SeriesHandle series, String metric) {
			super(scope, series, metric);
		}

		@Override
		public void record(double value) {
			recordAt(value, Aggregator.NOW);
		}

		@Override
		public void record(double value, Instant timestamp) {
			recordAt(value, MetricRecorder.epochSecond(timestamp));
		}

	}

	/** Records its elapsed milliseconds into a timing histogram when first closed. */
	private static final class ElapsedTimer implements Timer {

		private final MetricRecorder recorder;

		private final String metric;

		private final String[] tags;

		private final long startNanos = System.nanoTime();

		private boolean stopped;

		ElapsedTimer(MetricRecorder recorder, String metric, String[] tags) {
			this.recorder = recorder;
			this.metric = metric;
			this.tags = tags;
		}

		@Override
		public void close() {
			if (this.stopped) {
				return;
			}
			this.stopped = true;
			double millis = (System.nanoTime() - this.startNanos) / 1_000_000.0;
			this.recorder.timing(this.metric, millis, this.tags);
		}

	}

}
