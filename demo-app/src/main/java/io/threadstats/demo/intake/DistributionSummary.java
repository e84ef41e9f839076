package io.threadstats.demo.intake;

import java.util.Arrays;

/**
 * What the page shows of one distribution point: a summary of its samples.
 *
 * @param count how many samples the point held
 * @param min the smallest sample
 * @param max the largest sample
 * @param sum the sum of the samples
 * @param avg the mean of the samples
 * @param median the 50th percentile (nearest rank)
 * @param p95 the 95th percentile (nearest rank)
 */
public record DistributionSummary(int count, double min, double max, double sum, double avg, double median,
		double p95) {

	/** Summarises a non-empty array of samples. */
	static DistributionSummary of(double[] samples) {
		double[] sorted = samples.clone();
		Arrays.sort(sorted);
		double sum = 0;
		for (double sample : sorted) {
			sum += sample;
		}
		return new DistributionSummary(sorted.length, sorted[0], sorted[sorted.length - 1], sum, sum / sorted.length,
				nearestRank(sorted, 0.50), nearestRank(sorted, 0.95));
	}

	private static double nearestRank(double[] sorted, double quantile) {
		int rank = (int) Math.ceil(quantile * sorted.length);
		return sorted[Math.max(rank, 1) - 1];
	}

}
