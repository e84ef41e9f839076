package io.threadstats.demo;

import java.time.Duration;

import io.threadstats.ThreadStats;
import io.threadstats.demo.intake.IntakeStore;
import io.threadstats.demo.intake.StoredPoint;
import io.threadstats.demo.load.LoadGenerator;
import io.threadstats.demo.load.LoadStatus;
import io.threadstats.submission.DeliveryStatistics;
import io.threadstats.submission.ObservableDelivery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the demo, as Ctrl-C does: the load run stops before the web server, so its
 * requests in flight are answered; the starter's final flush, made after the web server
 * has stopped, reaches the local intake, which stops only after it; nothing is dropped,
 * and the log has no warning.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoShutdownTests {

	@Test
	void lastBucketsAtShutdownReachTheLocalIntakeAndNothingIsDropped(CapturedOutput output) {
		ConfigurableApplicationContext demo = startDemo();
		ThreadStats threadStats = demo.getBean(ThreadStats.class);
		IntakeStore intake = demo.getBean(IntakeStore.class);
		ObservableDelivery delivery = demo.getBean(ObservableDelivery.class);
		// in the bucket in progress: only the final flush at shutdown sends it
		threadStats.gauge("demo.shutdown.last", 42);

		demo.close();

		assertThat(intake.series("demo.shutdown.last")).singleElement()
			.satisfies((series) -> assertThat(series.points()).extracting(StoredPoint::value).containsExactly(42.0));
		DeliveryStatistics statistics = delivery.statistics();
		assertThat(statistics.droppedTotal()).isZero();
		assertThat(statistics.bufferedPayloads()).isZero();
		assertThat(output).doesNotContain(" WARN ").doesNotContain(" ERROR ");
	}

	@Test
	void stoppingDuringLoadLetsTheLoadFinishFirstWithoutAWarning(CapturedOutput output) {
		ConfigurableApplicationContext demo = startDemo();
		LoadGenerator load = demo.getBean(LoadGenerator.class);
		load.start(60, 100);
		await().atMost(Duration.ofSeconds(20)).until(() -> load.status().succeeded() > 50);

		demo.close();

		LoadStatus status = load.status();
		assertThat(status.running()).isFalse();
		// a request sent to a server that had already stopped would have failed
		assertThat(status.failed()).isZero();
		assertThat(status.sent()).isEqualTo(status.succeeded() + status.clientErrors() + status.refused());
		assertThat(output).doesNotContain(" WARN ").doesNotContain(" ERROR ").doesNotContain("Exception");
	}

	private static ConfigurableApplicationContext startDemo() {
		// DD_API_KEY cleared: a key in the environment must not send the test's points to
		// Datadog
		return new SpringApplicationBuilder(DemoApplication.class).run("--server.port=0", "--DD_API_KEY=");
	}

}
