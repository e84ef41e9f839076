package io.threadstats.aggregation;

import java.util.Arrays;

import io.threadstats.api.MetricKind;
import io.threadstats.api.RejectReason;

/**
 * A metric name, host and tags resolved once: validated and normalised (its kind is
 * checked against the name's when it needs a series, see {@link Aggregator#liveSeries}).
 * Its {@link #record} goes straight to the series' current bucket (one atomic operation,
 * no allocation). Both pre-resolved handles and the by-name lookup cache use it.
 *
 * <p>
 * Survives eviction: when its series was evicted for idleness, the next record resolves
 * the key again and continues in the one live series for it. A handle for rejected input
 * (an invalid name or tag) counts every call under that reason.
 *
 * <p>
 * The public pre-resolved handles ({@code Counter}, {@code ValueRecorder}) extend it
 * through {@link #SeriesHandle(SeriesHandle)}, so that their calls reach the series with
 * no object in between.
 */
public class SeriesHandle {

	private final Aggregator aggregator;

	/** The aggregator's, for the closed check of the slow path. */
	private final CloseGate gate;

	/** The engine's now, read directly on the fast path. */
	private final SecondSource now;

	private final long rollUpSeconds;

	final MetricKind kind;

	/** The metric name as given: for messages. */
	final String metric;

	/** The resolved key, or {@code null} when rejected. */
	final SeriesKey key;

	private final RejectReason rejection;

	// the input as given, to match by-name calls without normalising them again
	final String rawHost;

	private final String[] rawTags;

	final int rawHash;

	private volatile Series series;

	/**
	 * Per-call reasons (bits by ordinal) already logged through this handle: spares
	 * building messages.
	 */
	private volatile int warned;

	SeriesHandle(Aggregator aggregator, MetricKind kind, String metric, String host, String[] tags, int rawHash,
			SeriesKey key, RejectReason rejection) {
		this.aggregator = aggregator;
		this.gate = aggregator.gate;
		this.now = aggregator.clock.source();
		this.rollUpSeconds = aggregator.clock.rollUpSeconds();
		this.kind = kind;
		this.metric = metric;
		this.rawHost = host;
		this.rawTags = tags;
		this.rawHash = rawHash;
		this.key = key;
		this.rejection = rejection;
	}

	/**
	 * A handle for the same input as {@code resolved}, resolved once already: shares its
	 * key (or its rejection) and finds the same live series.
	 * @param resolved a handle from {@link Aggregator#handle}
	 */
	protected SeriesHandle(SeriesHandle resolved) {
		this(resolved.aggregator, resolved.kind, resolved.metric, resolved.rawHost, resolved.rawTags, resolved.rawHash,
				resolved.key, resolved.rejection);
		this.series = resolved.series;
	}

	/**
	 * Records a value.
	 * @param value the value (finite)
	 * @param epochSecond the point's time, or {@link Aggregator#NOW}
	 */
	public final void record(double value, long epochSecond) {
		record(value, 1.0, epochSecond);
	}

	/**
	 * Records a value kept by sampling, which stands for {@code weight} calls: counters
	 * add {@code value * weight}, histograms count it {@code weight} times in their
	 * totals, other kinds take it as one value (see {@link Bucket#add(double, double)}; a
	 * weight of 1 is a plain value).
	 *
	 * <p>
	 * The fast path, for a point whose time falls in its series' current bucket (a
	 * timestamped one also inside Datadog's window), reads the handle's series, the
	 * series' current bucket and the ticking second, and adds: no division, no clock
	 * object. Everything else goes {@link #recordSlowly slowly}, and so do calls of a
	 * handle that has no series (rejected input, or not resolved yet). There is no closed
	 * check here: {@link Aggregator#close()} shuts its gate and then closes every bucket,
	 * so a write that gets into a bucket before that is in the last flush, and every
	 * later write finds its bucket closed and is counted on the slow path.
	 * @param value the value (finite)
	 * @param weight {@code 1 / sample rate}
	 * @param epochSecond the point's time, or {@link Aggregator#NOW}
	 */
	public final void record(double value, double weight, long epochSecond) {
		Series target = this.series;
		if (target != null) {
			Bucket bucket = target.current();
			if (bucket != null && fallsIn(bucket, target, epochSecond) && Double.isFinite(value)
					&& addTo(bucket, value, weight) == Bucket.ADDED) {
				return;
			}
		}
		recordSlowly(value, weight, epochSecond);
	}

