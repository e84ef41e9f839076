package io.threadstats.demo;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.threadstats.ThreadStats;
import io.threadstats.autoconfigure.ThreadStatsFlusher;
import io.threadstats.demo.intake.LocalIntakeApi;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.submission.DatadogSubmitter;
import io.threadstats.submission.FlushOutcome;
import io.threadstats.submission.FlushRecord;
import io.threadstats.submission.Submitter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo application boots with nothing but the starter's auto-configuration: it
 * declares no threadstats bean of its own, yet gets an aggregating {@link ThreadStats}, a
 * running flusher and the WebClient delivery, which delivers to the demo's local intake
 * ({@code DD_API_KEY} is cleared so that a key in the environment never sends the test's
 * points to Datadog).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "DD_API_KEY=")
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
	void aFlushIsDeliveredOverWebClientToTheIntake() throws Exception {
		assertThat(this.submitter).isInstanceOf(DatadogSubmitter.class);
		DatadogSubmitter datadog = (DatadogSubmitter) this.submitter;
		assertThat(datadog.isDryRun()).as("dry-run").isFalse();
		assertThat(datadog.baseUrl()).hasHost("127.0.0.1").hasPath(LocalIntakeApi.PREFIX);
		Instant now = Instant.now();
		this.threadStats.increment("starter.only.delivered", 1, now);
		FlushSnapshot snapshot = this.threadStats.flush(now.plusSeconds(60));
		FlushRecord delivery = datadog.flushRecord(snapshot).get(30, TimeUnit.SECONDS);
		assertThat(delivery.outcome()).isEqualTo(FlushOutcome.DELIVERED);
		assertThat(delivery.delivered()).isEqualTo(snapshot.series().size()).isPositive();
		assertThat(delivery.responses()).containsOnlyKeys(202);
	}

}
