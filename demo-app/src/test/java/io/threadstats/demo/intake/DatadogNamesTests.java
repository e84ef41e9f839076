package io.threadstats.demo.intake;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake shows names and tags as Datadog would store them, and counts what it
 * rewrote.
 */
class DatadogNamesTests {

	private final IntakeStatistics statistics = new IntakeStatistics();

	private final DatadogNames names = new DatadogNames(this.statistics);

	@Test
	void metricNameKeepsCaseAndReplacesOtherCharacters() {
		assertThat(this.names.metric("App.Requests-Total")).isEqualTo("App.Requests_Total");
		assertThat(this.names.metric("9lives.count")).isEqualTo("lives.count");
		assertThat(this.names.metric("1234")).isNull();
		assertThat(this.names.metric("x".repeat(250))).hasSize(200);
	}

	@Test
	void tagsAreLowerCasedWithOtherCharactersReplaced() {
		assertThat(this.names.tags(List.of("Env:Prod", "path:/api/orders", "team name:a b", "#1")))
			.containsExactly("env:prod", "path:/api/orders", "team_name:a_b");
	}

	@Test
	void countsOnlyWhatItChanged() {
		this.names.metric("already.fine");
		this.names.tags(List.of("env:prod", "Env:Prod"));
		IntakeStatistics.Snapshot snapshot = this.statistics.snapshot(0, 0, 0, 0, 0);
		assertThat(snapshot.rewrittenMetricNames()).isZero();
		assertThat(snapshot.rewrittenTags()).isEqualTo(1);
	}

}
