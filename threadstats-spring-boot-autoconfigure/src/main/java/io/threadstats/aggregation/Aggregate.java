package io.threadstats.aggregation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What one series recorded into one bucket, in a form that merges: a histogram's,
 * distribution's or set's values, whose writers add into per-thread stripes of this type;
 * the flush merges the stripes into one, and a flushed aggregate kept for late points
 * merges with the next one. So striping, flushing and late merging are one piece of code
 * per kind. (A counter's total is one double: its bucket adds into striped cells, and
 * {@link KeptBuckets} keeps it as a number.)
 *
 * <p>
 * As a stripe it is taken by one writer at a time: {@link #tryAcquire} (one CAS from
 * {@link #FREE} to {@link #BUSY}), plain field updates, {@link #release} (a release
 * store). The flush {@link #closeStripe closes} it, waiting only for a holder mid-update.
 */
abstract class Aggregate extends StripePadding {

	static final int FREE = 0;

	static final int BUSY = 1;

	static final int CLOSED = 2;

	private static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(Aggregate.class, "state", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	@SuppressWarnings("unused") // accessed through STATE
	private volatile int state;

	/** A new aggregate is held by its creator until {@link #release}d. */
	Aggregate() {
		STATE.set(this, BUSY);
	}

	/** Takes the stripe: the state it had, and it is now held only if that was FREE. */
	final int tryAcquire() {
		return (int) STATE.compareAndExchange(this, FREE, BUSY);
	}

	final void release() {
		STATE.setRelease(this, FREE);
	}

	/**
	 * Closes the stripe (flushing thread): waits only while a writer is mid-update, a few
	 * instructions unless it was descheduled there.
	 */
	final void closeStripe() {
		for (int spins = 0; (int) STATE.compareAndExchange(this, FREE, CLOSED) == BUSY; spins++) {
			if ((spins & 0xff) == 0xff) {
				Thread.yield();
			}
			else {
				Thread.onSpinWait();
			}
		}
	}

	/** Adds a value that stands for {@code weight} calls (held stripe only). */
	abstract void add(double value, double weight);

	/** Adds a set member (held stripe only); only sets take members. */
	void addMember(String member) {
		throw new UnsupportedOperationException("only sets take members");
	}

	/**
	 * Merges what another aggregate of the same kind holds into this one (flushing
	 * thread; the other is closed and not used afterwards).
	 */
	abstract void merge(Aggregate other);

	/** Whether nothing was recorded. */
	abstract boolean isEmpty();

	/** Emits this aggregate's point(s) for a bucket; returns whether it emitted any. */
	abstract boolean emit(Series series, long start, FlushOutput out);

	/** About how many bytes of heap it holds, for the late-data budget. */
	abstract long retainedBytes();

}
