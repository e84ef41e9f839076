package io.threadstats.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writers of a striped bucket (histogram, distribution, set) whose stripes all belong to
 * other threads, as in a pool whose threads come and go within a bucket: one that finds
 * the stripe it tried held by another writer takes another stripe over, so two running
 * writers stop taking turns on one stripe.
 */
class StripedBucketTests {

	private final long self = Thread.currentThread().getId();

	private final int first = (int) this.self & (StripedBucket.SLOTS - 1);

	@Test
	void aWriterThatFindsTheStripeItTriedHeldTakesAnotherOverAndWritesThereFromThenOn() throws Exception {
		HistogramBucket bucket = filledByEndedThreads();
		AtomicReference<Aggregate> heldByOther = new AtomicReference<>();
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(1);
		Thread other = threadWhoseIdPicksTheSameSlot(() -> {
			heldByOther.set(bucket.acquire());
			holding.countDown();
			await(done);
			heldByOther.get().release();
		});
		other.start();
		holding.await();

		Aggregate taken = bucket.acquire();
		taken.add(7, 1);
		taken.release();
		done.countDown();
		other.join();

		assertThat(taken).as("another stripe than the one held").isNotSameAs(heldByOther.get());
		assertThat(taken.owner).as("now its own").isEqualTo(this.self);
		Aggregate again = bucket.acquire();
		again.release();
		assertThat(again).as("its later values go to the stripe it took").isSameAs(taken);
		bucket.close();
		assertThat(((HistogramValues) bucket.aggregate()).count()).as("every value, once")
			.isEqualTo(StripedBucket.SLOTS + 1);
	}

	@Test
	void takeOversStopAtTheBucketsLimitAndLeaveTheOwnersAlone() throws Exception {
		HistogramBucket bucket = filledByEndedThreads();
		int next = (this.first + 1) & (StripedBucket.SLOTS - 1);
		int limit = StripedBucket.TAKE_OVERS_PER_SLOT * StripedBucket.SLOTS;
		for (int i = 0; i < limit; i++) {
			bucket.takeOver(this.self + 1 + i, this.first, next);
		}
		List<Long> owners = ownersOf(bucket);

		assertThat(bucket.takeOver(this.self, this.first, next)).as("no take-over left: the next slot").isEqualTo(next);
		assertThat(ownersOf(bucket)).isEqualTo(owners);
	}

	/** A bucket whose every slot holds a stripe of a thread that has ended. */
	private static HistogramBucket filledByEndedThreads() throws InterruptedException {
		HistogramBucket bucket = new HistogramBucket(0);
		for (int i = 0; i < StripedBucket.SLOTS; i++) {
			Thread writer = new Thread(() -> bucket.add(1));
			writer.start();
			writer.join();
		}
		List<Long> owners = ownersOf(bucket);
		assertThat(owners).as("a stripe in every slot, each its writer's")
			.hasSize(StripedBucket.SLOTS)
			.doesNotHaveDuplicates();
		return bucket;
	}

	private Thread threadWhoseIdPicksTheSameSlot(Runnable task) {
		for (;;) {
			Thread thread = new Thread(task);
			if ((thread.getId() & (StripedBucket.SLOTS - 1)) == this.first) {
				return thread;
			}
		}
	}

	private static List<Long> ownersOf(StripedBucket bucket) {
		List<Long> owners = new ArrayList<>();
		bucket.forEachStripe((stripe) -> owners.add(stripe.owner));
		return owners;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
