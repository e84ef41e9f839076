package io.threadstats;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.threadstats.api.MetricKind;
import io.threadstats.api.RecordingStatistics;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.ServiceCheck;

/**
 * Records nothing, sends nothing, starts no thread: what
 * {@code threadstats.enabled=false} injects.
 */
final class NoopThreadStats implements ThreadStats {

	static final NoopThreadStats INSTANCE = new NoopThreadStats();

	private static final Counter NOOP_COUNTER = new Counter() {

		@Override
		public void increment() {
		}

		@Override
		public void increment(double value) {
		}

		@Override
		public void increment(double value, Instant timestamp) {
		}

	};

	private static final ValueRecorder NOOP_RECORDER = new ValueRecorder() {

		@Override
		public void record(double value) {
		}

		@Override
		public void record(double value, Instant timestamp) {
		}

	};

	private static final Timer NOOP_TIMER = () -> {
	};

	private NoopThreadStats() {
	}

	@Override
	public void record(MetricKind kind, String metric, double value, long epochSecond, String... tags) {
	}

	@Override
	public void recordSetMember(String metric, String member, long epochSecond, String... tags) {
	}

	@Override
	public Counter counter(String metric, String... tags) {
		return NOOP_COUNTER;
	}

	@Override
	public ValueRecorder gaugeRecorder(String metric, String... tags) {
		return NOOP_RECORDER;
	}

	@Override
	public ValueRecorder histogramRecorder(String metric, String... tags) {
		return NOOP_RECORDER;
	}

	@Override
	public ValueRecorder distributionRecorder(String metric, String... tags) {
		return NOOP_RECORDER;
	}

	@Override
	public Timer startTimer(String metric, String... tags) {
		return NOOP_TIMER;
	}

	@Override
	public MetricRecorder withHost(String host) {
		return this;
	}

	@Override
	public MetricRecorder withSampleRate(double rate) {
		return this;
	}

	@Override
	public void event(Event event) {
	}

	@Override
	public void serviceCheck(ServiceCheck check) {
	}

	@Override
	public FlushSnapshot flush() {
		return flush(Instant.now());
	}

	@Override
	public FlushSnapshot flush(Instant cutoff) {
		return new FlushSnapshot(cutoff, List.of(), List.of(), List.of(), List.of());
	}

	@Override
	public RecordingStatistics statistics() {
		return new RecordingStatistics(Map.of(), Map.of(), 0, 0, Map.of());
	}

	@Override
	public void close() {
	}

	@Override
	public String toString() {
		return "ThreadStats[disabled]";
	}

}
