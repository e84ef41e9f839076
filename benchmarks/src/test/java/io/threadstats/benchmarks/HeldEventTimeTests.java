package io.threadstats.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timestamped rows' event time is never behind the clock, so it never lands in a
 * flushed bucket.
 */
class HeldEventTimeTests {

	/** A second after any "now" the instance starts with, in epoch seconds. */
	private static final long S = 4_000_000_000L;

	private final HeldEventTime eventTime = new HeldEventTime();

	@Test
	void holdsTheCurrentSecondUntilTheLeadThenTheComingOne() {
		assertThat(this.eventTime.update(S * 1000)).isEqualTo(S * 1000 + 900);
		assertThat(this.eventTime.epochSecond()).isEqualTo(S);
		assertThat(this.eventTime.update(S * 1000 + 899)).isEqualTo(S * 1000 + 900);
		assertThat(this.eventTime.epochSecond()).isEqualTo(S);
		assertThat(this.eventTime.update(S * 1000 + 900)).isEqualTo((S + 1) * 1000 + 900);
		assertThat(this.eventTime.epochSecond()).isEqualTo(S + 1);
		// still S + 1 once that second has begun: the clock catches up with it
		assertThat(this.eventTime.update((S + 1) * 1000)).isEqualTo((S + 1) * 1000 + 900);
		assertThat(this.eventTime.instant().getEpochSecond()).isEqualTo(S + 1);
		assertThat(this.eventTime.lateUpdates()).isZero();
	}

	@Test
	void countsAWakeUpThatFoundTheClockAlreadyPastThePublishedSecond() {
		this.eventTime.update(S * 1000 + 950);
		assertThat(this.eventTime.epochSecond()).isEqualTo(S + 1);
		// scheduled late: second S + 2 began before it was published
		this.eventTime.update((S + 2) * 1000 + 10);
		assertThat(this.eventTime.epochSecond()).isEqualTo(S + 2);
		assertThat(this.eventTime.lateUpdates()).isEqualTo(1);
	}

}
