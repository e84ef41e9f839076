package io.threadstats.aggregation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Unused fields, 128 bytes and more, ahead of an {@link Aggregate}'s own (its superclass,
 * since superclass fields come first); each kind's stripe class adds as many after its
 * fields. A stripe's fields are written on every value by its writer, and the garbage
 * collector copies a bucket's stripes, and what they point to, next to each other: two
 * writers of one distribution then wrote one cache line (or the adjacent line CPUs fetch
 * with it), 20 to 40 ns a value instead of 8 to 10 (measured, from one young collection
 * to the next). 128 bytes keep a stripe's fields off the lines of its neighbours.
 *
 * <p>
 * The stripe's owner is here, ahead of the padding: other writers read it on every value
 * while they look for their own stripe (see {@link StripedBucket#acquire()}), and next to
 * the fields its writer updates it would make them wait on that writer's line.
 */
abstract class StripePadding {

	private static final VarHandle OWNER;

	static {
		try {
			OWNER = MethodHandles.lookup().findVarHandle(StripePadding.class, "owner", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/**
	 * The bytes padding adds to a stripe: the fields here but the owner, and 128 after
	 * (for the late-data budget).
	 */
	static final int BYTES = 4 + 2 * 128;

	// fills the gap after the object header, where a subclass's int would otherwise go
	int gap;

	/**
	 * The id of the writer the stripe belongs to: the thread that created it, or one that
	 * took it over ({@link #ownBy}). Only a hint: a writer still takes the stripe before
	 * it updates it, so a stale owner costs a probe, never a value.
	 */
	long owner;

	long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15, p16;

	StripePadding() {
		this.owner = ThreadIds.current();
	}

	/** Makes the stripe the given thread's (see {@link StripedBucket#takeOver}). */
	final void ownBy(long thread) {
		OWNER.setOpaque(this, thread);
	}

}
