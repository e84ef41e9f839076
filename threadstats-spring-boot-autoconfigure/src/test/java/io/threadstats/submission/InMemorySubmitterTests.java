package io.threadstats.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.threadstats.snapshot.CheckStatus;
import io.threadstats.snapshot.DistributionPoint;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.MetricType;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.snapshot.ServiceCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemorySubmitterTests {

	private final InMemorySubmitter submitter = new InMemorySubmitter();

	@Test
	void keepsEverySnapshotAndFlattensTheirParts() {
		SeriesPoint a = new SeriesPoint("a", MetricType.GAUGE, 10, 1, 10, null, null, List.of());
		SeriesPoint b = new SeriesPoint("b", MetricType.RATE, 10, 2, 10, "h", null, List.of("x:1"));
		DistributionPoint d = new DistributionPoint("d", 10, List.of(1.0), null, List.of());
		Event event = Event.builder("t", "x").build();
		ServiceCheck check = ServiceCheck.builder("c", CheckStatus.OK).build();

		assertThat(this.submitter
			.submit(new FlushSnapshot(Instant.EPOCH, List.of(a), List.of(d), List.of(event), List.of()))).isCompleted();
		this.submitter.submit(new FlushSnapshot(Instant.EPOCH, List.of(b), List.of(), List.of(), List.of(check)));

		assertThat(this.submitter.snapshots()).hasSize(2);
		assertThat(this.submitter.allSeries()).containsExactly(a, b);
		assertThat(this.submitter.series("b")).containsExactly(b);
		assertThat(this.submitter.allDistributions()).containsExactly(d);
		assertThat(this.submitter.allEvents()).containsExactly(event);
		assertThat(this.submitter.allServiceChecks()).containsExactly(check);

		this.submitter.clear();
		this.submitter.close(Duration.ZERO);

		assertThat(this.submitter.snapshots()).isEmpty();
		assertThat(this.submitter.isClosed()).isTrue();
	}

}
