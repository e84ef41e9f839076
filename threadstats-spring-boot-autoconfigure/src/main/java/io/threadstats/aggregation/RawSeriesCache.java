package io.threadstats.aggregation;

import java.util.concurrent.atomic.AtomicReferenceArray;

import io.threadstats.api.MetricKind;

/**
 * The first level of by-name lookup: (kind, name, host, tags as given) to a
 * {@link SeriesHandle}, probed without normalising or allocating (a hash over the given
 * strings, whose hashes Java caches, and an element-wise comparison). A fixed-size, 2-way
 * table: a miss (first call, or an entry pushed out by other inputs) costs one resolution
 * through the canonical map, so memory stays bounded however many distinct raw inputs
 * arrive. Slots are replaced whole, so readers never see a half-written entry.
 */
final class RawSeriesCache {

	private final AtomicReferenceArray<SeriesHandle> slots;

	private final int mask;

	/**
	 * @param capacity a power of two
	 */
	RawSeriesCache(int capacity) {
		this.slots = new AtomicReferenceArray<>(capacity);
		this.mask = capacity - 1;
	}

	static int hash(MetricKind kind, String metric, String host, String[] tags) {
		int hash = kind.ordinal() * 31 + ((metric != null) ? metric.hashCode() : 0);
		hash = hash * 31 + ((host != null) ? host.hashCode() : 0);
		if (tags != null) {
			for (String tag : tags) {
				hash = hash * 31 + ((tag != null) ? tag.hashCode() : 0);
			}
		}
		return hash ^ (hash >>> 16);
	}

	SeriesHandle find(int hash, MetricKind kind, String metric, String host, String[] tags) {
		int slot = hash & this.mask;
		SeriesHandle handle = this.slots.get(slot);
		if (handle != null && handle.matches(hash, kind, metric, host, tags)) {
			return handle;
		}
		handle = this.slots.get(slot ^ 1);
		if (handle != null && handle.matches(hash, kind, metric, host, tags)) {
			return handle;
		}
		return null;
	}

	void put(SeriesHandle handle) {
		int slot = handle.rawHash & this.mask;
		if (this.slots.get(slot) != null && this.slots.get(slot ^ 1) == null) {
			slot ^= 1;
		}
		this.slots.set(slot, handle);
	}

}
