package io.threadstats.aggregation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bucket whose writers add into per-thread stripes ({@link Aggregate}s) that the flush
 * merges: a fixed array of slots (processors rounded up to a power of two, times two,
 * capped; never grown, so no copy race). A stripe belongs to the thread that created it.
 * A writer starts at slot {@code threadId & mask} (pool threads have consecutive ids, so
 * threads running at once land apart) and moves on past other threads' stripes (reading
 * only their owner, which sits apart from the fields their writers update) to its own, or
 * to an empty slot where it puts a fresh stripe by CAS; it takes its stripe with one CAS,
 * updates plain fields and releases it. So two threads whose ids pick the same slot still
 * write to stripes of their own, and every field a writer touches is on its own stripe's
 * lines, padded away from whatever the garbage collector puts next to it
 * ({@link StripePadding}): nothing shared is written per value. Once every slot holds
 * another thread's stripe (threads that wrote first in the bucket, which in a pool may
 * have ended), a writer takes any free stripe after a pass over the slots; when another
 * writer holds the one it tried, it takes a stripe over ({@link #takeOver}), as the
 * counter's cells do ({@link CounterStripes}), so two running threads stop taking turns
 * on one stripe. Take-overs are limited to {@value #TAKE_OVERS_PER_SLOT} per slot and
 * bucket, since every writer reads the owners.
 *
 * <h2>Why a value lands exactly once</h2> The flush closes every slot: a stripe by CAS
 * from free to closed (waiting only for a holder mid-update), an empty slot by CAS to
 * {@link #CLOSED_SLOT}, so no stripe can appear after the flush looked. A writer either
 * held its stripe before that stripe closed (the flush sees its value) or finds a closed
 * stripe or slot and adds nothing ({@link #CLOSED}: the value goes to a fresh bucket).
 */
abstract class StripedBucket extends Bucket {

	/**
	 * One slot per stripe, as many as a counter's cells (see
	 * {@link CounterStripes#cellsFor}).
	 */
	static final int SLOTS = CounterStripes.cellsFor(Runtime.getRuntime().availableProcessors());

	private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Aggregate[].class);

	static final int TAKE_OVERS_PER_SLOT = 2;

	private static final VarHandle CLOSED_FLAG;

	private static final VarHandle TAKE_OVERS;

	static {
		try {
			CLOSED_FLAG = MethodHandles.lookup().findVarHandle(StripedBucket.class, "closed", boolean.class);
			TAKE_OVERS = MethodHandles.lookup().findVarHandle(StripedBucket.class, "takeOvers", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** What a slot holds once closed empty. */
	private static final Aggregate CLOSED_SLOT = new ClosedSlot();

	/**
	 * Unused references before and after the slots (64 bytes with compressed references):
	 * every writer reads the slots on every value, and a stripe, written on every value
	 * by its owner, is often allocated right after them (or before, at the end of another
	 * thread's allocation buffer); sharing a cache line with it made other writers wait
	 * on that line (measured: 2 threads on one histogram took 35 ns a value instead of 10
	 * in some runs).
	 */
	private static final int PAD = 16;

	/** The slots, from {@link #PAD} to {@code PAD + SLOTS} (exclusive). */
	private final Aggregate[] slots = new Aggregate[PAD + SLOTS + PAD];

	/** Set once every slot is closed: from then on every write is refused. */
	@SuppressWarnings("unused") // accessed through CLOSED_FLAG
	private volatile boolean closed;

	/** Take-overs so far in this bucket (see {@link #takeOver}). */
	@SuppressWarnings("unused") // accessed through TAKE_OVERS
	private int takeOvers;

	/** The stripes merged into one by {@link #close()}; {@code null} when empty. */
	private Aggregate merged;

	StripedBucket(long start) {
		super(start);
	}

	/** A fresh stripe, held by the caller. */
	abstract Aggregate newStripe();

	@Override
	int add(double value) {
		return add(value, 1.0);
	}

	@Override
	int add(double value, double weight) {
		Aggregate stripe = acquire();
		if (stripe == null) {
			return CLOSED;
		}
		try {
			stripe.add(value, weight);
		}
		finally {
			stripe.release();
		}
		return ADDED;
	}

	@Override
	int addMember(String member) {
		Aggregate stripe = acquire();
		if (stripe == null) {
			return CLOSED;
		}
		try {
			stripe.addMember(member);
		}
		finally {
			stripe.release();
		}
		return ADDED;
	}

	/**
	 * A stripe held by the caller, or {@code null} when the bucket is closing. The caller
	 * {@link Aggregate#release() releases} it as soon as its update is done and never
	 * waits while holding it: the flush waits for a held stripe.
	 */
	final Aggregate acquire() {
		long self = ThreadIds.current();
		int index = (int) self & (SLOTS - 1);
		Aggregate stripe = (Aggregate) SLOT.getAcquire(this.slots, PAD + index);
		if (stripe != null && stripe.owner == self && stripe.tryAcquire() == Aggregate.FREE) {
			return stripe;
		}
		return acquireLookingFurther(self, index);
	}

	/**
	 * {@link #acquire} when the stripe in the slot the thread's id picks is not its own,
	 * free one (the first try is made again here).
	 */
	private Aggregate acquireLookingFurther(long self, int index) {
		Aggregate[] all = this.slots;
		int mask = SLOTS - 1;
		for (int probes = 0;; probes++) {
			Aggregate stripe = (Aggregate) SLOT.getAcquire(all, PAD + index);
			if (stripe == null) {
				Aggregate fresh = newStripe();
				stripe = (Aggregate) SLOT.compareAndExchange(all, PAD + index, null, fresh);
				if (stripe == null) {
					return fresh;
				}
			}
			// a pass over the slots looks for the caller's own stripe or an empty slot;
			// after that, any stripe that is free will do
			boolean own = stripe.owner == self;
			int next = (index + 1) & mask;
			if (own || probes > mask) {
				int state = stripe.tryAcquire();
				if (state == Aggregate.FREE) {
					return stripe;
				}
				if (state == Aggregate.CLOSED) {
					return null;
				}
				if (!own) {
					// another writer holds a stripe neither owns: one of them moves
					next = takeOver(self, index, next);
				}
			}
			index = next;
			if (probes > 2 * mask) {
				Thread.onSpinWait();
			}
		}
	}

	/**
	 * Makes a stripe in another slot than {@code held} (which another writer holds) the
	 * caller's own, unless no take-over is left in this bucket; returns the slot to try
	 * next ({@code next} without a take-over). Successive take-overs start at different
	 * slots, so writers that collide on one stripe spread out.
	 */
	final int takeOver(long self, int held, int next) {
		int limit = TAKE_OVERS_PER_SLOT * SLOTS;
		if ((int) TAKE_OVERS.getAcquire(this) >= limit) {
			return next;
		}
		int used = (int) TAKE_OVERS.getAndAdd(this, 1);
		if (used >= limit) {
			return next;
		}
		int mask = SLOTS - 1;
		int slot = (held + 1 + used % mask) & mask;
		for (int probes = 0; probes < SLOTS; probes++) {
			Aggregate stripe = (Aggregate) SLOT.getAcquire(this.slots, PAD + slot);
			if (slot != held && stripe != null && stripe != CLOSED_SLOT) {
				if (stripe.owner != self) {
					stripe.ownBy(self);
				}
				return slot;
			}
			slot = (slot + 1) & mask;
		}
		return next;
	}

	@Override
	final boolean isClosed() {
		return (boolean) CLOSED_FLAG.getVolatile(this);
	}

	@Override
	final void close() {
		Aggregate into = null;
		for (int i = PAD; i < PAD + SLOTS; i++) {
			Aggregate stripe = (Aggregate) SLOT.compareAndExchange(this.slots, i, null, CLOSED_SLOT);
			if (stripe == null) {
				continue;
			}
			stripe.closeStripe();
			if (stripe.isEmpty()) {
				continue;
			}
			if (into == null) {
				into = stripe;
			}
			else {
				into.merge(stripe);
			}
		}
		this.merged = into;
		CLOSED_FLAG.setVolatile(this, true);
	}

	@Override
	final Aggregate aggregate() {
		return this.merged;
	}

	/**
	 * Every stripe present now, for a racy peek (any thread; fields read without taking
	 * the stripes).
	 */
	final void forEachStripe(java.util.function.Consumer<Aggregate> action) {
		for (int i = PAD; i < PAD + SLOTS; i++) {
			Aggregate stripe = (Aggregate) SLOT.getAcquire(this.slots, i);
			if (stripe != null && stripe != CLOSED_SLOT) {
				action.accept(stripe);
			}
		}
	}

	/** Fills a closed empty slot: never taken, holds nothing. */
	private static final class ClosedSlot extends Aggregate {

		ClosedSlot() {
			closeStripe0();
		}

		private void closeStripe0() {
			release();
			closeStripe();
		}

		@Override
		void add(double value, double weight) {
			throw new IllegalStateException("closed");
		}

		@Override
		void merge(Aggregate other) {
			throw new IllegalStateException("closed");
		}

		@Override
		boolean isEmpty() {
			return true;
		}

		@Override
		boolean emit(Series series, long start, FlushOutput out) {
			return false;
		}

		@Override
		long retainedBytes() {
			return 0;
		}

	}

}