	/**
	 * Whether a point at {@code epochSecond} belongs in {@code bucket} and may be added
	 * to it on the fast path.
	 */
	private boolean fallsIn(Bucket bucket, Series target, long epochSecond) {
		long now = this.now.nowSecond();
		if (epochSecond == Aggregator.NOW) {
			return BucketClock.inBucket(now, bucket.start, this.rollUpSeconds);
		}
		target.takeTimestamps();
		return BucketClock.inBucket(epochSecond, bucket.start, this.rollUpSeconds)
				&& BucketClock.accepts(epochSecond, now);
	}

	/**
	 * {@link Bucket#add(double, double)}, with the kinds that cost a few nanoseconds
	 * tested by type first: an application that records several kinds makes one call site
	 * for all of them megamorphic (a table call, about 2 ns measured), where a type test
	 * against a final class costs a compare.
	 */
	private static int addTo(Bucket bucket, double value, double weight) {
		if (bucket instanceof CounterBucket counter) {
			return counter.add(value, weight);
		}
		if (bucket instanceof GaugeBucket gauge) {
			return gauge.add(value, weight);
		}
		if (bucket instanceof HistogramBucket histogram) {
			return histogram.add(value, weight);
		}
		return bucket.add(value, weight);
	}

	private void recordSlowly(double value, double weight, long epochSecond) {
		long start = acceptedStart(value, epochSecond);
		if (start == BucketClock.TOO_OLD || start == BucketClock.IN_FUTURE) {
			return;
		}
		Series target = this.series;
		if (target != null && epochSecond != Aggregator.NOW) {
			target.takeTimestamps();
		}
		addSlowly(target, start, value, weight, null, epochSecond);
	}

	/**
	 * The bucket start for a value, or a {@link BucketClock} rejection when the call is
	 * dropped (counted).
	 */
	private long acceptedStart(double value, long epochSecond) {
		if (this.rejection != null) {
			this.aggregator.problems.count(this.rejection, 1);
			return BucketClock.TOO_OLD;
		}
		if (!Double.isFinite(value)) {
			rejectCall(RejectReason.INVALID_VALUE, value, epochSecond);
			return BucketClock.TOO_OLD;
		}
		return bucketStart(value, epochSecond);
	}

	/**
	 * Records a set member (the same fast path as {@link #record(double, double, long)}).
	 * @param member the member
	 * @param epochSecond the point's time, or {@link Aggregator#NOW}
	 */
	public final void recordMember(String member, long epochSecond) {
		Series target = this.series;
		if (target != null && member != null) {
			Bucket bucket = target.current();
			if (bucket != null && fallsIn(bucket, target, epochSecond) && bucket.addMember(member) == Bucket.ADDED) {
				return;
			}
		}
		recordMemberSlowly(member, epochSecond);
	}

	private void recordMemberSlowly(String member, long epochSecond) {
		if (this.rejection != null) {
			this.aggregator.problems.count(this.rejection, 1);
			return;
		}
		if (member == null) {
			rejectCall(RejectReason.INVALID_VALUE, Double.NaN, epochSecond);
			return;
		}
		long start = bucketStart(0, epochSecond);
		if (start == BucketClock.TOO_OLD || start == BucketClock.IN_FUTURE) {
			return;
		}
		Series target = this.series;
		if (target != null && epochSecond != Aggregator.NOW) {
			target.takeTimestamps();
		}
		addSlowly(target, start, 0, 1.0, member, epochSecond);
	}

