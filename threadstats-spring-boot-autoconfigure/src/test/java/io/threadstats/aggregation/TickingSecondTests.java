package io.threadstats.aggregation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.threadstats.MutableClock;
import io.threadstats.api.AggregatorSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared ticking second: it follows real time, agrees with the system clock, runs on
 * one daemon thread however many engines use it, and its wake-up step (driven here by a
 * fake clock and a fake sleeper) follows clock jumps and survives failures.
 */
class TickingSecondTests {

	private final MutableClock clock = MutableClock.at("2026-01-01T10:00:05.250Z");

	private final List<Long> sleeps = new ArrayList<>();

	@Test
	void sharedSecondAdvancesWithRealTime() throws InterruptedException {
		TickingSecond shared = TickingSecond.shared();
		long first = shared.nowSecond();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (shared.nowSecond() == first && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(shared.nowSecond()).as("the second after waiting up to 10 s").isGreaterThan(first);
	}

	@Test
	void sharedSecondAgreesWithTheSystemClock() {
		TickingSecond shared = TickingSecond.shared();
		for (int i = 0; i < 1000; i++) {
			long before = Math.floorDiv(System.currentTimeMillis(), 1000);
			long ticking = shared.nowSecond();
			long after = Math.floorDiv(System.currentTimeMillis(), 1000);
			// it may still show the previous second until its thread wakes up just past
			// the boundary
			assertThat(ticking).isBetween(before - 1, after);
		}
	}

	@Test
	void oneDaemonThreadServesEveryEngine() {
		for (int i = 0; i < 5; i++) {
			new Aggregator(AggregatorSettings.defaults(10, Clock.systemUTC()));
		}
		List<Thread> ticking = Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(TickingSecond.THREAD_NAME))
			.toList();
		assertThat(ticking).hasSize(1);
		assertThat(ticking.get(0).isDaemon()).isTrue();
	}

	@Test
	void tickPublishesTheClocksSecondAndSleepsToTheNextBoundary() {
		TickingSecond ticking = new TickingSecond(this.clock, this.sleeps::add);
		long second = Aggregators.epoch("2026-01-01T10:00:05Z");
		assertThat(ticking.nowSecond()).isEqualTo(second);

		this.clock.advance(Duration.ofMillis(800)); // 10:00:06.050
		ticking.tick();
		assertThat(ticking.nowSecond()).isEqualTo(second + 1);
		assertThat(this.sleeps).containsExactly(950L);
	}

	@Test
	void tickFollowsClockJumpsBothWays() {
		TickingSecond ticking = new TickingSecond(this.clock, this.sleeps::add);
		this.clock.set("2026-01-01T11:00:00.999Z");
		ticking.tick();
		assertThat(ticking.nowSecond()).isEqualTo(Aggregators.epoch("2026-01-01T11:00:00Z"));
		this.clock.set("2026-01-01T09:59:59Z");
		ticking.tick();
		assertThat(ticking.nowSecond()).isEqualTo(Aggregators.epoch("2026-01-01T09:59:59Z"));
		assertThat(this.sleeps).containsExactly(1L, 1000L);
	}

	@Test
	void tickSurvivesAFailingClockAndSleeperAndRecovers() {
		FailingClock failing = new FailingClock(this.clock);
		List<Long> attempted = new ArrayList<>();
		boolean[] sleeperFails = { false };
		TickingSecond ticking = new TickingSecond(failing, (millis) -> {
			attempted.add(millis);
			if (sleeperFails[0]) {
				throw new IllegalStateException("sleeper broke");
			}
		});
		long before = ticking.nowSecond();

		failing.fail = true;
		this.clock.advance(Duration.ofSeconds(3));
		ticking.tick();
		assertThat(ticking.nowSecond()).as("nothing published from a failed read").isEqualTo(before);
		assertThat(attempted).as("waits before trying again, never spins").containsExactly(TickingSecond.RETRY_MILLIS);

		failing.fail = false;
		sleeperFails[0] = true;
		ticking.tick();
		assertThat(ticking.nowSecond()).isEqualTo(before + 3);

		sleeperFails[0] = false;
		this.clock.advance(Duration.ofSeconds(1));
		ticking.tick();
		assertThat(ticking.nowSecond()).isEqualTo(before + 4);
	}

	@Test
	void tickTreatsAnInterruptAsAnEarlyWakeUp() {
		TickingSecond ticking = new TickingSecond(this.clock, (millis) -> {
			throw new InterruptedException();
		});
		ticking.tick();
		this.clock.advance(Duration.ofSeconds(1));
		ticking.tick();
		assertThat(ticking.nowSecond()).isEqualTo(Aggregators.epoch("2026-01-01T10:00:06Z"));
	}

	/** Throws from {@link #millis()} while {@link #fail} is set. */
	private static final class FailingClock extends Clock {

		private final Clock delegate;

		volatile boolean fail;

		FailingClock(Clock delegate) {
			this.delegate = delegate;
		}

		@Override
		public long millis() {
			if (this.fail) {
				throw new IllegalStateException("clock broke");
			}
			return this.delegate.millis();
		}

		@Override
		public java.time.Instant instant() {
			return java.time.Instant.ofEpochMilli(millis());
		}

		@Override
		public java.time.ZoneId getZone() {
			return this.delegate.getZone();
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}
