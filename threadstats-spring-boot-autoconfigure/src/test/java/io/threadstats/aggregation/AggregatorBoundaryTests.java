package io.threadstats.aggregation;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.threadstats.MutableClock;
import io.threadstats.api.MetricKind;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.SeriesPoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.threadstats.aggregation.Aggregators.epoch;
import static io.threadstats.aggregation.Aggregators.points;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An untimestamped call that read "now" just before a bucket boundary, while a flush
 * closes that bucket before the call writes: the call must go to the bucket current after
 * the flush, never reopen the flushed one (a second point at an already sent timestamp,
 * which Datadog takes as an overwrite). The clock here runs the flush inside the call's
 * own read of now, so the interleaving is exact.
 */
class AggregatorBoundaryTests {

	private static final long ROLL_UP = 10;

	private static final long NOW = Aggregator.NOW;

	private final MutableClock clock = MutableClock.at("2026-01-01T10:00:09Z");

	static Stream<Arguments> untimestampedCalls() {
		// each a new form of the input ("Env:A" for "env:a"): a handle with no series
		// cached yet
		return Stream.of(
				call("a new handle", "hits", (a) -> a.handle(MetricKind.COUNTER, "hits", null, "Env:A").record(1, NOW)),
				call("a by-name call", "hits", (a) -> a.record(MetricKind.COUNTER, "hits", null, 1, NOW, "Env:A")),
				call("a sampled call", "hits",
						(a) -> a.handle(MetricKind.COUNTER, "hits", null, "Env:A").record(0.5, 2, NOW)),
				call("a set member", "visitors", (a) -> a.recordSetMember("visitors", null, "bob", NOW, "Env:A")));
	}

	private static Arguments call(String description, String metric, Consumer<Aggregator> call) {
		return Arguments.of(description, metric, call);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("untimestampedCalls")
	void aCallWhoseBucketIsFlushedBeforeItWritesGoesToTheNextBucket(String description, String metric,
			Consumer<Aggregator> call) {
		Aggregator aggregator = Aggregators.withRollUp(ROLL_UP, this.clock);
		// the series exist with an open bucket at 10:00:00
		aggregator.record(MetricKind.COUNTER, "hits", null, 1, NOW, "env:a");
		aggregator.recordSetMember("visitors", null, "alice", NOW, "env:a");
		AtomicReference<FlushSnapshot> flushedMeanwhile = new AtomicReference<>();
		this.clock.onNextRead(() -> {
			this.clock.set(Instant.parse("2026-01-01T10:00:10Z"));
			flushedMeanwhile.set(aggregator.flush());
		});

		call.accept(aggregator);
		this.clock.set(Instant.parse("2026-01-01T10:00:20Z"));
		FlushSnapshot next = aggregator.flush();

		assertThat(flushedMeanwhile.get()).as("the flush ran inside the call").isNotNull();
		assertThat(Stream.concat(points(flushedMeanwhile.get(), metric).stream(), points(next, metric).stream()))
			.extracting(SeriesPoint::timestamp)
			.containsExactly(epoch("2026-01-01T10:00:00Z"), epoch("2026-01-01T10:00:10Z"));
		assertThat(aggregator.statistics(0).totalRejected()).isZero();
	}

}
