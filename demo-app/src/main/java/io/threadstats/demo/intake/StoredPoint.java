package io.threadstats.demo.intake;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One point kept by the intake.
 *
 * @param timestamp the point's time, epoch seconds
 * @param value the point's value; for a distribution point, the mean of its samples
 * @param distribution for a distribution point, the summary of its samples; otherwise
 * {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredPoint(long timestamp, double value, DistributionSummary distribution) {

	/** A gauge, rate or count point. */
	static StoredPoint of(long timestamp, double value) {
		return new StoredPoint(timestamp, value, null);
	}

	/** A distribution point, charted by its mean. */
	static StoredPoint ofSamples(long timestamp, double[] samples) {
		DistributionSummary summary = DistributionSummary.of(samples);
		return new StoredPoint(timestamp, summary.avg(), summary);
	}

}
