package io.threadstats.submission;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the delay the intake asks for is read from its headers. */
class IntakeClientTests {

	private static final Instant NOW = Instant.parse("2031-01-01T00:00:00Z");

	@Test
	void retryAfterInSeconds() {
		assertThat(IntakeClient.retryAfter("120", null, NOW)).isEqualTo(Duration.ofSeconds(120));
		assertThat(IntakeClient.retryAfter(" 0 ", null, NOW)).isEqualTo(Duration.ZERO);
	}

	@Test
	void retryAfterAsAnHttpDateIsMeasuredFromTheGivenNow() {
		assertThat(IntakeClient.retryAfter("Wed, 01 Jan 2031 00:00:45 GMT", null, NOW))
			.isEqualTo(Duration.ofSeconds(45));
		assertThat(IntakeClient.retryAfter("Tue, 31 Dec 2030 23:59:00 GMT", null, NOW)).as("in the past")
			.isEqualTo(Duration.ZERO);
	}

	@Test
	void rateLimitResetWhenThereIsNoUsableRetryAfter() {
		assertThat(IntakeClient.retryAfter(null, "7", NOW)).isEqualTo(Duration.ofSeconds(7));
		assertThat(IntakeClient.retryAfter("soon", "7", NOW)).isEqualTo(Duration.ofSeconds(7));
		assertThat(IntakeClient.retryAfter("-5", "-5", NOW)).isNull();
		assertThat(IntakeClient.retryAfter(null, null, NOW)).isNull();
	}

}
