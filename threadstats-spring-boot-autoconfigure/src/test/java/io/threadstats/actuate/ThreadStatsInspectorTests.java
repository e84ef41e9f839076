package io.threadstats.actuate;

import java.time.Duration;
import java.time.Instant;

import io.threadstats.ThreadStats;
import io.threadstats.submission.Compression;
import io.threadstats.submission.DatadogSubmitter;
import io.threadstats.submission.DeliverySettings;
import io.threadstats.submission.FakeIntake;
import io.threadstats.submission.FlushRecord;
import io.threadstats.submission.InMemorySubmitter;
import io.threadstats.submission.SeriesApi;
import io.threadstats.submission.Submitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@code POST /actuator/threadstats} answers when it cannot give the flush's
 * delivery record.
 */
class ThreadStatsInspectorTests {

	private final FakeIntake intake = new FakeIntake();

	private final DeliverySettings settings = new DeliverySettings(FakeIntake.API_KEY, null, this.intake.url(),
			SeriesApi.V2, Compression.NONE, Duration.ofSeconds(2), Duration.ofSeconds(30), 1024 * 1024, Duration.ZERO);

	private final DatadogSubmitter datadog = DatadogSubmitter.create(this.settings);

	@AfterEach
	void close() {
		this.datadog.close(Duration.ZERO);
		this.intake.close();
	}

	@Test
	void flushAnswersInProgressWhenDeliveryOutlastsTheWaitThenTheRecordShowsItsOutcome() {
		this.intake.fault(FakeIntake.SERIES_V2, FakeIntake.json(202, "{\"errors\":[]}").withFixedDelay(3_000));
		ThreadStats stats = engine(this.datadog);
		ThreadStatsInspector inspector = inspector(stats, this.datadog, Duration.ofMillis(200));
		stats.gauge("slow.intake", 1, Instant.now().minusSeconds(30));
		FlushRecord answer = inspector.flush();
		assertThat(answer.outcome().label()).isEqualTo("in progress");
		assertThat(answer.series()).isEqualTo(1);
		assertThat(answer.durationMillis()).isNull();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(inspector.report().recentFlushes()).singleElement()
				.satisfies((flush) -> assertThat(flush.outcome().label()).isEqualTo("delivered")));
	}

	@Test
	void flushThatWentToAnotherSubmitterThanTheObservedOneAnswersSubmitted() {
		InMemorySubmitter own = new InMemorySubmitter();
		ThreadStats stats = engine(own);
		ThreadStatsInspector inspector = inspector(stats, this.datadog, Duration.ofSeconds(10));
		stats.gauge("elsewhere", 1, Instant.now().minusSeconds(30));
		FlushRecord answer = inspector.flush();
		assertThat(answer.outcome().label()).isEqualTo("submitted");
		assertThat(answer.series()).isEqualTo(1);
		assertThat(own.allSeries()).hasSize(1);
		assertThat(this.intake.requestsOn(FakeIntake.SERIES_V2)).isZero();
	}

	private static ThreadStats engine(Submitter submitter) {
		return ThreadStats.builder()
			.autoFlush(false)
			.environment((name) -> null)
			.noHost()
			.submitter(submitter)
			.drainTimeout(Duration.ZERO)
			.build();
	}

	private ThreadStatsInspector inspector(ThreadStats stats, Submitter observed, Duration flushAnswerTimeout) {
		return new ThreadStatsInspector(stats, observed, this.settings, Duration.ofSeconds(10), true, false,
				flushAnswerTimeout, null);
	}

}
