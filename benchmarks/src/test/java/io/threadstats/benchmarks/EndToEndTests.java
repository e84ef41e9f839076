package io.threadstats.benchmarks;

import com.timgroup.statsd.NonBlockingStatsDClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end harness fails threadstats' run on any loss, and can say where
 * dogstatsd's loss was.
 */
class EndToEndTests {

	@Test
	void aRunFailsWhenTheIntakeReceivedOtherThanWasRecordedOrAnythingWasRefused() {
		assertThat(EndToEnd.threadStatsFailures(1000, 1000, 0, 0)).isEmpty();
		assertThat(EndToEnd.threadStatsFailures(1000, 990, 0, 0))
			.containsExactly("threadstats recorded 1,000 but the intake received 990 (-10)");
		assertThat(EndToEnd.threadStatsFailures(1000, 1010, 0, 0))
			.containsExactly("threadstats recorded 1,000 but the intake received 1,010 (+10)");
		assertThat(EndToEnd.threadStatsFailures(1000, 1000, 2, 3)).containsExactly(
				"the fake intake could not parse 2 requests and answered 400", "the engine rejected 3 calls");
	}

	@Test
	void aShortThreadStatsRunDeliversEveryRecordAndPasses() throws Exception {
		EndToEnd.Settings settings = Options.read(
				new String[] { "--threads", "1", "--seconds", "1", "--warmup", "0", "--rate", "20000" },
				EndToEnd.Settings::from);
		EndToEnd.Result result = EndToEnd.runThreadStats(settings);
		assertThat(result.outcome().calls()).isPositive();
		assertThat(result.received()).isEqualTo(result.outcome().calls());
		assertThat(result.checked()).isTrue();
		assertThat(result.failures()).isEmpty();
		assertThat(result.details()).containsEntry("unparsableRequests", 0L).containsEntry("rejected", 0L);
		assertThat(EndToEnd.resultLine(settings, result).toString()).startsWith("RESULT {\"harness\":\"end-to-end\"")
			.contains("\"passed\":true");
	}

	@Test
	void theClientsTelemetryCountsEveryCallItsFullQueueDropped() throws Exception {
		try (FakeDogStatsDAgent agent = new FakeDogStatsDAgent();
				FakeDogStatsDAgent telemetry = new FakeDogStatsDAgent()) {
			NonBlockingStatsDClient client = EndToEnd.dogStatsDBuilder(agent.port(), telemetry.port())
				.queueSize(8)
				.build();
			int calls = 200_000;
			for (int i = 0; i < calls; i++) {
				client.count("e2e.measured", 1L, "series:" + (i & 3));
			}
			// the aggregator flushes every 2 s, the telemetry every second; close() sends
			// neither
			Thread.sleep(3500);
			client.close();
			agent.awaitQuiet(300, 5000);
			double dropped = telemetry.total(EndToEnd.QUEUE_DROPS);
			assertThat(dropped).isPositive();
			assertThat(agent.total("e2e.measured") + dropped).isEqualTo(calls);
			// the telemetry went to its own agent, not with the data
			assertThat(agent.total(EndToEnd.QUEUE_DROPS)).isZero();
		}
	}

}
