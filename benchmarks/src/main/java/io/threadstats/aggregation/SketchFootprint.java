package io.threadstats.aggregation;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

/**
 * What {@link SketchLibraryBenchmark} cannot time: the heap one sketch retains and how
 * accurate it is, for the engine's own sketches and the libraries'. Heap: used heap after
 * full GCs before and after building 200 sketches of the same data, divided by 200.
 * Quantiles: 100,000 log-normal latencies (1 ms..10 s), the largest relative error of
 * p50, p75, p95 and p99 against the exact values at each sketch's own rank rule. Distinct
 * counts: root mean square relative error of 30 runs at 1,000 to 1,000,000 distinct
 * members. Run:
 * {@code java -cp benchmarks.jar io.threadstats.aggregation.SketchFootprint} (with
 * {@code -Xmx2g}).
 */
public final class SketchFootprint {

	private static final int SKETCHES = 200;

	private static final int VALUES = 100_000;

	private static final double[] QUANTILES = { 0.5, 0.75, 0.95, 0.99 };

	private SketchFootprint() {
	}

	public static void main(String[] args) throws InterruptedException {
		double[] latencies = SketchData.latencies(VALUES, 42);
		System.out.printf(Locale.ROOT, "quantile sketches, %,d log-normal latencies (1 ms..10 s), 1%% accuracy%n",
				VALUES);
		quantiles("ours (RelativeErrorSketch)", latencies, () -> {
			RelativeErrorSketch sketch = new RelativeErrorSketch();
			return new Quantiles() {
				@Override
				public void add(double value) {
					sketch.add(value);
				}

				@Override
				public double at(double p, long count) {
					return sketch.valueAtRank(HistogramValues.percentileIndex(p, count));
				}

				@Override
				public long rank(double p, long count) {
					return HistogramValues.percentileIndex(p, count);
				}
			};
		});
		quantiles("DDSketch logarithmic, unbounded dense", latencies,
				() -> ddSketch(DDSketches.logarithmicUnboundedDense(0.01)));
		quantiles("DDSketch cubic, unbounded dense", latencies, () -> ddSketch(DDSketches.unboundedDense(0.01)));
		quantiles("DDSketch cubic, collapsing lowest 2048", latencies,
				() -> ddSketch(DDSketches.collapsingLowestDense(0.01, 2048)));

		System.out.printf(Locale.ROOT, "%ndistinct counters, 2^14 registers%n");
		distinct("ours (DistinctCounter)", () -> {
			DistinctCounter counter = new DistinctCounter();
			return new Distinct() {
				@Override
				public void add(String member) {
					counter.add(member);
				}

				@Override
				public double estimate() {
					return counter.estimate();
				}
			};
		});
		distinct("DataSketches HllSketch HLL_8", () -> hll(TgtHllType.HLL_8));
		distinct("DataSketches HllSketch HLL_4", () -> hll(TgtHllType.HLL_4));
	}

	private static Quantiles ddSketch(DDSketch sketch) {
		return new Quantiles() {
			@Override
			public void add(double value) {
				sketch.accept(value);
			}

			@Override
			public double at(double p, long count) {
				return sketch.getValueAtQuantile(p);
			}

			@Override
			public long rank(double p, long count) {
				// DDSketch's rank rule: floor(p * (count - 1))
				return (long) Math.floor(p * (count - 1));
			}
		};
	}

	private static Distinct hll(TgtHllType type) {
		HllSketch sketch = new HllSketch(14, type);
		return new Distinct() {
			@Override
			public void add(String member) {
				sketch.update(member);
			}

			@Override
			public double estimate() {
				return sketch.getEstimate();
			}
		};
	}

	private static void quantiles(String name, double[] values, Supplier<Quantiles> factory)
			throws InterruptedException {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		Quantiles one = factory.get();
		for (double value : values) {
			one.add(value);
		}
		double worst = 0;
		for (double p : QUANTILES) {
			double exact = sorted[(int) one.rank(p, values.length)];
			worst = Math.max(worst, Math.abs(one.at(p, values.length) - exact) / exact);
		}
		long bytes = retained(() -> {
			Quantiles sketch = factory.get();
			for (double value : values) {
				sketch.add(value);
			}
			return sketch;
		});
		System.out.printf(Locale.ROOT, "  %-42s %,8d B retained   max relative error %.4f%%%n", name, bytes,
				100 * worst);
	}

	private static void distinct(String name, Supplier<Distinct> factory) throws InterruptedException {
		StringBuilder errors = new StringBuilder();
		for (int distinct : new int[] { 1_000, 10_000, 100_000, 1_000_000 }) {
			double squares = 0;
			int runs = 30;
			for (int run = 0; run < runs; run++) {
				Distinct counter = factory.get();
				for (int i = 0; i < distinct; i++) {
					counter.add(SketchData.member(1000 + run, i));
				}
				double error = (counter.estimate() - distinct) / distinct;
				squares += error * error;
			}
			errors.append(String.format(Locale.ROOT, "  %,d: %.3f%%", distinct, 100 * Math.sqrt(squares / runs)));
		}
		long bytes = retained(() -> {
			Distinct counter = factory.get();
			for (int i = 0; i < 100_000; i++) {
				counter.add(SketchData.member(3, i));
			}
			return counter;
		});
		System.out.printf(Locale.ROOT, "  %-42s %,8d B retained   RMS relative error%s%n", name, bytes, errors);
	}

	/** Heap retained per object built, over {@value #SKETCHES} objects. */
	private static long retained(Supplier<Object> build) throws InterruptedException {
		List<Object> kept = new ArrayList<>(SKETCHES);
		long before = usedHeapAfterGc();
		for (int i = 0; i < SKETCHES; i++) {
			kept.add(build.get());
		}
		long after = usedHeapAfterGc();
		java.lang.ref.Reference.reachabilityFence(kept);
		return (after - before) / SKETCHES;
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(50);
			used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return used;
	}

	private interface Quantiles {

		void add(double value);

		double at(double p, long count);

		long rank(double p, long count);

	}

	private interface Distinct {

		void add(String member);

		double estimate();

	}

}
