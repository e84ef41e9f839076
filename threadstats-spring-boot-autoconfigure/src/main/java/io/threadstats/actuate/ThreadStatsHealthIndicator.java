package io.threadstats.actuate;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code threadstats} health indicator: {@code UP} while metrics are delivered (or
 * nothing needed sending), also while every attempt has been failing for less than the
 * failure window; {@link #FAILING} when Datadog rejected the API key, or every attempt
 * has failed for the whole window (a window of 0 makes any failure count at once);
 * {@code UNKNOWN} in dry-run mode, when disabled, or when another submitter delivers. Its
 * details are the endpoint's status summary.
 *
 * <p>
 * {@link #FAILING} is a status of its own so that a metrics backend being down never
 * makes the application unhealthy: Boot's status aggregation ignores statuses outside its
 * order, so the overall health (and any group) stays as the other indicators say, while
 * the indicator's own path shows the failure. With {@code downOnFailure} the indicator
 * reports {@code DOWN} instead, which counts wherever it is included.
 */
public class ThreadStatsHealthIndicator extends AbstractHealthIndicator {

	/**
	 * Delivery has failed for the whole failure window, or the key was rejected; not part
	 * of Boot's status order, so it changes no aggregate.
	 */
	public static final Status FAILING = new Status("FAILING");

	private final ThreadStatsInspector inspector;

	private final Duration failureWindow;

	private final Status onFailure;

	/**
	 * Creates the indicator.
	 * @param inspector where the status comes from
	 * @param failureWindow how long every attempt may fail before the indicator reports
	 * the failure in its status
	 * @param downOnFailure whether that status is {@code DOWN} (counted in the overall
	 * health and the groups that include the indicator) rather than {@link #FAILING}
	 */
	public ThreadStatsHealthIndicator(ThreadStatsInspector inspector, Duration failureWindow, boolean downOnFailure) {
		super("threadstats health check failed");
		this.inspector = inspector;
		this.failureWindow = failureWindow;
		this.onFailure = downOnFailure ? Status.DOWN : FAILING;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ThreadStatsStatus status = this.inspector.status();
		builder.status(healthOf(status)).withDetails(status.toDetails());
	}

	private Status healthOf(ThreadStatsStatus status) {
		return switch (status.state()) {
			case SENDING -> Status.UP;
			case KEY_REJECTED -> this.onFailure;
			case FAILING -> isBeyondFailureWindow(status.since()) ? this.onFailure : Status.UP;
			case DRY_RUN, DISABLED, NOT_OBSERVED -> Status.UNKNOWN;
		};
	}

	private boolean isBeyondFailureWindow(Instant failingSince) {
		return Duration.between(failingSince, Instant.now()).compareTo(this.failureWindow) >= 0;
	}

}
