package io.threadstats.aggregation;

import java.util.ArrayList;
import java.util.List;

import io.threadstats.MutableClock;
import io.threadstats.api.MetricKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.threadstats.aggregation.Aggregators.onlyPoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Sets count exactly up to their budget and estimate beyond it, within the stated error,
 * dropping no member.
 */
class SetBucketTests {

	private static final int BUDGET = 1000;

	private final MutableClock clock = MutableClock.at("2026-01-01T10:00:05Z");

	@ParameterizedTest(name = "{0} members")
	@ValueSource(ints = { 1, 999, 1000 })
	void upToTheBudgetTheCountIsExact(int distinct) {
		assertThat(countOf(members(distinct, "user-"), 2)).isEqualTo(distinct);
	}

	@ParameterizedTest(name = "{0} members")
	@ValueSource(ints = { 1001, 5_000, 50_000, 300_000, 2_000_000 })
	void beyondTheBudgetTheCountIsWithinThreeStandardErrors(int distinct) {
		double estimate = countOf(members(distinct, "session:"), 3);
		assertThat(estimate).isCloseTo(distinct, within(3 * DistinctCounter.RELATIVE_STANDARD_ERROR * distinct));
	}

	@ParameterizedTest(name = "{0} members")
	@ValueSource(ints = { 20_000, 200_000 })
	void numericMembersOnTwoThreadsAreEstimatedAsWell(int distinct) throws InterruptedException {
		Aggregator aggregator = new Aggregator(Aggregators.budgets(this.clock, 10_000, BUDGET, 0));
		List<Runnable> writers = new ArrayList<>();
		for (int t = 0; t < 2; t++) {
			int first = t;
			writers.add(() -> {
				SeriesHandle ids = aggregator.handle(MetricKind.SET, "ids", null);
				for (int i = first; i < distinct; i += 2) {
					ids.record(i * 7919L, Aggregator.NOW);
					ids.record(i * 7919L, Aggregator.NOW);
				}
			});
		}
		Race.run(writers, () -> Thread.yield());
		double estimate = onlyPoint(aggregator.flushAll(), "ids").value();
		assertThat(estimate).isCloseTo(distinct, within(3 * DistinctCounter.RELATIVE_STANDARD_ERROR * distinct));
		assertThat(aggregator.statistics(0).totalRejected()).isZero();
	}

	private double countOf(List<String> members, int repeats) {
		Aggregator aggregator = new Aggregator(Aggregators.budgets(this.clock, 10_000, BUDGET, 0));
		SeriesHandle set = aggregator.handle(MetricKind.SET, "visitors", null);
		for (int r = 0; r < repeats; r++) {
			for (String member : members) {
				set.recordMember(member, Aggregator.NOW);
			}
		}
		return onlyPoint(aggregator.flushAll(), "visitors").value();
	}

	private static List<String> members(int distinct, String prefix) {
		List<String> members = new ArrayList<>(distinct);
		for (int i = 0; i < distinct; i++) {
			members.add(prefix + i);
		}
		return members;
	}

}
