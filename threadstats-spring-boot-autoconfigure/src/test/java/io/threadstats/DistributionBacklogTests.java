package io.threadstats;

import java.time.Instant;
import java.util.stream.LongStream;

import io.threadstats.api.Limits;
import io.threadstats.api.RejectReason;
import io.threadstats.snapshot.FlushSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A writer that outruns delivery by a whole backlog of full distribution points drops the
 * chunks beyond it, and counts every value it dropped: nothing goes missing uncounted.
 * The engine here hands off nothing by itself (see {@link OneBucketEngine}), so the
 * backlog fills deterministically.
 */
class DistributionBacklogTests {

	private static final int PER_POINT = 1000;

	private static final Instant NOW = Instant.parse("2026-01-01T10:00:05Z");

	private final DistributionChunkReuseTests.ReadingSubmitter submitter = new DistributionChunkReuseTests.ReadingSubmitter();

	private final ThreadStats stats = OneBucketEngine.at(NOW, PER_POINT, this.submitter);

	@AfterEach
	void close() {
		this.stats.close();
	}

	@Test
	void chunksPastAFullBacklogAreDroppedAndEveryValueOfThemCounted() {
		ValueRecorder sizes = this.stats.distributionRecorder("payload.size");
		int chunks = Limits.MAX_WAITING_POINTS + 3;
		// one value more than the chunks hold: it queues the last full chunk
		long recorded = (long) chunks * PER_POINT + 1;
		for (long i = 0; i < recorded; i++) {
			sizes.record(i);
		}

		FlushSnapshot flushed = this.stats.flush(NOW.plusSeconds(20));

		assertThat(this.stats.statistics().rejected(RejectReason.DELIVERY_BEHIND)).as("the chunks past the backlog")
			.isEqualTo(3L * PER_POINT);
		long waited = (long) Limits.MAX_WAITING_POINTS * PER_POINT;
		assertThat(flushed.distributions().stream().flatMap((point) -> point.values().stream()).sorted())
			.as("the backlog's chunks and the value after the dropped ones")
			.containsExactlyElementsOf(LongStream.concat(LongStream.range(0, waited), LongStream.of(recorded - 1))
				.mapToObj((value) -> (double) value)
				.toList());
	}

}
