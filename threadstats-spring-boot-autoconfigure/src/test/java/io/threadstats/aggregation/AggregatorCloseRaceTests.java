package io.threadstats.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.threadstats.MutableClock;
import io.threadstats.api.AggregatorSettings;
import io.threadstats.api.CounterType;
import io.threadstats.api.HistogramAggregate;
import io.threadstats.api.MetricKind;
import io.threadstats.api.RejectReason;
import io.threadstats.snapshot.CheckStatus;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.snapshot.ServiceCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * close() racing writers: once it returns, every call either went out in a flush or was
 * counted as {@link RejectReason#CLOSED}, never nowhere. Writers keep writing past the
 * close (into current, late and brand-new series, of three kinds, one of them a
 * distribution whose full chunks are queued after the writer let go of its stripe) while
 * flushes close buckets under them, so calls meet the close at every step: before the
 * closed check, between it and the add, while opening a bucket or a series, and between
 * filling a chunk and queuing it.
 */
class AggregatorCloseRaceTests {

	private static final int ROUNDS = 300;

	private static final int WRITERS = 4;

	private static final int CALLS_AFTER_CLOSE = 200;

	/**
	 * Distinct tags per writer: new series keep coming for as long as the close usually
	 * takes to come.
	 */
	private static final int DISTINCT_TAGS = 4096;

	private final MutableClock clock = MutableClock.at("2026-01-01T10:00:05Z");

	@Test
	void everyCallIsFlushedOrCountedAsClosed() throws Exception {
		for (int round = 0; round < ROUNDS; round++) {
			// distribution points of 32 values: chunks fill up and are queued for early
			// delivery by writers that hold nothing, which the signal hands off on the
			// writer's thread
			Aggregator aggregator = new Aggregator(new AggregatorSettings(10, CounterType.COUNT,
					Set.of(HistogramAggregate.COUNT), List.of(), 100_000, false, this.clock, null, List.of(), null,
					null, 32, 100, AggregatorSettings.DEFAULT_LATE_DATA_MAX_BYTES));
			List<FlushSnapshot> snapshots = new CopyOnWriteArrayList<>();
			aggregator.onFullChunks(() -> snapshots.add(aggregator.handOffFullChunks()));
			long late = this.clock.instant().getEpochSecond() - 60;
			AtomicLong attempted = new AtomicLong();
			List<Runnable> writers = new ArrayList<>();
			for (int w = 0; w < WRITERS; w++) {
				int writer = w;
				writers.add(() -> {
					SeriesHandle handle = aggregator.handle(MetricKind.COUNTER, "handle", null);
					long calls = 0;
					int afterClose = 0;
					for (int i = 0; afterClose < CALLS_AFTER_CLOSE; i++) {
						if (aggregator.gate.isClosed()) {
							afterClose++;
						}
						handle.record(1, (i % 3 == 0) ? late : Aggregator.NOW);
						aggregator.record(MetricKind.COUNTER, "fresh", null, 1, Aggregator.NOW,
								"n:" + writer + "-" + (i % DISTINCT_TAGS));
						aggregator.record(MetricKind.HISTOGRAM, "latency", null, i, Aggregator.NOW);
						aggregator.record(MetricKind.DISTRIBUTION, "sizes", null, i, Aggregator.NOW);
						calls += 4;
					}
					attempted.addAndGet(calls);
				});
			}
			Race.run(writers, () -> {
				if (!aggregator.gate.isClosed()) {
					snapshots.add(aggregator.flushAll());
					busyFor(ThreadLocalRandom.current().nextInt(20_000));
					snapshots.add(aggregator.close());
				}
			});

			// what Datadog holds: a bucket flushAll emitted goes out merged again at the
			// close
			LastWriteWins intake = LastWriteWins.of(snapshots);
			long flushed = Math.round(intake.sum("handle") + intake.sum("fresh") + intake.sum("latency.count"))
					+ intake.distributionValues("sizes").size();
			long closed = aggregator.statistics(0).rejected(RejectReason.CLOSED);
			// full chunks that waited too long for a hand-off (a busy machine) are
			// dropped and counted too
			long behind = aggregator.statistics(0).rejected(RejectReason.DELIVERY_BEHIND);
			assertThat(flushed + closed + behind)
				.as("round %d: flushed %d + counted closed %d + counted behind %d", round, flushed, closed, behind)
				.isEqualTo(attempted.get());
			assertThat(aggregator.statistics(0).rejected().keySet()).containsAnyOf(RejectReason.CLOSED)
				.isSubsetOf(RejectReason.CLOSED, RejectReason.DELIVERY_BEHIND);
		}
	}

	@Test
	void nothingIsOpenedAfterClose() {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);
		SeriesHandle handle = aggregator.handle(MetricKind.COUNTER, "jobs", null);
		handle.record(1, Aggregator.NOW);

		FlushSnapshot last = aggregator.close();
		handle.record(1, Aggregator.NOW);
		aggregator.record(MetricKind.GAUGE, "depth", null, 1, Aggregator.NOW);

		assertThat(last.series()).extracting(SeriesPoint::metric).containsExactly("jobs");
		assertThat(aggregator.statistics(0).rejected(RejectReason.CLOSED)).isEqualTo(2);
		assertThat(aggregator.openSeries("jobs")).allSatisfy((series) -> assertThat(series.openBuckets()).isEmpty());
		assertThat(aggregator.flushAll().isEmpty()).isTrue();
	}

	@Test
	void anEventMetByTheCloseIsInItsLastFlushOrCountedAsClosed() {
		assertMetByTheCloseIsInItsLastFlushOrCountedAsClosed(
				(aggregator) -> aggregator.event(Event.builder("deployed", "version 42").build()));
	}

	@Test
	void aServiceCheckMetByTheCloseIsInItsLastFlushOrCountedAsClosed() {
		assertMetByTheCloseIsInItsLastFlushOrCountedAsClosed(
				(aggregator) -> aggregator.serviceCheck(ServiceCheck.builder("db.up", CheckStatus.OK).build()));
	}

	/**
	 * The close runs inside the notice's own clock read (its time filled in), so after
	 * the closed check at the top and before it is queued.
	 */
	private void assertMetByTheCloseIsInItsLastFlushOrCountedAsClosed(Consumer<Aggregator> notice) {
		Aggregator aggregator = Aggregators.withRollUp(10, this.clock);
		List<FlushSnapshot> closing = new ArrayList<>();
		this.clock.onNextRead(() -> closing.add(aggregator.close()));

		notice.accept(aggregator);

		assertThat(closing).as("the close ran inside the notice's clock read").hasSize(1);
		FlushSnapshot last = closing.get(0);
		long inLastFlush = last.events().size() + last.serviceChecks().size();
		long countedClosed = aggregator.statistics(0).rejected(RejectReason.CLOSED);
		assertThat(inLastFlush + countedClosed)
			.as("in the last flush %d + counted closed %d", inLastFlush, countedClosed)
			.isEqualTo(1);
		assertThat(aggregator.flushAll().isEmpty()).as("nothing left queued after the close").isTrue();
	}

	private static void busyFor(int spins) {
		for (int i = 0; i < spins; i++) {
			Thread.onSpinWait();
		}
	}

}
