package io.threadstats.aggregation;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.threadstats.MutableClock;
import io.threadstats.api.AggregatorSettings;
import io.threadstats.api.CounterType;
import io.threadstats.api.Limits;
import io.threadstats.api.MetricKind;
import io.threadstats.api.NameRules;
import io.threadstats.api.Normalization;
import io.threadstats.api.RecordingStatistics;
import io.threadstats.api.RejectReason;
import io.threadstats.snapshot.CheckStatus;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.ServiceCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.threadstats.aggregation.Aggregators.epoch;
import static io.threadstats.aggregation.Aggregators.onlyPoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Bad input: rejected and counted per call, logged once with the rule, thrown when
 * strict.
 */
@ExtendWith(OutputCaptureExtension.class)
class AggregatorInputTests {

	private static final long NOW = Aggregator.NOW;

	private static final MutableClock clock = MutableClock.at("2026-01-01T10:00:09Z");

	static Stream<Arguments> badCalls() {
		return Stream.of(
				bad("NaN value", RejectReason.INVALID_VALUE,
						(a) -> a.record(MetricKind.GAUGE, "g", null, Double.NaN, NOW)),
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
				bad("event without title", RejectReason.INVALID_EVENT,
						(a) -> a.event(Event.builder(" ", "text").build())),
				bad("event without text", RejectReason.INVALID_EVENT,
						(a) -> a.event(Event.builder("title", null).build())),
				bad("event with a null tag", RejectReason.INVALID_TAG,
						(a) -> a.event(Event.builder("title", "text").tags("a:1", null).build())),
				bad("event tag starting with a digit", RejectReason.INVALID_TAG,
						(a) -> a.event(Event.builder("title", "text").tags("1a").build())),
				bad("service check without status", RejectReason.INVALID_SERVICE_CHECK,
						(a) -> a.serviceCheck(ServiceCheck.builder("db.up", null).build())),
				bad("service check with a null tag", RejectReason.INVALID_TAG, (a) -> a
					.serviceCheck(ServiceCheck.builder("db.up", CheckStatus.OK).tags((String) null).build())));
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
	void invalidCharactersAreReplacedAndTagsLowerCasedCountedByRule(CapturedOutput output) {
		Aggregator aggregator = Aggregators.withRollUp(10, clock);

		aggregator.record(MetricKind.COUNTER, "page views!", null, 1, NOW, "Env:Prod Eu", "Region:eu");

		FlushSnapshot snapshot = aggregator.flushAll();
		assertThat(onlyPoint(snapshot, "page_views_").tags()).containsExactly("env:prod_eu", "region:eu");
		RecordingStatistics statistics = aggregator.statistics(0);
		assertThat(statistics.totalRejected()).isZero();
		assertThat(statistics.normalized()).containsOnly(entry(Normalization.NAME_CHARACTERS, 1L),
				entry(Normalization.TAG_CASE, 2L), entry(Normalization.TAG_CHARACTERS, 1L));
		assertThat(output)
			.contains("normalised metric name 'page views!' to 'page_views_': " + Normalization.NAME_CHARACTERS.rule());
		assertThat(output).contains("normalised tag 'Env:Prod Eu' of counter 'page views!' to 'env:prod_eu': "
				+ Normalization.TAG_CASE.rule() + "; " + Normalization.TAG_CHARACTERS.rule());
	}

	@Test
	void longNamesAndTagsAreTruncatedTo200CharactersLoggedOnceAndCounted(CapturedOutput output) {
		Aggregator aggregator = Aggregators.withRollUp(10, clock);
		String name = "n".repeat(250);
		String tag = "t:" + "v".repeat(300);

		SeriesHandle handle = aggregator.handle(MetricKind.COUNTER, name, null, tag);
		handle.record(1, NOW);
		handle.record(1, NOW);

		FlushSnapshot snapshot = aggregator.flushAll();
		assertThat(snapshot.series()).singleElement().satisfies((point) -> {
			assertThat(point.metric()).isEqualTo("n".repeat(200));
			assertThat(point.tags()).containsExactly("t:" + "v".repeat(198));
		});
		// counted where the input is resolved: once for the handle, not per call
		assertThat(aggregator.statistics(0).normalized()).containsOnly(entry(Normalization.NAME_OR_TAG_LENGTH, 2L));
		assertThat(output.getOut().split("\n"))
			.filteredOn((line) -> line.contains(Normalization.NAME_OR_TAG_LENGTH.rule()))
			.hasSize(2)
			.anySatisfy((line) -> assertThat(line).contains("normalised metric name 'nnn").contains("to 'nnn"))
			.anySatisfy((line) -> assertThat(line).contains("normalised tag 't:vvv").contains("of counter 'nnn"));
	}

	@Test
	void aHugeNameOrTagIsQuotedCutInLogLinesSoOneCallCannotFloodTheLog(CapturedOutput output) {
		Aggregator aggregator = Aggregators.withRollUp(10, clock);
		String name = "n".repeat(100_000);
		String tag = "T:" + "v".repeat(100_000);

		aggregator.record(MetricKind.COUNTER, name, null, 1, NOW, tag);
		aggregator.record(MetricKind.GAUGE, "ok", null, 1, NOW, "1" + "x".repeat(100_000));

		List<String> lines = Arrays.stream(output.getOut().split("\n"))
			.filter((line) -> line.contains("threadstats"))
			.toList();
		assertThat(lines).hasSizeGreaterThanOrEqualTo(3)
			.allSatisfy((line) -> assertThat(line).hasSizeLessThan(2_000))
			.anySatisfy((line) -> assertThat(line).contains("normalised tag 'T:vvv").contains("...'"))
			.anySatisfy((line) -> assertThat(line).contains("tag '1xxx").contains("...'"));
	}

	@Test
	void aKindConflictIsCountedPerCallAndLoggedOnceNamingTheKindThatHoldsTheName(CapturedOutput output) {
		Aggregator aggregator = Aggregators.withRollUp(10, clock);
		aggregator.record(MetricKind.COUNTER, "jobs", null, 1, NOW);

		aggregator.record(MetricKind.GAUGE, "jobs", null, 9, NOW);
		aggregator.record(MetricKind.GAUGE, "jobs", null, 9, NOW);
		aggregator.record(MetricKind.GAUGE, "jobs", null, 9, NOW, "other:tags");

		assertThat(aggregator.statistics(0).rejected()).containsOnly(entry(RejectReason.KIND_CONFLICT, 3L));
		assertThat(output.getOut().split("\n")).filteredOn((line) -> line.contains(RejectReason.KIND_CONFLICT.rule()))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains("gauge 'jobs'").contains("'jobs' is a counter"));
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
	void eventAndCheckTagsAreNormalisedLikeSeriesTagsAndSentOnceWithTheConstantTags(CapturedOutput output) {
		Aggregator aggregator = new Aggregator(new AggregatorSettings(10, CounterType.RATE, java.util.Set.of(),
				List.of(), 100, false, clock, null, List.of("env:prod", "team:core"), "web-1", null));

		aggregator.event(Event.builder("Deployed", "v2").tags("Version:2", "env:prod", "version:2", "b/c d").build());
		aggregator.serviceCheck(ServiceCheck.builder("db.up", CheckStatus.OK).tags("Team:Core", "db:main").build());

		FlushSnapshot snapshot = aggregator.flushAll();
		assertThat(snapshot.events()).singleElement()
			.satisfies(
					(event) -> assertThat(event.tags()).containsExactly("b/c_d", "env:prod", "version:2", "team:core"));
		assertThat(snapshot.serviceChecks()).singleElement()
			.satisfies((check) -> assertThat(check.tags()).containsExactly("db:main", "team:core", "env:prod"));
		assertThat(aggregator.statistics(0).normalized()).containsOnly(entry(Normalization.TAG_CASE, 2L),
				entry(Normalization.TAG_CHARACTERS, 1L));
		assertThat(output).contains("normalised tag 'Version:2' of event 'Deployed' to 'version:2'")
			.contains("normalised tag 'Team:Core' of service check 'db.up' to 'team:core'");
	}

	@Test
	void overLongEventTextsAndCheckMessagesAreCutCountedAndLoggedOnce(CapturedOutput output) {
		Aggregator aggregator = Aggregators.withRollUp(10, clock);
		String surrogatePair = "\uD83D\uDE00";

		for (int i = 0; i < 2; i++) {
			aggregator.event(Event.builder("t".repeat(3999) + surrogatePair, "x".repeat(5000))
				.aggregationKey("k".repeat(150))
				.build());
		}
		aggregator.serviceCheck(ServiceCheck.builder("db.up", CheckStatus.CRITICAL).message("m".repeat(4001)).build());

		FlushSnapshot snapshot = aggregator.flushAll();
		assertThat(snapshot.events()).hasSize(2).allSatisfy((event) -> {
			assertThat(event.title()).isEqualTo("t".repeat(3999));
			assertThat(event.text()).isEqualTo("x".repeat(NameRules.MAX_TEXT_LENGTH));
			assertThat(event.aggregationKey()).isEqualTo("k".repeat(NameRules.MAX_AGGREGATION_KEY_LENGTH));
		});
		assertThat(snapshot.serviceChecks()).singleElement()
			.satisfies((check) -> assertThat(check.message()).hasSize(NameRules.MAX_TEXT_LENGTH));
		RecordingStatistics statistics = aggregator.statistics(0);
		assertThat(statistics.totalRejected()).isZero();
		assertThat(statistics.normalized()).containsOnly(entry(Normalization.TEXT_LENGTH, 5L),
				entry(Normalization.AGGREGATION_KEY_LENGTH, 2L));
		assertThat(output.getOut().split("\n")).filteredOn((line) -> line.contains("normalised text of event"))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains("(5000 characters)")
				.contains(Normalization.TEXT_LENGTH.rule())
				.hasSizeLessThan(1000));
	}

