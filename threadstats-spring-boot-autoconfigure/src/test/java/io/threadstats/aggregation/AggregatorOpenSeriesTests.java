package io.threadstats.aggregation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.threadstats.api.MetricKind;
import io.threadstats.api.OpenBucket;
import io.threadstats.api.OpenSeries;
import org.junit.jupiter.api.Test;

import static io.threadstats.aggregation.Aggregators.epoch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Aggregator#openSeries(String)}: what waits in open buckets, per kind, before a
 * flush takes it.
 */
class AggregatorOpenSeriesTests {

	private static final String NOW = "2026-01-01T00:00:27Z";

	private final Clock clock = Clock.fixed(Instant.parse(NOW), ZoneOffset.UTC);

	private final Aggregator aggregator = new Aggregator(
			Aggregators.settings(10, this.clock, 100, false, "app", List.of("team:core")));

	@Test
	void counterShowsTheSumSoFarPerBucketOldestFirst() {
		this.aggregator.record(MetricKind.COUNTER, "page.views", "web-1", 2, Aggregator.NOW, "env:prod");
		this.aggregator.record(MetricKind.COUNTER, "page.views", "web-1", 3, Aggregator.NOW, "env:prod");
		this.aggregator.record(MetricKind.COUNTER, "page.views", "web-1", 5, epoch("2026-01-01T00:00:05Z"), "env:prod");
		OpenSeries series = only(this.aggregator.openSeries("page.views"));
		assertThat(series.metric()).isEqualTo("app.page.views");
		assertThat(series.kind()).isEqualTo(MetricKind.COUNTER);
		assertThat(series.host()).isEqualTo("web-1");
		assertThat(series.tags()).containsExactly("env:prod", "team:core");
		assertThat(series.openBuckets()).containsExactly(
				OpenBucket.ofValue(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond(), 5.0),
				OpenBucket.ofValue(Instant.parse("2026-01-01T00:00:20Z").getEpochSecond(), 5.0));
	}

	@Test
	void gaugeShowsTheLastValueHistogramsCountMinMaxAvgAndOtherKindsTheirCount() {
		this.aggregator.record(MetricKind.GAUGE, "queue.depth", null, 7, Aggregator.NOW);
		this.aggregator.record(MetricKind.GAUGE, "queue.depth", null, 4, Aggregator.NOW);
		this.aggregator.record(MetricKind.HISTOGRAM, "latency", null, 12, Aggregator.NOW);
		this.aggregator.record(MetricKind.HISTOGRAM, "latency", null, 30, Aggregator.NOW);
		this.aggregator.record(MetricKind.DISTRIBUTION, "payload.size", null, 100, Aggregator.NOW);
		this.aggregator.recordSetMember("visitors", null, "ada", Aggregator.NOW);
		this.aggregator.recordSetMember("visitors", null, "ada", Aggregator.NOW);
		this.aggregator.recordSetMember("visitors", null, "bob", Aggregator.NOW);
		assertThat(only(this.aggregator.openSeries("queue.depth")).openBuckets()).singleElement()
			.satisfies((bucket) -> assertThat(bucket.value()).isEqualTo(4.0));
		OpenSeries latency = only(this.aggregator.openSeries("latency"));
		assertThat(latency.metric()).as("without the histogram's suffixes").isEqualTo("app.latency");
		assertThat(latency.openBuckets()).singleElement().satisfies((bucket) -> {
			assertThat(bucket.count()).isEqualTo(2);
			assertThat(bucket.min()).isEqualTo(12.0);
			assertThat(bucket.max()).isEqualTo(30.0);
			assertThat(bucket.avg()).isEqualTo(21.0);
			assertThat(bucket.value()).isNull();
		});
		assertThat(only(this.aggregator.openSeries("payload.size")).openBuckets()).singleElement()
			.satisfies((bucket) -> assertThat(bucket.count()).isEqualTo(1));
		assertThat(only(this.aggregator.openSeries("visitors")).openBuckets()).singleElement()
			.satisfies((bucket) -> assertThat(bucket.count()).isEqualTo(2));
	}

	@Test
	void findsByTheEmittedNameAndListsEverySeriesOfTheMetric() {
		this.aggregator.record(MetricKind.COUNTER, "requests", null, 1, Aggregator.NOW, "route:/b");
		this.aggregator.record(MetricKind.COUNTER, "requests", null, 1, Aggregator.NOW, "route:/a");
		this.aggregator.record(MetricKind.COUNTER, "requests.failed", null, 1, Aggregator.NOW);
		assertThat(this.aggregator.openSeries("app.requests")).extracting(OpenSeries::tags)
			.containsExactly(List.of("route:/a", "team:core"), List.of("route:/b", "team:core"));
		assertThat(this.aggregator.openSeries("nothing.here")).isEmpty();
		assertThat(this.aggregator.openSeries("9 not a name")).isEmpty();
	}

	@Test
	void flushedBucketsNoLongerShowWhileTheSeriesStaysActive() {
		this.aggregator.record(MetricKind.COUNTER, "jobs", null, 1, epoch("2026-01-01T00:00:05Z"));
		this.aggregator.record(MetricKind.COUNTER, "jobs", null, 1, Aggregator.NOW);
		this.aggregator.flush(epoch(NOW));
		assertThat(only(this.aggregator.openSeries("jobs")).openBuckets()).extracting(OpenBucket::start)
			.containsExactly(Instant.parse("2026-01-01T00:00:20Z"));
		this.aggregator.flushAll();
		assertThat(only(this.aggregator.openSeries("jobs")).openBuckets()).isEmpty();
	}

	private static OpenSeries only(List<OpenSeries> series) {
		assertThat(series).hasSize(1);
		return series.get(0);
	}

}
