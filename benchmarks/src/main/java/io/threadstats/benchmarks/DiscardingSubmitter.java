package io.threadstats.benchmarks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

import io.threadstats.snapshot.DistributionPoint;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.submission.Submitter;

/**
 * A submitter that drops every snapshot after counting its series, so the recording
 * benchmarks pay for aggregation and the background flush but not for encoding or the
 * network (the competitors' rows pay for neither either: Micrometer never publishes
 * within its one-hour step, dogstatsd's sending happens on its own threads). Like any
 * submitter done with a distribution point (the Datadog one once its payload is
 * accepted), it releases the point's values, so that the engine fills their memory again.
 */
public final class DiscardingSubmitter implements Submitter {

	private final LongAdder seriesSeen = new LongAdder();

	@Override
	public CompletableFuture<Void> submit(FlushSnapshot snapshot) {
		this.seriesSeen.add(snapshot.series().size() + snapshot.distributions().size());
		snapshot.distributions().forEach(DistributionPoint::releaseValues);
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public void close(Duration timeout) {
	}

	/** Series and distribution points handed over so far. */
	public long seriesSeen() {
		return this.seriesSeen.sum();
	}

}
