package io.threadstats.demo.intake;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the intake keeps when it is sent more than its limits allow. */
class IntakeStoreTests {

	@Test
	void keepsTheLatestTimestampsPerSeriesAndCountsWhatItEvicted() {
		IntakeStore store = new IntakeStore(limits(10, 3, 10));
		SeriesKey key = new SeriesKey("queue.size", List.of(), "web-1");
		for (long ts = 100; ts < 105; ts++) {
			store.addPoint(key, SeriesType.GAUGE, null, null, StoredPoint.of(ts, ts));
		}
		assertThat(store.series("queue.size").get(0).points()).extracting(StoredPoint::timestamp)
			.containsExactly(102L, 103L, 104L);
		assertThat(store.statisticsSnapshot().evictedPoints()).isEqualTo(2);
		assertThat(store.statisticsSnapshot().acceptedPoints()).isEqualTo(5);
	}

	@Test
	void lastPointSentForATimestampWins() {
		IntakeStore store = new IntakeStore(limits(10, 10, 10));
		SeriesKey key = new SeriesKey("queue.size", List.of(), null);
		store.addPoint(key, SeriesType.GAUGE, null, null, StoredPoint.of(100, 1));
		store.addPoint(key, SeriesType.GAUGE, null, null, StoredPoint.of(100, 2));
		assertThat(store.series(null).get(0).points()).containsExactly(StoredPoint.of(100, 2));
	}

	@Test
	void pointsOfSeriesBeyondTheLimitAreDroppedAndCounted() {
		IntakeStore store = new IntakeStore(limits(2, 10, 10));
		for (String zone : List.of("zone:a", "zone:b", "zone:c")) {
			store.addPoint(new SeriesKey("requests", List.of(zone), null), SeriesType.COUNT, 10L, null,
					StoredPoint.of(100, 1));
		}
		assertThat(store.series("requests")).extracting(ReceivedSeries::tags)
			.containsExactly(List.of("zone:a"), List.of("zone:b"));
		assertThat(store.statisticsSnapshot().dropped()).containsEntry("point_over_series_limit", 1L);
		// an existing series still takes points at the limit
		assertThat(store.addPoint(new SeriesKey("requests", List.of("zone:a"), null), SeriesType.COUNT, 10L, null,
				StoredPoint.of(110, 1)))
			.isTrue();
	}

	@Test
	void keepsTheLatestEventsNewestFirst() {
		IntakeStore store = new IntakeStore(limits(10, 10, 2));
		for (long id = 1; id <= 3; id++) {
			store.addEvent(new ReceivedEvent(id, "t" + id, "", 100, "normal", "info", null, List.of(), null, null));
		}
		assertThat(store.events()).extracting(ReceivedEvent::id).containsExactly(3L, 2L);
		assertThat(store.statisticsSnapshot().evictedEvents()).isEqualTo(1);
	}

	@Test
	void metricsSummariseTheirSeries() {
		IntakeStore store = new IntakeStore(limits(10, 10, 10));
		store.addPoint(new SeriesKey("latency", List.of("env:prod"), null), SeriesType.DISTRIBUTION, null, null,
				StoredPoint.ofSamples(100, new double[] { 1, 2 }));
		store.addPoint(new SeriesKey("latency", List.of("env:dev"), null), SeriesType.DISTRIBUTION, null, null,
				StoredPoint.ofSamples(110, new double[] { 3 }));
		assertThat(store.metrics()).containsExactly(new ReceivedMetric("latency", List.of(SeriesType.DISTRIBUTION), 2,
				2, 110, List.of("env:dev", "env:prod")));
	}

	private static IntakeProperties limits(int maxSeries, int maxPointsPerSeries, int maxEvents) {
		IntakeProperties properties = new IntakeProperties();
		properties.setMaxSeries(maxSeries);
		properties.setMaxPointsPerSeries(maxPointsPerSeries);
		properties.setMaxEvents(maxEvents);
		return properties;
	}

}
