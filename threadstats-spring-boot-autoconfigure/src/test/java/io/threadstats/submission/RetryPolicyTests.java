package io.threadstats.submission;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The backoff: jittered, doubling, capped; a delay the intake asks for can lengthen it,
 * never shorten it.
 */
class RetryPolicyTests {

	private final RetryPolicy policy = RetryPolicy.DEFAULT;

	@RepeatedTest(20)
	void backoffIsJitteredWithinHalfToAllOfTheDoubledBaseUpToTheCap() {
		assertThat(this.policy.delay(1, null)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
		assertThat(this.policy.delay(3, null)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
		assertThat(this.policy.delay(40, null)).isBetween(Duration.ofSeconds(32), Duration.ofSeconds(64));
	}

	@RepeatedTest(20)
	void aRequestedDelayShorterThanTheBackoffDoesNotShortenIt() {
		assertThat(this.policy.delay(1, Duration.ZERO)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
		assertThat(this.policy.delay(5, Duration.ofSeconds(1))).isBetween(Duration.ofSeconds(16),
				Duration.ofSeconds(32));
	}

	@Test
	void aLongerRequestedDelayIsHonouredUpToFiveMinutes() {
		assertThat(this.policy.delay(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.policy.delay(1, Duration.ofHours(10))).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void aPolicyWithoutAPositiveBaseIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
			.withMessageContaining("base");
	}

}
