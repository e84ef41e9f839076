package io.threadstats.aggregation;

import static io.threadstats.aggregation.Aggregators.epoch;
import static io.threadstats.aggregation.Aggregators.onlyPoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.threadstats.MutableClock;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.ServiceCheck;

/** Bad input: rejected and counted per call, logged once with the rule, thrown when strict. */
@ExtendWith(OutputCaptureExtension.class)
class AggregatorInputTests {

	private static final long NOW = Aggregator.NOW;

	private static final MutableClock clock = MutableClock.at("2026-01-01T10:00:09Z");

	static Stream<Arguments> badCalls() {
		return Stream.of(
				bad("NaN value", RejectReason.INVALID_VALUE, (a) -> a.record(MetricKind.GAUGE, "g", null, Double.NaN, NOW)),
				bad("infinite value", RejectReason.INVALID_VALUE,
						(a) -> a.record(MetricKind.COUNTER, "c", null, Double.POSITIVE_INFINITY, NOW)),
				bad("null set member", RejectReason.INVALID_VALUE, (a) -> a.recordSetMember("s", null, null, NOW)),
				bad("null name", RejectReason.INVALID_NAME, (a) -> a.record(MetricKind.COUNTER, null, null, 1, NOW)),
				bad("blank name", RejectReason.INVALID_NAME, (a) -> a.record(MetricKind.COUNTER, " ", null, 1, NOW)),
				bad("name starting with a digit", RejectReason.INVALID_NAME,
						(a) -> a.record(MetricKind.COUNTER, "9lives", null, 1, NOW)),
				bad("null tag", RejectReason.INVALID_TAG,
						(a) -> a.record(MetricKind.COUNTER, "c", null, 1, NOW, "env:prod", null)),
				bad("tag starting with a digit", RejectReason.INVALID_TAG,
						(a) -> a.record(MetricKind.COUNTER, "c", null, 1, NOW, "1env:prod")),
				bad("timestamp over an hour old", RejectReason.TIMESTAMP_TOO_OLD,
						(a) -> a.record(MetricKind.COUNTER, "c", null, 1, epoch("2026-01-01T09:00:08Z"))),
				bad("timestamp over ten minutes ahead", RejectReason.TIMESTAMP_IN_FUTURE,
						(a) -> a.record(MetricKind.COUNTER, "c", null, 1, epoch("2026-01-01T10:10:10Z"))),
				bad("event without title", RejectReason.INVALID_EVENT, (a) -> a.event(Event.builder(" ", "text").build())),
				bad("event text too long", RejectReason.INVALID_EVENT,
						(a) -> a.event(Event.builder("title", "x".repeat(4001)).build())),
				bad("event aggregation key too long", RejectReason.INVALID_EVENT,
						(a) -> a.event(Event.builder("title", "text").aggregationKey("k".repeat(101)).build())),
				bad("service check without status", RejectReason.INVALID_SERVICE_CHECK,
						(a) -> a.serviceCheck(ServiceCheck.builder("db.up", null).build())));
	}

