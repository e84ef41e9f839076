package io.threadstats.aggregation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counter bucket's striping: it stays one cell until writers collide, then spreads
 * over stripes; the close reads every cell exactly once whatever the interleaving with
 * inflation and writes.
 */
class CounterBucketTests {

	private static final int WRITERS = 4;

	private static final int CALLS = 500_000;

	@Test
	void uncontendedBucketNeverInflates() {
		CounterBucket bucket = new CounterBucket(0);
		for (int i = 0; i < 10_000; i++) {
			assertThat(bucket.add(1)).isEqualTo(Bucket.ADDED);
		}
		assertThat(bucket.stripeCount()).isZero();
		assertThat(closedSum(bucket)).isEqualTo(10_000);
	}

	@Test
	void emptyBucketEmitsNothingEvenWithStripes() {
		CounterBucket bucket = new CounterBucket(0);
		bucket.inflate();
		bucket.close();
		assertThat(bucket.hasValue()).isFalse();
	}

	@Test
	void closeSumsBaseAndStripes() {
		CounterBucket bucket = new CounterBucket(0);
		bucket.add(1); // base, before inflation
		long[] stripes = bucket.inflate();
		assertThat(bucket.stripeCount()).isEqualTo(CounterStripes.count()).isGreaterThanOrEqualTo(2);
		bucket.add(2); // the calling thread's stripe
		CounterStripes.add(stripes, 4);
		assertThat(bucket.peek().value()).isEqualTo(7);
		bucket.close();
		assertThat(bucket.closedValue()).isEqualTo(7);
		assertThat(bucket.isClosed()).isTrue();
		assertThat(bucket.peek()).isNull();
	}

	@Test
	void cellsAndOwnersLieOnLinesOfTheirOwn() {
		// 16 longs: 128 bytes, two cache lines
		int stride = CounterStripes.STRIDE;
		int last = CounterStripes.count() - 1;
		assertThat(CounterStripes.ownerIndex(0)).as("padding before the owners").isGreaterThanOrEqualTo(stride);
		assertThat(CounterStripes.TAKE_OVERS_LEFT).as("the take-overs left, after the owners")
			.isGreaterThan(CounterStripes.ownerIndex(last));
		assertThat(CounterStripes.cellIndex(0) - CounterStripes.TAKE_OVERS_LEFT)
			.as("longs from the owners and take-overs, which writers read, to the first cell")
			.isGreaterThanOrEqualTo(stride);
		for (int cell = 1; cell <= last; cell++) {
			assertThat(CounterStripes.cellIndex(cell) - CounterStripes.cellIndex(cell - 1)).as("longs between cells")
				.isGreaterThanOrEqualTo(stride);
		}
		assertThat(CounterStripes.create().length - CounterStripes.cellIndex(last))
			.as("the last cell and the padding after it")
			.isGreaterThanOrEqualTo(stride);
	}

	@Test
	void aThreadThatFindsEveryCellOwnedTakesAnotherOverAndAddsThereFromThenOn() {
		long self = Thread.currentThread().getId();
		int first = (int) self & (CounterStripes.count() - 1);
		long[] stripes = ownedByEndedThreads();

		int taken = CounterStripes.takeOver(stripes, self, first);
		assertThat(taken).as("another cell than the one its id picks").isNotEqualTo(first);
		assertThat(stripes[CounterStripes.ownerIndex(taken)]).as("now its own").isEqualTo(self);

		assertThat(CounterStripes.add(stripes, 5)).isTrue();
		assertThat(stripes[CounterStripes.cellIndex(taken)]).as("added to the cell it took over")
			.isEqualTo(Double.doubleToRawLongBits(5));
		assertThat(stripes[CounterStripes.cellIndex(first)]).isEqualTo(CellBucket.EMPTY);
	}

	@Test
	void takeOversStopAtTheBucketsLimitAndLeaveTheOwnersAlone() {
		long self = Thread.currentThread().getId();
		int first = (int) self & (CounterStripes.count() - 1);
		long[] stripes = ownedByEndedThreads();
		int limit = CounterStripes.TAKE_OVERS_PER_CELL * CounterStripes.count();
		for (int i = 0; i < limit; i++) {
			CounterStripes.takeOver(stripes, self, first);
		}
		long[] owners = ownersOf(stripes);

		assertThat(CounterStripes.takeOver(stripes, self, first)).as("no take-over left: the cell its id picks")
			.isEqualTo(first);
		assertThat(ownersOf(stripes)).isEqualTo(owners);
	}

	/** Stripes whose cells other threads own (ids no running thread has). */
	private static long[] ownedByEndedThreads() {
		long[] stripes = CounterStripes.create();
		for (int cell = 0; cell < CounterStripes.count(); cell++) {
			stripes[CounterStripes.ownerIndex(cell)] = 1_000_000 + cell;
		}
		return stripes;
	}

