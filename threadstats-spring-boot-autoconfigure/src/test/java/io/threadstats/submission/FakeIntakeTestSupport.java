package io.threadstats.submission;

import java.time.Duration;

import io.threadstats.snapshot.FlushSnapshot;
import org.junit.jupiter.api.AfterEach;

/**
 * A fake intake, captured logs and the submitter under test, all closed after each test.
 */
abstract class FakeIntakeTestSupport {

	protected final FakeIntake intake = new FakeIntake();

	protected final CapturedLogs logs = new CapturedLogs();

	protected DatadogSubmitter submitter;

	@AfterEach
	void closeSubmitterAndIntake() {
		if (this.submitter != null) {
			this.submitter.close(Duration.ofSeconds(1));
		}
		this.intake.close();
		this.logs.close();
	}

	/**
	 * Submits a flush and returns its record once each payload was delivered, dropped or
	 * parked.
	 */
	protected FlushRecord submit(FlushSnapshot snapshot) {
		this.submitter.submit(snapshot).join();
		return this.submitter.flushRecord(snapshot).join();
	}

}
