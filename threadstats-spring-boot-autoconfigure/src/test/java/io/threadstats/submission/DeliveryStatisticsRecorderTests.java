package io.threadstats.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.threadstats.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recent flushes the statistics keep: a run of empty flushes takes one entry, so that
 * idle flushes never push out the records worth reading.
 */
class DeliveryStatisticsRecorderTests {

	private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

	private final DeliveryStatisticsRecorder statistics = new DeliveryStatisticsRecorder(new MutableClock(START), 3,
			false);

	@Test
	void aRunOfEmptyFlushesIsOneEntryWithItsCountAndStart() {
		for (int i = 0; i < 30; i++) {
			this.statistics.flushRecorded(emptyAt(i * 2));
		}
		List<FlushRecord> recent = this.statistics.snapshot().recentFlushes();
		assertThat(recent).singleElement().satisfies((run) -> {
			assertThat(run.outcome()).isEqualTo(FlushOutcome.EMPTY);
			assertThat(run.flushedAt()).isEqualTo(START.plusSeconds(58));
			assertThat(run.emptyRun()).isEqualTo(new FlushRecord.EmptyRun(30, START));
		});
	}

	@Test
	void idleFlushesDoNotPushTheInformativeRecordsOut() {
		this.statistics.flushRecorded(deliveredAt(0));
		this.statistics.flushRecorded(emptyAt(2));
		this.statistics.flushRecorded(deliveredAt(4));
		for (int i = 3; i < 50; i++) {
			this.statistics.flushRecorded(emptyAt(i * 2));
		}
		List<FlushRecord> recent = this.statistics.snapshot().recentFlushes();
		assertThat(recent).extracting(FlushRecord::outcome)
			.containsExactly(FlushOutcome.EMPTY, FlushOutcome.DELIVERED, FlushOutcome.EMPTY);
		assertThat(recent.get(1).flushedAt()).isEqualTo(START.plusSeconds(4));
		assertThat(recent.get(0).emptyRun()).as("a single empty flush is a record of one").isNull();
		assertThat(recent.get(2).emptyRun()).isEqualTo(new FlushRecord.EmptyRun(47, START.plusSeconds(6)));
	}

	@Test
	void aFlushThatSentSomethingIsNeverJoined() {
		this.statistics.flushRecorded(deliveredAt(0));
		this.statistics.flushRecorded(deliveredAt(2));
		assertThat(this.statistics.snapshot().recentFlushes()).hasSize(2)
			.allSatisfy((flush) -> assertThat(flush.emptyRun()).isNull());
	}

	private static FlushRecord emptyAt(long seconds) {
		return new FlushRecord(START.plusSeconds(seconds), Duration.ofMillis(1), 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0,
				0, Map.of(), FlushOutcome.EMPTY, null);
	}

	private static FlushRecord deliveredAt(long seconds) {
		return new FlushRecord(START.plusSeconds(seconds), Duration.ofMillis(12), 3, 0, 0, 0, 1, 1, 300, 120,
				Map.of(202, 1), 0, 3, 0, Map.of(), FlushOutcome.DELIVERED, null);
	}

}
