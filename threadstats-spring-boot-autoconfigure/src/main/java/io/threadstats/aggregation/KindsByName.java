package io.threadstats.aggregation;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.threadstats.api.MetricKind;

/**
 * The kind each metric name holds while series of it are held: a name keeps the kind it
 * was first recorded with for as long as any of its series is, and is free again once its
 * last series is evicted. So this holds at most one entry per name with a live series,
 * bounded by the series cap however many distinct names come and go.
 *
 * <p>
 * Every series takes a claim on its name when it is created and gives it back when it is
 * removed; an entry whose count reached 0 is dead (never counted up again) and is removed
 * by whoever finds it. Lock-free; used when a series is created or removed, never per
 * recorded call.
 */
final class KindsByName {

	private final ConcurrentHashMap<String, Claims> claims = new ConcurrentHashMap<>();

	/**
	 * Takes a claim on the name for one more series of the kind.
	 * @return {@code null} when claimed, else the kind the name holds (nothing was
	 * claimed)
	 */
	MetricKind claim(String name, MetricKind kind) {
		for (;;) {
			Claims held = this.claims.get(name);
			if (held == null) {
				if (this.claims.putIfAbsent(name, new Claims(kind)) == null) {
					return null;
				}
				continue;
			}
			if (held.kind != kind) {
				if (held.series.get() > 0) {
					return held.kind;
				}
			}
			else if (held.countUp()) {
				return null;
			}
			// dead: its last series is gone
			this.claims.remove(name, held);
		}
	}

	/**
	 * Gives back a claim taken by {@link #claim} (its series was removed, or never
	 * added).
	 */
	void release(String name) {
		Claims held = this.claims.get(name);
		if (held.series.decrementAndGet() == 0) {
			this.claims.remove(name, held);
		}
	}

	/** How many names are held (for tests). */
	int size() {
		return this.claims.size();
	}

	/** A name's kind and how many of its series are held. */
	private static final class Claims {

		final MetricKind kind;

		final AtomicInteger series = new AtomicInteger(1);

		Claims(MetricKind kind) {
			this.kind = kind;
		}

		/** Counts one more series unless the entry is dead. */
		boolean countUp() {
			int count = this.series.get();
			while (count > 0) {
				int witness = this.series.compareAndExchange(count, count + 1);
				if (witness == count) {
					return true;
				}
				count = witness;
			}
			return false;
		}

	}

}
