package io.threadstats.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * One emitted distribution series with its single point: every raw value recorded into
 * one roll-up bucket, sent as is.
 *
 * @param metric the final metric name (namespace applied)
 * @param timestamp the bucket start, epoch seconds
 * @param values the raw values, in the order they were recorded (one thread's values keep
 * their order)
 * @param host the host name to send, or {@code null} for none
 * @param tags the series' tags (sorted, distinct) followed by the constant tags
 */
public record DistributionPoint(String metric, long timestamp, List<Double> values, String host, List<String> tags) {

	public DistributionPoint {
		Objects.requireNonNull(metric, "metric");
		values = (values instanceof DoubleValues) ? values : List.copyOf(values);
		tags = List.copyOf(tags);
	}

	/**
	 * Says that nothing will read this point's values again, so that the engine may fill
	 * their memory with new values: for a {@code Submitter} that has sent (or encoded for
	 * good) a point it was handed, and keeps nothing of it. Optional: values never
	 * released are garbage collected as usual. Only points of an early hand-off of full
	 * chunks come from the engine's pool: reading their values after this (as
	 * {@code equals}, {@code hashCode} and {@code toString} do) throws
	 * {@link IllegalStateException}. Releasing any other point, such as those of a
	 * snapshot {@code ThreadStats.flush()} also returns to its caller, changes nothing.
	 */
	public void releaseValues() {
		if (this.values instanceof DoubleValues reusable) {
			reusable.release();
		}
	}

}