	private static long[] ownersOf(long[] stripes) {
		long[] owners = new long[CounterStripes.count()];
		for (int cell = 0; cell < owners.length; cell++) {
			owners[cell] = stripes[CounterStripes.ownerIndex(cell)];
		}
		return owners;
	}

	@Test
	void writeToAStripeClosedUnderItIsRefusedNotLost() {
		CounterBucket bucket = new CounterBucket(0);
		long[] stripes = bucket.inflate(); // a writer holds the stripes...
		bucket.add(3);
		bucket.close(); // ...the close runs...
		assertThat(CounterStripes.add(stripes, 5)).as("its stripe write after the close").isFalse();
		assertThat(bucket.add(5)).as("and the bucket").isEqualTo(Bucket.CLOSED);
		assertThat(bucket.closedValue()).isEqualTo(3);
	}

	@Test
	void inflatingAClosedBucketInstallsNothing() {
		CounterBucket bucket = new CounterBucket(0);
		bucket.add(3);
		bucket.close(); // a writer saw no stripes and lost its CAS just before this
		assertThat(bucket.inflate()).isSameAs(CounterStripes.CLOSED);
		assertThat(bucket.stripeCount()).isZero();
		assertThat(bucket.add(5)).isEqualTo(Bucket.CLOSED);
		assertThat(bucket.closedValue()).isEqualTo(3);
	}

	@Test
	void cellCountIsTwicePowerOfTwoProcessorsCapped() {
		assertThat(CounterStripes.cellsFor(1)).isEqualTo(2);
		assertThat(CounterStripes.cellsFor(2)).isEqualTo(4);
		assertThat(CounterStripes.cellsFor(3)).isEqualTo(8);
		assertThat(CounterStripes.cellsFor(1000)).isEqualTo(CounterStripes.MAX_CELLS);
	}

	/**
	 * Writers hammer one counter while a closer keeps replacing and closing its bucket
	 * (as flushes do): a refused write goes to the replacement, so the closed sums must
	 * add up to every write. Rounds repeat (up to 20 s) until some bucket was closed
	 * while inflated, so closes also race inflation.
	 */
	@Test
	void contendedWritesRacingClosesAllLandOnce() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		int inflatedClosed = 0;
		while (inflatedClosed == 0 && System.nanoTime() < deadline) {
			inflatedClosed += raceWritesAgainstCloses();
		}
		assertThat(inflatedClosed).as("buckets closed while inflated").isPositive();
	}

	/** One round; returns how many buckets were inflated when closed. */
	private static int raceWritesAgainstCloses() throws InterruptedException {
		AtomicReference<CounterBucket> current = new AtomicReference<>(new CounterBucket(0));
		List<CounterBucket> closed = new ArrayList<>();
		int[] inflated = { 0 };
		List<Runnable> writers = new ArrayList<>();
		for (int t = 0; t < WRITERS; t++) {
			writers.add(() -> {
				for (int i = 0; i < CALLS; i++) {
					while (current.get().add(1) == Bucket.CLOSED) {
						Thread.onSpinWait();
					}
				}
			});
		}
		Race.run(writers, () -> {
			CounterBucket old = current.getAndSet(new CounterBucket(0));
			if (old.stripeCount() > 0) {
				inflated[0]++;
			}
			old.close();
			closed.add(old);
			Thread.yield();
		});
		CounterBucket last = current.get();
		last.close();
		closed.add(last);

		double total = 0;
		for (CounterBucket bucket : closed) {
			total += bucket.hasValue() ? bucket.closedValue() : 0;
		}
		assertThat(total).isEqualTo((double) WRITERS * CALLS);
		return inflated[0];
	}

	/**
	 * Writers collide on one bucket until it inflates (bounded wait), and nothing is lost
	 * doing so.
	 */
	@Test
	void collidingWritersInflateTheBucket() throws InterruptedException {
		CounterBucket bucket = new CounterBucket(0);
		AtomicBoolean inflated = new AtomicBoolean();
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		long[] calls = new long[WRITERS];
		List<Thread> writers = new ArrayList<>();
		for (int t = 0; t < WRITERS; t++) {
			int writer = t;
			writers.add(new Thread(() -> {
				while (!inflated.get() && System.nanoTime() < deadline) {
					for (int i = 0; i < 1000; i++) {
						bucket.add(1);
						calls[writer]++;
					}
					if (bucket.stripeCount() > 0) {
						inflated.set(true);
					}
				}
			}));
		}
		writers.forEach(Thread::start);
		for (Thread writer : writers) {
			writer.join();
		}
		assertThat(bucket.stripeCount()).as("stripes after up to 20 s of collisions").isPositive();
		long total = 0;
		for (long count : calls) {
			total += count;
		}
		assertThat(closedSum(bucket)).isEqualTo(total);
	}

	private static double closedSum(CounterBucket bucket) {
		bucket.close();
		return bucket.closedValue();
	}

}