	@Test
	void strictModeThrowsOnAnOverLongEventText() {
		Aggregator aggregator = new Aggregator(Aggregators.settings(10, clock, 1000, true, null, List.of()));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> aggregator.event(Event.builder("title", "x".repeat(4001)).build()))
			.withMessageContaining(Normalization.TEXT_LENGTH.rule());
	}

	@Test
	void buildersNeverThrowOnNullTags() {
		Event event = Event.builder("title", "text").tags("a:1", null).tags((String[]) null).build();
		ServiceCheck check = ServiceCheck.builder("db.up", CheckStatus.OK).tags((String) null).build();

		assertThat(event.tags()).containsExactly("a:1", null);
		assertThat(check.tags()).containsExactly((String) null);
	}

	@Test
	void eventQueueIsBoundedAndOverflowIsCounted() {
		Aggregator aggregator = Aggregators.withRollUp(10, clock);
		for (int i = 0; i < Limits.MAX_QUEUED_NOTICES + 3; i++) {
			aggregator.event(Event.builder("title " + i, "text").build());
		}

		assertThat(aggregator.statistics(0).rejected(RejectReason.QUEUE_FULL)).isEqualTo(3);
		assertThat(aggregator.flushAll().events()).hasSize(Limits.MAX_QUEUED_NOTICES);
	}

}
