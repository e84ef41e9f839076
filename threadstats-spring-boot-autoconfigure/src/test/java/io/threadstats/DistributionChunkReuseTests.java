package io.threadstats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import io.threadstats.snapshot.DistributionPoint;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.submission.Submitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A hot distribution's full chunks go to the submitter early; the values it releases are
 * filled again with new ones, so that recording allocates nothing per value, and never
 * while anything may still read them.
 */
class DistributionChunkReuseTests {

	private static final int PER_POINT = 1000;

	private static final Instant NOW = Instant.parse("2026-01-01T10:00:05Z");

	private final ReadingSubmitter submitter = new ReadingSubmitter();

	private ThreadStats stats;

	@AfterEach
	void close() {
		if (this.stats != null) {
			this.stats.close();
		}
	}

	private ValueRecorder distribution() {
		this.stats = OneBucketEngine.at(NOW, PER_POINT, this.submitter);
		return this.stats.distributionRecorder("payload.size");
	}

	/**
	 * Records the chunk's values; the chunk before it, full, was queued for hand-off at
	 * the first of them (a chunk goes out when a value finds it full).
	 */
	private static void recordChunk(ValueRecorder recorder, int chunk) {
		for (int i = 0; i < PER_POINT; i++) {
			recorder.record(chunk * PER_POINT + i);
		}
	}

	/** Records chunks 0 and 1 and hands off chunk 0 (full, queued): its point. */
	private DistributionPoint handOffChunkZero(ValueRecorder recorder) {
		recordChunk(recorder, 0);
		recordChunk(recorder, 1);
		this.stats.handOffFullChunks();
		return this.submitter.points.get(0);
	}

	@Test
	void aHotDistributionAllocatesNothingPerValueOnceItsSubmitterReleasesWhatItSent() {
		Allocations.assumeCounted();
		ValueRecorder sizes = distribution();
		this.submitter.releasing = true;
		int chunks = 200;
		long recordingBytes = 0;
		for (int chunk = 0; chunk < chunks; chunk++) {
			long before = Allocations.byCurrentThread();
			recordChunk(sizes, chunk);
			recordingBytes += Allocations.byCurrentThread() - before;
			this.stats.handOffFullChunks();
		}
		this.stats.flush(NOW.plusSeconds(20));

		// a new array per chunk would be 8 bytes a value (1.6 MB); what is left is the
		// first chunks, before one came back
		assertThat(recordingBytes).isLessThan(chunks * PER_POINT / 2);
		assertThat(this.submitter.values).as("every value, once, in order")
			.containsExactlyElementsOf(LongStream.range(0, chunks * PER_POINT).mapToObj((v) -> (double) v).toList());
	}

	@Test
	void chunksAQuietDistributionLeftBehindAreLetGoAtTheSecondFlushWithoutRecording() {
		Allocations.assumeCounted();
		ValueRecorder sizes = distribution();
		this.submitter.releasing = true;
		for (int chunk = 0; chunk < 4; chunk++) {
			recordChunk(sizes, chunk);
			this.stats.handOffFullChunks();
		}
		this.stats.flush(NOW.plusSeconds(20));
		assertThat(bytesOfAFullSizeChunk(sizes, 4)).as("taken from the chunks the submitter gave back")
			.isLessThan(PER_POINT);

		recordChunk(sizes, 6);
		this.stats.handOffFullChunks(); // chunks 4 and 5 go back to wait

		this.stats.flush(NOW.plusSeconds(20)); // chunks were taken since the last one
		this.stats.flush(NOW.plusSeconds(20)); // none were
		assertThat(bytesOfAFullSizeChunk(sizes, 7)).as("a new array: the waiting ones were let go")
			.isGreaterThanOrEqualTo(PER_POINT * 8L);
	}

	/**
	 * What recording chunk {@code first + 1} allocates, after chunk {@code first} (which
	 * a fresh bucket grows to full size): taking a full-size chunk, the pool's or a new
	 * one.
	 */
	private static long bytesOfAFullSizeChunk(ValueRecorder recorder, int first) {
		recordChunk(recorder, first);
		long before = Allocations.byCurrentThread();
		recordChunk(recorder, first + 1);
		return Allocations.byCurrentThread() - before;
	}

	@Test
	void valuesReleasedTwiceGoBackOnceSoTwoChunksNeverShareAnArray() {
		ValueRecorder sizes = distribution();
		DistributionPoint first = handOffChunkZero(sizes);
		first.releaseValues();
		first.releaseValues();

		// chunks 1 and 2 wait together while 3 fills: had chunk 0's array gone back
		// twice, chunks 2 and 3 would both have been given it
		recordChunk(sizes, 2);
		recordChunk(sizes, 3);
		this.stats.handOffFullChunks();

		assertThat(this.submitter.points).hasSize(3);
		assertThat(this.submitter.points.get(2).values()).hasSize(PER_POINT).first().isEqualTo(2.0 * PER_POINT);
		assertThat(this.submitter.points.get(2).values()).last().isEqualTo(3.0 * PER_POINT - 1);
	}

	@Test
	void releasedValuesOfAHandOffCannotBeRead() {
		DistributionPoint handedOff = handOffChunkZero(distribution());
		assertThat(handedOff.values()).first().isEqualTo(0.0);

		handedOff.releaseValues();

		assertThatIllegalStateException().isThrownBy(() -> handedOff.values().get(0))
			.withMessageContaining("released for reuse");
	}

	@Test
	void aFlushsValuesAreNeverReusedEvenWhenReleased() {
		ValueRecorder sizes = distribution();
		recordChunk(sizes, 0);
		recordChunk(sizes, 1);
		// chunk 0 waits for a hand-off; the flush takes it instead and returns it
		FlushSnapshot flushed = this.stats.flush(NOW.plusSeconds(20));
		DistributionPoint kept = flushed.distributions()
			.stream()
			.filter((point) -> point.values().get(0) == 0.0)
			.findFirst()
			.orElseThrow();

		kept.releaseValues();
		recordChunk(sizes, 2);
		recordChunk(sizes, 3);
		this.stats.handOffFullChunks();

		assertThat(kept.values()).hasSize(PER_POINT).first().isEqualTo(0.0);
		assertThat(kept.values()).last().isEqualTo(PER_POINT - 1.0);
	}

	/**
	 * Reads what it is handed, as a real submitter encodes it, and releases it when told
	 * to; keeps the points for the tests.
	 */
	static final class ReadingSubmitter implements Submitter {

		final List<DistributionPoint> points = new ArrayList<>();

		final List<Double> values = new ArrayList<>();

		boolean releasing;

		@Override
		public CompletableFuture<Void> submit(FlushSnapshot snapshot) {
			for (DistributionPoint point : snapshot.distributions()) {
				this.points.add(point);
				if (this.releasing) {
					this.values.addAll(point.values());
					point.releaseValues();
				}
			}
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void close(Duration timeout) {
		}

	}

}
