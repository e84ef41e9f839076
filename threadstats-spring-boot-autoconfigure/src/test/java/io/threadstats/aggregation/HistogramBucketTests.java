package io.threadstats.aggregation;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;

import io.threadstats.MutableClock;
import io.threadstats.api.CounterType;
import io.threadstats.api.HistogramAggregate;
import io.threadstats.api.MetricKind;
import io.threadstats.snapshot.SeriesPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Histograms exact up to 1000 values, within the sketch's stated relative accuracy
 * beyond.
 */
class HistogramBucketTests {

	private static final List<Double> PERCENTILES = List.of(0.01, 0.1, 0.25, 0.5, 0.75, 0.85, 0.9, 0.95, 0.99, 0.999);

	private final MutableClock clock = MutableClock.at("2026-01-01T10:00:05Z");

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "lognormal", "uniform", "normal around zero", "exponential with zeros" })
	void beyondTheExactValuesEveryPercentileIsWithinTheStatedRelativeAccuracy(String distribution) {
		Random random = new Random(42);
		DoubleSupplier source = switch (distribution) {
			case "lognormal" -> () -> Math.exp(random.nextGaussian() * 2 + 3);
			case "uniform" -> () -> random.nextDouble() * 1000;
			case "normal around zero" -> () -> random.nextGaussian() * 100;
			default -> () -> (random.nextInt(10) == 0) ? 0 : -Math.log(random.nextDouble()) * 50;
		};
		double[] values = new double[100_000];
		for (int i = 0; i < values.length; i++) {
			values[i] = source.getAsDouble();
		}

		Map<String, Double> emitted = record(values);

		double[] sorted = values.clone();
		Arrays.sort(sorted);
		for (double p : PERCENTILES) {
			double exact = sorted[(int) HistogramValues.percentileIndex(p, sorted.length)];
			assertThat(emitted.get("h." + Aggregator.percentileSuffix(p))).as("p%s of %s", p, distribution)
				.isCloseTo(exact, within(Math.abs(exact) * QuantileSketch.RELATIVE_ACCURACY + 1e-12));
		}
		assertThat(emitted.get("h.min")).isEqualTo(sorted[0]);
		assertThat(emitted.get("h.max")).isEqualTo(sorted[sorted.length - 1]);
		assertThat(emitted.get("h.count")).isEqualTo((double) values.length);
		double sum = 0;
		for (double value : values) {
			sum += value;
		}
		assertThat(emitted.get("h.avg")).isCloseTo(sum / values.length, within(Math.abs(sum / values.length) * 1e-12));
	}

	@Test
	void upToOneThousandValuesEveryPercentileIsExact() {
		Random random = new Random(7);
		double[] values = new double[HistogramValues.EXACT_VALUES];
		for (int i = 0; i < values.length; i++) {
			values[i] = Math.exp(random.nextGaussian() * 3);
		}

		Map<String, Double> emitted = record(values);

		double[] sorted = values.clone();
		Arrays.sort(sorted);
		double sum = 0;
		for (double value : values) {
			sum += value;
		}
		for (double p : PERCENTILES) {
			assertThat(emitted.get("h." + Aggregator.percentileSuffix(p)))
				.isEqualTo(sorted[(int) HistogramValues.percentileIndex(p, sorted.length)]);
		}
		assertThat(emitted.get("h.avg")).isEqualTo(sum / values.length);
	}

	private Map<String, Double> record(double[] values) {
		Aggregator aggregator = new Aggregator(Aggregators.histogramSettings(10, this.clock, CounterType.COUNT,
				java.util.Set.of(HistogramAggregate.values()), PERCENTILES));
		SeriesHandle handle = aggregator.handle(MetricKind.HISTOGRAM, "h", null);
		for (double value : values) {
			handle.record(value, Aggregator.NOW);
		}
		return aggregator.flushAll()
			.series()
			.stream()
			.collect(Collectors.toMap(SeriesPoint::metric, SeriesPoint::value));
	}

}
