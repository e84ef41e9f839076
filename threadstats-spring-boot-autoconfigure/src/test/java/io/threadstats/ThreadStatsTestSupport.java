package io.threadstats;

import java.util.List;
import java.util.Map;

import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.submission.InMemorySubmitter;
import org.junit.jupiter.api.AfterEach;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ThreadStats on a clock the test moves and a submitter that keeps every flush, closed
 * after each test.
 */
abstract class ThreadStatsTestSupport {

	protected final MutableClock clock = MutableClock.at("2026-01-01T10:00:05Z");

	protected final InMemorySubmitter submitter = new InMemorySubmitter();

	protected ThreadStats stats;

	@AfterEach
	void close() {
		if (this.stats != null) {
			this.stats.close();
		}
	}

	protected ThreadStatsBuilder builder() {
		return ThreadStats.builder()
			.clock(this.clock)
			.submitter(this.submitter)
			.autoFlush(false)
			.host("web-1")
			.environment(Map.<String, String>of()::get);
	}

	protected SeriesPoint only(String metric) {
		List<SeriesPoint> points = this.submitter.series(metric);
		assertThat(points).as(metric).hasSize(1);
		return points.get(0);
	}

}
