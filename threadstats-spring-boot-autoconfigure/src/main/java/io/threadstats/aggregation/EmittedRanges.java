package io.threadstats.aggregation;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which buckets a series may have emitted without anything kept to merge a late point
 * with, so that a late point that could overwrite one in Datadog is counted as
 * late-unmerged even then. Conservative: each series keeps one range, from the first to
 * the last such bucket, of the buckets it emitted while it took no timestamps and of
 * those whose kept aggregate and marker were dropped for the budget; a bucket in the
 * range counts even if the series skipped it. An evicted series leaves its range behind
 * by key, and the next series for the key takes it over at its first emission, for
 * Datadog's hour and within the late-data budget. A range dropped for the budget leaves a
 * watermark: from then on a late point into any bucket up to its last counts, for every
 * series. Flushing thread only.
 */
final class EmittedRanges {

	/** What keeping an evicted series' range costs, about: entry, node, range. */
	static final long RECORD_BYTES = 96;

	/** Ranges of evicted series by key, in the order they were evicted. */
	private final Map<SeriesKey, long[]> evicted = new LinkedHashMap<>();

	/**
	 * Buckets up to this start may have been emitted by series whose range was dropped.
	 */
	private long forgottenUntil = Long.MIN_VALUE;

	/** What the ranges of evicted series held now cost, about. */
	private long bytes;

	/** Adds a bucket the series emitted with nothing kept for it to its range. */
	static void note(Series series, long start) {
		series.untrackedFirst = Math.min(series.untrackedFirst, start);
		series.untrackedLast = Math.max(series.untrackedLast, start);
	}

	/**
	 * Whether the series (or one before it for the same key) may have emitted the bucket
	 * while nothing kept says so.
	 */
	boolean mayHaveEmitted(Series series, long start) {
		if (!series.rangeTakenOver) {
			series.rangeTakenOver = true;
			long[] range = this.evicted.remove(series.key);
			if (range != null) {
				this.bytes -= RECORD_BYTES;
				note(series, range[0]);
				note(series, range[1]);
			}
		}
		return (start >= series.untrackedFirst && start <= series.untrackedLast) || start <= this.forgottenUntil;
	}

	/**
	 * Keeps the range of an evicted series (which the caller has widened by the buckets
	 * it kept).
	 */
	void evict(Series series) {
		if (series.untrackedFirst > series.untrackedLast) {
			return;
		}
		long[] range = this.evicted.get(series.key);
		if (range != null) {
			// a series for the key that never emitted: the earlier range still holds
			range[0] = Math.min(range[0], series.untrackedFirst);
			range[1] = Math.max(range[1], series.untrackedLast);
			return;
		}
		this.evicted.put(series.key, new long[] { series.untrackedFirst, series.untrackedLast });
		this.bytes += RECORD_BYTES;
	}

	/**
	 * Drops the ranges, oldest evicted first, that end at or before {@code tooOld}
	 * (Datadog accepts no point there any more).
	 */
	void dropEndingBy(long tooOld) {
		for (Iterator<long[]> ranges = this.evicted.values().iterator(); ranges.hasNext();) {
			if (ranges.next()[1] > tooOld) {
				break;
			}
			ranges.remove();
			this.bytes -= RECORD_BYTES;
		}
	}

	/**
	 * Drops the oldest evicted range for the budget, raising the watermark to its end;
	 * {@code false} when none is left.
	 */
	boolean dropOldest() {
		Iterator<long[]> ranges = this.evicted.values().iterator();
		if (!ranges.hasNext()) {
			return false;
		}
		this.forgottenUntil = Math.max(this.forgottenUntil, ranges.next()[1]);
		ranges.remove();
		this.bytes -= RECORD_BYTES;
		return true;
	}

	/** What the ranges of evicted series held now cost, about. */
	long bytes() {
		return this.bytes;
	}

}
