package io.threadstats.actuate;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code threadstats} health indicator: {@code UP} while metrics are delivered (or
 * nothing needed sending), also while every attempt has been failing for less than the
 * failure window; {@code DOWN} when Datadog rejected the API key, or every attempt has
 * failed for the whole window (a window of 0 makes any failure {@code DOWN});
 * {@code UNKNOWN} in dry-run mode, when disabled, or when another submitter delivers. Its
 * details are the endpoint's status summary.
 */
public class ThreadStatsHealthIndicator extends AbstractHealthIndicator {

	private final ThreadStatsInspector inspector;

	private final Duration failureWindow;

	/**
	 * Creates the indicator.
	 * @param inspector where the status comes from
	 * @param failureWindow how long every attempt may fail before the indicator is
	 * {@code DOWN}
	 */
	public ThreadStatsHealthIndicator(ThreadStatsInspector inspector, Duration failureWindow) {
		super("threadstats health check failed");
		this.inspector = inspector;
		this.failureWindow = failureWindow;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ThreadStatsStatus status = this.inspector.status();
		builder.status(healthOf(status)).withDetails(status.toDetails());
	}

	private Status healthOf(ThreadStatsStatus status) {
		return switch (status.state()) {
			case SENDING -> Status.UP;
			case KEY_REJECTED -> Status.DOWN;
			case FAILING -> isBeyondFailureWindow(status.since()) ? Status.DOWN : Status.UP;
			case DRY_RUN, DISABLED, NOT_OBSERVED -> Status.UNKNOWN;
		};
	}

	private boolean isBeyondFailureWindow(Instant failingSince) {
		return Duration.between(failingSince, Instant.now()).compareTo(this.failureWindow) >= 0;
	}

}
