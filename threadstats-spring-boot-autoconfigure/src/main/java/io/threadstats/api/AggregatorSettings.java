package io.threadstats.api;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How the aggregation engine aggregates and names what it emits. Built (with environment
 * fallbacks applied) by {@code ThreadStatsBuilder}; checks its values itself.
 *
 * @param rollUpSeconds the roll-up interval R in whole seconds (&gt; 0); also every
 * point's interval
 * @param counterType how counters and histogram {@code .count} are emitted
 * @param histogramAggregates which histogram aggregates to emit (emitted in enum order)
 * @param histogramPercentiles which histogram percentiles to emit, each in (0, 1), in
 * this order
 * @param maxSeries the most active series held (&gt; 0)
 * @param strict whether invalid input throws {@link IllegalArgumentException} instead of
 * being logged and counted
 * @param clock the wall clock for "now"
 * @param namespace the metric name prefix, or {@code null}
 * @param constantTags tags appended to every series, event and check (already
 * normalised); one equal to an own tag is not sent twice
 * @param defaultHost the host for events and checks that name none, or {@code null}
 * @param device the device sent with every series, or {@code null}
 * @param distributionValuesPerPoint the most values one distribution point carries (&gt;
 * 0): a series' bucket with more goes out as several points at its timestamp, the full
 * ones early
 * @param setExactMembers the most members a set counts exactly per bucket (&gt; 0);
 * beyond, its count is estimated
 * @param lateDataMaxBytes the most heap kept for merging late points into emitted buckets
 * (&gt;= 0)
 */
public record AggregatorSettings(long rollUpSeconds, CounterType counterType,
		Set<HistogramAggregate> histogramAggregates, List<Double> histogramPercentiles, int maxSeries, boolean strict,
		Clock clock, String namespace, List<String> constantTags, String defaultHost, String device,
		int distributionValuesPerPoint, int setExactMembers, long lateDataMaxBytes) {

	/** Default {@link #distributionValuesPerPoint()}. */
	public static final int DEFAULT_DISTRIBUTION_VALUES_PER_POINT = 10_000;

	/** Default {@link #setExactMembers()}. */
	public static final int DEFAULT_SET_EXACT_MEMBERS = 10_000;

	/** Default {@link #lateDataMaxBytes()}: 16 MiB. */
	public static final long DEFAULT_LATE_DATA_MAX_BYTES = 16L * 1024 * 1024;

	/**
	 * Checks every value against its rule.
	 * @throws InvalidSettingsException listing every value that breaks its rule
	 */
	public AggregatorSettings {
		SettingChecks checks = new SettingChecks().wholeSeconds("roll-up-interval", rollUpSeconds)
			.present("counter-type", counterType, "rate or count")
			.present("histogram.aggregates", histogramAggregates, "any of min, max, count, avg, sum, median, or none")
			.require(
					histogramPercentiles != null
							&& histogramPercentiles.stream().allMatch((p) -> p != null && p > 0 && p < 1),
					"histogram.percentiles", String.valueOf(histogramPercentiles),
					"numbers strictly between 0 and 1 (for example 0.5, 0.95, 0.99), or none")
			.atLeastOne("max-series", maxSeries)
			.atLeastOne("distribution.max-values-per-point", distributionValuesPerPoint)
			.atLeastOne("set.max-exact-members", setExactMembers)
			.bytesZeroOrMore("late-data.max-bytes", lateDataMaxBytes);
		String namespaceProblem = (namespace != null) ? NameRules.namespaceProblem(namespace) : null;
		checks.require(namespaceProblem == null, "namespace", namespace, namespaceProblem).throwIfAny();
		Objects.requireNonNull(clock, "clock");
		histogramAggregates = Set.copyOf(histogramAggregates);
		histogramPercentiles = List.copyOf(histogramPercentiles);
		constantTags = List.copyOf(constantTags);
	}

	/** Settings with the default budgets for distributions, sets and late data. */
	public AggregatorSettings(long rollUpSeconds, CounterType counterType, Set<HistogramAggregate> histogramAggregates,
			List<Double> histogramPercentiles, int maxSeries, boolean strict, Clock clock, String namespace,
			List<String> constantTags, String defaultHost, String device) {
		this(rollUpSeconds, counterType, histogramAggregates, histogramPercentiles, maxSeries, strict, clock, namespace,
				constantTags, defaultHost, device, DEFAULT_DISTRIBUTION_VALUES_PER_POINT, DEFAULT_SET_EXACT_MEMBERS,
				DEFAULT_LATE_DATA_MAX_BYTES);
	}

	/**
	 * Checks a roll-up interval before it is counted in whole seconds: a fraction would
	 * be lost.
	 */
	public static SettingChecks checkRollUp(Duration rollUpInterval, SettingChecks checks) {
		return checks.wholeSeconds("roll-up-interval", rollUpInterval);
	}

	/**
	 * Tags as sent: the given ones, then the constant tags not among them (tags are a
	 * set: a series tag equal to a constant tag is sent once).
	 * @param own the series', event's or check's own tags, normalised and distinct
	 * @return the tags to send
	 */
	public List<String> withConstantTags(List<String> own) {
		if (this.constantTags.isEmpty()) {
			return List.copyOf(own);
		}
		List<String> all = new ArrayList<>(own.size() + this.constantTags.size());
		all.addAll(own);
		for (String tag : this.constantTags) {
			if (!all.contains(tag)) {
				all.add(tag);
			}
		}
		return List.copyOf(all);
	}

	/**
	 * Default settings (the original's) with this roll-up, clock and no host: handy in
	 * tests.
	 */
	public static AggregatorSettings defaults(long rollUpSeconds, Clock clock) {
		return new AggregatorSettings(rollUpSeconds, CounterType.RATE,
				Set.of(HistogramAggregate.MIN, HistogramAggregate.MAX, HistogramAggregate.COUNT,
						HistogramAggregate.AVG),
				List.of(0.75, 0.85, 0.95, 0.99), 100_000, false, clock, null, List.of(), null, null);
	}

}