	private static Arguments bad(String description, RejectReason reason, Consumer<Aggregator> call) {
		return Arguments.of(description, reason, call);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badCalls")
	void badCallIsCountedPerCallLoggedOnceWithTheRuleAndRecordsNothing(String description, RejectReason reason,
			Consumer<Aggregator> call, CapturedOutput output) {
		Aggregator aggregator = Aggregators.withRollUp(10, clock);

		call.accept(aggregator);
		call.accept(aggregator);
		call.accept(aggregator);

		assertThat(aggregator.statistics(0).rejected()).containsOnlyKeys(reason);
		assertThat(aggregator.statistics(0).rejected(reason)).isEqualTo(3);
		assertThat(output.getOut().split("\n")).filteredOn((line) -> line.contains(reason.rule())).hasSize(1);
		assertThat(aggregator.flushAll().isEmpty()).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badCalls")
	void strictModeThrowsTheSameMessage(String description, RejectReason reason, Consumer<Aggregator> call) {
		Aggregator aggregator = new Aggregator(Aggregators.settings(10, clock, 1000, true, null, List.of()));

		assertThatIllegalArgumentException().isThrownBy(() -> call.accept(aggregator))
			.withMessageContaining(reason.rule())
			.withMessageContaining(reason.name());
		assertThatIllegalArgumentException().isThrownBy(() -> call.accept(aggregator));
	}

	@Test
	void messageNamesTheMetricAndTheOffendingInput(CapturedOutput output) {
		Aggregator aggregator = Aggregators.withRollUp(10, clock);

		aggregator.record(MetricKind.COUNTER, "orders", null, 1, epoch("2026-01-01T08:00:00Z"));

		assertThat(output).contains("counter 'orders'").contains("TIMESTAMP_TOO_OLD").contains("7209 s from now");
	}

	@Test
	void timestampsAtTheEdgesOfTheWindowAreKept() {
		Aggregator aggregator = Aggregators.withRollUp(10, clock);
		aggregator.record(MetricKind.COUNTER, "c", null, 1, epoch("2026-01-01T09:00:09Z"));
		aggregator.record(MetricKind.COUNTER, "c", null, 1, epoch("2026-01-01T10:10:09Z"));

		assertThat(aggregator.flushAll().series()).hasSize(2);
		assertThat(aggregator.statistics(0).totalRejected()).isZero();
	}

	@Test
	void invalidCharactersAreReplacedAndTagsLowerCased(CapturedOutput output) {
		Aggregator aggregator = Aggregators.withRollUp(10, clock);

		aggregator.record(MetricKind.COUNTER, "page views!", null, 1, NOW, "Env:Prod Eu");

		FlushSnapshot snapshot = aggregator.flushAll();
		assertThat(onlyPoint(snapshot, "page_views_").tags()).containsExactly("env:prod_eu");
		assertThat(aggregator.statistics(0).totalRejected()).isZero();
		assertThat(output).contains("normalised metric name 'page views!' to 'page_views_'");
	}

	@Test
	void longNamesAndTagsAreTruncatedTo200Characters() {
		Aggregator aggregator = Aggregators.withRollUp(10, clock);

		aggregator.record(MetricKind.COUNTER, "n".repeat(250), null, 1, NOW, "t:" + "v".repeat(300));

		FlushSnapshot snapshot = aggregator.flushAll();
		assertThat(snapshot.series()).singleElement().satisfies((point) -> {
			assertThat(point.metric()).isEqualTo("n".repeat(200));
			assertThat(point.tags()).containsExactly("t:" + "v".repeat(198));
		});
	}

	@Test
	void strictModeThrowsOnNormalisationToo() {
		Aggregator aggregator = new Aggregator(Aggregators.settings(10, clock, 1000, true, null, List.of()));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> aggregator.record(MetricKind.COUNTER, "page views", null, 1, NOW))
			.withMessageContaining("'page_views'");
	}

	@Test
	void eventsAndChecksGetConstantTagsHostAndTimeFilledIn() {
		Aggregator aggregator = new Aggregator(new AggregatorSettings(10, CounterType.RATE, java.util.Set.of(),
				List.of(), 100, false, clock, null, List.of("team:core"), "web-1", null));
		aggregator.event(Event.builder("Deployed", "v2").tags("env:prod").build());
		aggregator.event(Event.builder("Own host", "text").host("web-9").build());
		aggregator.serviceCheck(ServiceCheck.builder("db.up", io.threadstats.snapshot.CheckStatus.OK).build());

		FlushSnapshot snapshot = aggregator.flushAll();

		assertThat(snapshot.events()).extracting(Event::title, Event::host, Event::tags, Event::dateHappened)
			.containsExactly(
					org.assertj.core.api.Assertions.tuple("Deployed", "web-1", List.of("env:prod", "team:core"),
							clock.instant()),
					org.assertj.core.api.Assertions.tuple("Own host", "web-9", List.of("team:core"), clock.instant()));
		assertThat(snapshot.serviceChecks()).singleElement().satisfies((check) -> {
			assertThat(check.host()).isEqualTo("web-1");
			assertThat(check.tags()).containsExactly("team:core");
			assertThat(check.timestamp()).isEqualTo(clock.instant());
		});
		assertThat(aggregator.flushAll().events()).isEmpty();
	}

	@Test
	void eventQueueIsBoundedAndOverflowIsCounted() {
		Aggregator aggregator = Aggregators.withRollUp(10, clock);
		for (int i = 0; i < Aggregator.MAX_QUEUED_NOTICES + 3; i++) {
			aggregator.event(Event.builder("title " + i, "text").build());
		}

		assertThat(aggregator.statistics(0).rejected(RejectReason.QUEUE_FULL)).isEqualTo(3);
		assertThat(aggregator.flushAll().events()).hasSize(Aggregator.MAX_QUEUED_NOTICES);
	}

}