	/**
	 * Everything but the fast path: resolving the series, opening a bucket, points with
	 * their own timestamp. An untimestamped point reads now again first and after every
	 * closed bucket it meets (see {@link #nowAgain()}); a timestamped one keeps its
	 * bucket and opens it afresh when a flush closed it (emitted at the next flush, as
	 * the original does).
	 */
	private void addSlowly(Series target, long start, double value, double weight, String member, long epochSecond) {
		boolean now = epochSecond == Aggregator.NOW;
		if (target == null) {
			target = liveSeries(now);
			if (target == null) {
				return;
			}
		}
		if (now) {
			start = nowAgain();
		}
		// an untimestamped point reopens a closed bucket only if now is still in it
		// (after flushAll)
		boolean reopenClosed = !now;
		for (;;) {
			int result = target.add(start, value, weight, member, reopenClosed);
			switch (result) {
				case Bucket.ADDED:
					return;
				case Series.INSTANCE_CLOSED:
					rejectCall(RejectReason.CLOSED, value, epochSecond);
					return;
				case Series.RETIRED_SERIES:
					target = liveSeries(now);
					if (target == null) {
						return;
					}
					break;
				default: // Bucket.CLOSED, untimestamped only
					long again = nowAgain();
					reopenClosed = again == start;
					start = again;
			}
		}
	}

	/**
	 * Now read again: a flush may have closed the bucket of the first read, and a call
	 * that runs now must not reopen an emitted bucket.
	 */
	private long nowAgain() {
		return this.aggregator.clock.currentBucketStart();
	}

	/**
	 * The bucket start for the call, or a {@link BucketClock} rejection (already
	 * reported).
	 */
	private long bucketStart(double value, long epochSecond) {
		if (this.gate.isClosed()) {
			rejectCall(RejectReason.CLOSED, value, epochSecond);
			return BucketClock.TOO_OLD;
		}
		if (epochSecond == Aggregator.NOW) {
			return this.aggregator.clock.currentBucketStart();
		}
		long start = this.aggregator.clock.checkedBucketStart(epochSecond);
		if (start == BucketClock.TOO_OLD) {
			rejectCall(RejectReason.TIMESTAMP_TOO_OLD, value, epochSecond);
		}
		else if (start == BucketClock.IN_FUTURE) {
			rejectCall(RejectReason.TIMESTAMP_IN_FUTURE, value, epochSecond);
		}
		return start;
	}

	private Series liveSeries(boolean now) {
		Series live = this.aggregator.liveSeries(this);
		this.series = live;
		if (live != null && !now) {
			live.takeTimestamps();
		}
		return live;
	}

	private void rejectCall(RejectReason reason, double value, long epochSecond) {
		if (!countIfWarned(reason)) {
			this.aggregator.problems.reject(reason, subject(), detail(reason, value, epochSecond));
		}
	}

	/**
	 * Counts a dropped call if this handle already reported its problem (unless strict,
	 * where every call throws); otherwise returns {@code false} and the caller reports
	 * it, which counts it.
	 */
	boolean countIfWarned(RejectReason reason) {
		int bit = 1 << reason.ordinal();
		Problems problems = this.aggregator.problems;
		if ((this.warned & bit) != 0 && !problems.strict()) {
			problems.count(reason, 1);
			return true;
		}
		this.warned |= bit;
		return false;
	}

	private String detail(RejectReason reason, double value, long epochSecond) {
		return switch (reason) {
			case INVALID_VALUE -> Double.isNaN(value) ? "value was NaN or null" : "value was " + value;
			case TIMESTAMP_TOO_OLD, TIMESTAMP_IN_FUTURE -> "timestamp " + epochSecond + " is "
					+ Math.abs(this.aggregator.clock.nowSecond() - epochSecond) + " s from now";
			default -> null;
		};
	}

	String subject() {
		return Aggregator.subject(this.kind, this.metric);
	}

	boolean matches(int hash, MetricKind kind, String metric, String host, String[] tags) {
		return this.rawHash == hash && this.kind == kind && same(this.metric, metric) && same(this.rawHost, host)
				&& sameTags(tags);
	}

	private boolean sameTags(String[] tags) {
		String[] own = this.rawTags;
		int length = (tags != null) ? tags.length : 0;
		if (own.length != length) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (!same(own[i], tags[i])) {
				return false;
			}
		}
		return true;
	}

	private static boolean same(String a, String b) {
		return a == b || (a != null && a.equals(b));
	}

	@Override
	public final String toString() {
		return "SeriesHandle[" + subject() + ", host=" + this.rawHost + ", tags=" + Arrays.toString(this.rawTags)
				+ ((this.rejection != null) ? ", rejected " + this.rejection : "") + "]";
	}

}
