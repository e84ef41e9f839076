package io.threadstats.aggregation;

import java.util.concurrent.TimeUnit;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's own sketches against the well-kept libraries that do the same, for the
 * project's rule "the library where it meets the hot-path targets, measured": the
 * histogram's former {@link RelativeErrorSketch} (the {@code Ours} rows; the engine now
 * uses DDSketch with the cubic mapping and collapsing stores, {@link QuantileSketch},
 * after this measurement) against Datadog's DDSketch (1% relative accuracy: its
 * logarithmic mapping, the same math as ours; its default cubically interpolated mapping;
 * and that with a collapsing dense store of 2048 bins), and the set's
 * {@link DistinctCounter} (HyperLogLog, 2^14 registers) against Apache DataSketches'
 * {@code HllSketch} at lgK 14 (HLL_8, the same 16 KiB of registers, and the default
 * HLL_4).
 *
 * <p>
 * {@code add*}: one latency (log-normal, 1 ms..10 s) into a sketch that already covers
 * their range, as a histogram stripe's sketch does in steady state. {@code update*}: one
 * member string (distinct, cycled over 2^20) into a sketch that has seen them. {@code
 * merge*}: a sketch of 10,000 latencies, or an HLL of 100,000 members, merged into
 * another, as the flush merges stripes and late points. Retained bytes and accuracy are
 * measured by {@link SketchFootprint}. In the package of the engine's sketches, which are
 * not public.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class SketchLibraryBenchmark {

	private static final double ACCURACY = 0.01;

	private static final int BINS = 2048;

	private static final int LG_K = 14;

	private static final int MEMBER_MASK = (1 << 20) - 1;

	private static final int MERGED_VALUES = 10_000;

	private static final int MERGED_MEMBERS = 100_000;

	private final double[] latencies = SketchData.latencies(SketchData.LATENCY_COUNT, 42);

	private final String[] members = new String[MEMBER_MASK + 1];

	private int next;

	private RelativeErrorSketch ours;

	private DDSketch ddLogarithmic;

	private DDSketch ddCubic;

	private DDSketch ddCubicCollapsing;

	private DistinctCounter oursDistinct;

	private HllSketch hll8;

	private HllSketch hll4;

	private RelativeErrorSketch oursOther;

	private DDSketch ddLogarithmicOther;

	private DDSketch ddCubicOther;

	private DDSketch ddCubicCollapsingOther;

	private DistinctCounter oursDistinctOther;

	private HllSketch hll8Other;

	private Union hllUnion;

	/** Fills every sketch with the whole range, and the sketches merged per call. */
	@Setup(Level.Trial)
	public void fill() {
		for (int i = 0; i < this.members.length; i++) {
			this.members[i] = SketchData.member(7, i);
		}
		this.ours = new RelativeErrorSketch();
		this.ddLogarithmic = DDSketches.logarithmicUnboundedDense(ACCURACY);
		this.ddCubic = DDSketches.unboundedDense(ACCURACY);
		this.ddCubicCollapsing = DDSketches.collapsingLowestDense(ACCURACY, BINS);
		for (double latency : this.latencies) {
			this.ours.add(latency);
			this.ddLogarithmic.accept(latency);
			this.ddCubic.accept(latency);
			this.ddCubicCollapsing.accept(latency);
		}
		this.oursDistinct = new DistinctCounter();
		this.hll8 = new HllSketch(LG_K, TgtHllType.HLL_8);
		this.hll4 = new HllSketch(LG_K, TgtHllType.HLL_4);
		for (String member : this.members) {
			this.oursDistinct.add(member);
			this.hll8.update(member);
			this.hll4.update(member);
		}
		double[] others = SketchData.latencies(MERGED_VALUES, 43);
		this.oursOther = new RelativeErrorSketch();
		this.ddLogarithmicOther = DDSketches.logarithmicUnboundedDense(ACCURACY);
		this.ddCubicOther = DDSketches.unboundedDense(ACCURACY);
		this.ddCubicCollapsingOther = DDSketches.collapsingLowestDense(ACCURACY, BINS);
		for (double latency : others) {
			this.oursOther.add(latency);
			this.ddLogarithmicOther.accept(latency);
			this.ddCubicOther.accept(latency);
			this.ddCubicCollapsingOther.accept(latency);
		}
		this.oursDistinctOther = new DistinctCounter();
		this.hll8Other = new HllSketch(LG_K, TgtHllType.HLL_8);
		for (int i = 0; i < MERGED_MEMBERS; i++) {
			String member = SketchData.member(8, i);
			this.oursDistinctOther.add(member);
			this.hll8Other.update(member);
		}
		this.hllUnion = new Union(LG_K);
		this.hllUnion.update(this.hll8);
	}

	private double nextLatency() {
		return this.latencies[this.next++ & (SketchData.LATENCY_COUNT - 1)];
	}

	private String nextMember() {
		return this.members[this.next++ & MEMBER_MASK];
	}

	/** The engine's former sketch: one latency into {@link RelativeErrorSketch}. */
	@Benchmark
	public void addOurs() {
		this.ours.add(nextLatency());
	}

	/** DDSketch, logarithmic mapping, unbounded dense store. */
	@Benchmark
	public void addDdSketchLogarithmic() {
		this.ddLogarithmic.accept(nextLatency());
	}

	/** DDSketch, cubically interpolated mapping, unbounded dense store (its default). */
	@Benchmark
	public void addDdSketchCubic() {
		this.ddCubic.accept(nextLatency());
	}

	/** DDSketch, cubically interpolated mapping, collapsing lowest dense store. */
	@Benchmark
	public void addDdSketchCubicCollapsing() {
		this.ddCubicCollapsing.accept(nextLatency());
	}

	/** Ours: a 10,000-value sketch merged into another. */
	@Benchmark
	public void mergeOurs() {
		this.ours.merge(this.oursOther);
	}

	@Benchmark
	public void mergeDdSketchLogarithmic() {
		this.ddLogarithmic.mergeWith(this.ddLogarithmicOther);
	}

	@Benchmark
	public void mergeDdSketchCubic() {
		this.ddCubic.mergeWith(this.ddCubicOther);
	}

	@Benchmark
	public void mergeDdSketchCubicCollapsing() {
		this.ddCubicCollapsing.mergeWith(this.ddCubicCollapsingOther);
	}

	/** Ours: one member into {@link DistinctCounter}. */
	@Benchmark
	public void updateOursDistinct() {
		this.oursDistinct.add(nextMember());
	}

	/** DataSketches {@code HllSketch}, lgK 14, HLL_8 (16 KiB of registers, as ours). */
	@Benchmark
	public void updateHll8() {
		this.hll8.update(nextMember());
	}

	/** DataSketches {@code HllSketch}, lgK 14, HLL_4 (its default: 8 KiB and more). */
	@Benchmark
	public void updateHll4() {
		this.hll4.update(nextMember());
	}

	/** Ours: an HLL of 100,000 members merged into another. */
	@Benchmark
	public void mergeOursDistinct() {
		this.oursDistinct.merge(this.oursDistinctOther);
	}

	/** DataSketches: an HLL_8 of 100,000 members into a {@code Union}. */
	@Benchmark
	public void mergeHllUnion() {
		this.hllUnion.update(this.hll8Other);
	}

}
