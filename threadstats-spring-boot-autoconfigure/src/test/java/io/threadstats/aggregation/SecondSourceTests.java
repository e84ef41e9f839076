package io.threadstats.aggregation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.threadstats.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which clocks get the shared ticking second, and that every other clock is read on every
 * call.
 */
class SecondSourceTests {

	@Test
	void systemClocksInAnyZoneShareTheTickingSecond() {
		TickingSecond shared = TickingSecond.shared();
		assertThat(SecondSource.forClock(Clock.systemUTC())).isSameAs(shared);
		assertThat(SecondSource.forClock(Clock.systemDefaultZone())).isSameAs(shared);
		assertThat(SecondSource.forClock(Clock.system(ZoneId.of("Europe/Paris")))).isSameAs(shared);
	}

	@Test
	void otherClocksAreReadOnEveryCall() {
		MutableClock clock = MutableClock.at("2026-01-01T10:00:05.999Z");
		SecondSource source = SecondSource.forClock(clock);
		assertThat(source).isNotInstanceOf(TickingSecond.class);
		assertThat(source.nowSecond()).isEqualTo(Aggregators.epoch("2026-01-01T10:00:05Z"));
		clock.advance(Duration.ofMillis(1));
		assertThat(source.nowSecond()).isEqualTo(Aggregators.epoch("2026-01-01T10:00:06Z"));
	}

	@Test
	void derivedSystemClocksAreNotTheSystemClock() {
		Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
		SecondSource source = SecondSource.forClock(ahead);
		assertThat(source).isNotInstanceOf(TickingSecond.class);
		assertThat(source.nowSecond()).isGreaterThanOrEqualTo(Instant.now().getEpochSecond() + 3599);
		assertThat(SecondSource.forClock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).nowSecond()).isZero();
	}

	@Test
	void millisBeforeTheEpochFloorToTheEarlierSecond() {
		Clock clock = Clock.fixed(Instant.ofEpochMilli(-1), ZoneOffset.UTC);
		assertThat(SecondSource.forClock(clock).nowSecond()).isEqualTo(-1);
	}

}
