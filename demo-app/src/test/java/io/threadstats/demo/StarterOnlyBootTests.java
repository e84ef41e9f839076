package io.threadstats.demo;

import java.time.Instant;

import io.threadstats.ThreadStats;
import io.threadstats.autoconfigure.ThreadStatsFlusher;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.submission.Submitter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo application boots with nothing but the starter's auto-configuration: it declares no
 * threadstats bean of its own, yet gets an aggregating {@link ThreadStats}, a running flusher and the
 * WebClient delivery.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StarterOnlyBootTests {

	@Autowired
	private ThreadStats threadStats;

	@Autowired
	private ThreadStatsFlusher flusher;

	@Autowired
	private Submitter submitter;

	@Test
	void threadStatsAggregatesAndFlushes() {
		assertThat(this.threadStats).isNotSameAs(ThreadStats.noop());
		Instant now = Instant.now();
		this.threadStats.increment("starter.only.checks", 2, now);
		assertThat(this.threadStats.flush(now.plusSeconds(60)).series()).extracting(SeriesPoint::metric)
			.contains("starter.only.checks");
	}

	@Test
	void flusherRunsInTheBackground() {
		assertThat(this.flusher.isRunning()).isTrue();
		assertThat(this.flusher.getScheduledTasks()).hasSize(1);
	}

	@Test
	void deliveryGoesOverWebClient() {
		assertThat(this.submitter.getClass().getPackageName()).isEqualTo("io.threadstats.submission");
	}

}
