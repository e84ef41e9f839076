package io.threadstats.aggregation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distribution chunks delivery gives back wait to be filled again, within a bound,
 * and only while something keeps taking them.
 */
class ChunkPoolTests {

	private final ChunkPool pool = new ChunkPool(100);

	@Test
	void aChunkGivenBackIsTheNextOneTaken() {
		double[] chunk = this.pool.take();
		this.pool.giveBack(chunk);

		assertThat(this.pool.take()).isSameAs(chunk);
		assertThat(this.pool.take()).isNotSameAs(chunk).hasSize(100);
	}

	@Test
	void atMostItsCapacityWaitsAndChunksOfAnotherSizeNever() {
		for (int i = 0; i < ChunkPool.CAPACITY + 5; i++) {
			this.pool.giveBack(new double[100]);
		}
		this.pool.giveBack(new double[50]);

		assertThat(this.pool.waiting()).isEqualTo(ChunkPool.CAPACITY);
	}

	@Test
	void chunksWaitThroughAFlushIntervalInWhichOneWasTakenAndGoAfterOneWithout() {
		for (int i = 0; i < 3; i++) {
			this.pool.giveBack(new double[100]);
		}
		this.pool.take();

		this.pool.letGoIfUnused();
		assertThat(this.pool.waiting()).as("one was taken since the last flush").isEqualTo(2);

		this.pool.letGoIfUnused();
		assertThat(this.pool.waiting()).as("none was").isZero();
	}

	@Test
	void chunksGivenBackButNeverTakenGoAtTheNextFlush() {
		this.pool.giveBack(new double[100]);

		this.pool.letGoIfUnused();

		assertThat(this.pool.waiting()).isZero();
	}

}
