package io.threadstats;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import io.threadstats.aggregation.Aggregator;
import io.threadstats.aggregation.MetricKind;
import io.threadstats.aggregation.RejectReason;
import io.threadstats.aggregation.SeriesHandle;

/**
 * A {@link MetricRecorder} bound to a host and a sample rate: the root of a {@link DefaultThreadStats}
 * (configured host, rate 1) and every view from {@link #withHost} and {@link #withSampleRate}. Immutable.
 *
 * <p>A call is kept with probability {@code sampleRate}; a kept counter value is scaled by
 * {@code 1 / sampleRate} (the DogStatsD way). A rate outside (0, 1] makes every call through the view
 * dropped and counted as {@link RejectReason#INVALID_SAMPLE_RATE} (or, when strict, throws when the view is
 * made).
 */
class ScopedRecorder implements MetricRecorder {

	final Aggregator aggregator;

	private final String host;

	private final double sampleRate;

	ScopedRecorder(Aggregator aggregator, String host, double sampleRate) {
		this.aggregator = aggregator;
		this.host = host;
		this.sampleRate = sampleRate;
	}

	@Override
	public void record(MetricKind kind, String metric, double value, long epochSecond, String... tags) {
		if (this.sampleRate != 1.0) {
			if (!sampled(metric)) {
				return;
			}
			if (kind == MetricKind.COUNTER) {
				value /= this.sampleRate;
			}
		}
		this.aggregator.record(kind, metric, this.host, value, epochSecond, tags);
	}

	@Override
	public void recordSetMember(String metric, String member, long epochSecond, String... tags) {
		if (this.sampleRate == 1.0 || sampled(metric)) {
			this.aggregator.recordSetMember(metric, this.host, member, epochSecond, tags);
		}
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
			throw new IllegalArgumentException("threadstats: sample rate " + rate + " is invalid: "
					+ RejectReason.INVALID_SAMPLE_RATE.rule());
		}
		return new ScopedRecorder(this.aggregator, this.host, rate);
	}

	/** A pre-resolved counter. */
	private static final class CounterHandle implements Counter {

		private final ScopedRecorder scope;

		private final SeriesHandle series;

		private final String metric;

		CounterHandle(ScopedRecorder scope, SeriesHandle series, String metric) {
			this.scope = scope;
			this.series = series;
			this.metric = metric;
		}

		@Override
		public void increment() {
			increment(1.0);
		}

		@Override
		public void increment(double value) {
			record(value, Aggregator.NOW);
		}

		@Override
		public void increment(double value, Instant timestamp) {
			record(value, MetricRecorder.epochSecond(timestamp));
		}

		private void record(double value, long epochSecond) {
			double rate = this.scope.sampleRate;
			if (rate != 1.0) {
				if (!this.scope.sampled(this.metric)) {
					return;
				}
				value /= rate;
			}
			this.series.record(value, epochSecond);
		}

	}

	/** A pre-resolved gauge, histogram or distribution. */
	private static final class ValueRecorderHandle implements ValueRecorder {

		private final ScopedRecorder scope;

		private final SeriesHandle series;

		private final String metric;

		ValueRecorderHandle(ScopedRecorder scope, SeriesHandle series, String metric) {
			this.scope = scope;
			this.series = series;
			this.metric = metric;
		}

		@Override
		public void record(double value) {
			record(value, Aggregator.NOW);
		}

		@Override
		public void record(double value, Instant timestamp) {
			record(value, MetricRecorder.epochSecond(timestamp));
		}

		private void record(double value, long epochSecond) {
			if (this.scope.sampleRate == 1.0 || this.scope.sampled(this.metric)) {
				this.series.record(value, epochSecond);
			}
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
