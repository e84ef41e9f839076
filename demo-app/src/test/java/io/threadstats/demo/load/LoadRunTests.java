package io.threadstats.demo.load;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.http.HttpStatusCode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's requests stop when the run is stopped, whenever the stop comes; its answers are
 * counted by status.
 */
class LoadRunTests {

	private final LoadRun run = new LoadRun(10, 50, Instant.parse("2026-01-01T12:00:00Z"));

	@Test
	void stopBeforeTheRequestsAreSubscribedSendsNone() {
		// what happens when DELETE /load comes between the run being published and its
		// requests subscribed
		this.run.stop();
		List<Integer> sent = new CopyOnWriteArrayList<>();
		AtomicBoolean cancelled = new AtomicBoolean();
		this.run.drive(Flux.just(1, 2, 3).doOnNext(sent::add).doOnCancel(() -> cancelled.set(true)));
		assertThat(sent).isEmpty();
		assertThat(cancelled).isTrue();
		assertThat(this.run.status().running()).isFalse();
	}

	@Test
	void stopCancelsTheRequestsOfARunningRun() {
		AtomicBoolean cancelled = new AtomicBoolean();
		this.run.drive(Flux.never().doOnCancel(() -> cancelled.set(true)));
		assertThat(this.run.status().running()).isTrue();
		this.run.stop();
		assertThat(cancelled).isTrue();
		assertThat(this.run.status().running()).isFalse();
	}

	@Test
	void runIsOverWhenItsRequestsEnd() {
		this.run.drive(Flux.just(1, 2));
		assertThat(this.run.status().running()).isFalse();
	}

	@Test
	void answersAreCountedByStatus() {
		for (int status : new int[] { 200, 201, 404, 400, 503, 500 }) {
			this.run.answered(HttpStatusCode.valueOf(status));
		}
		this.run.failed();
		LoadStatus status = this.run.status();
		assertThat(status.succeeded()).isEqualTo(2);
		assertThat(status.clientErrors()).isEqualTo(2);
		assertThat(status.refused()).isEqualTo(1);
		assertThat(status.failed()).isEqualTo(2);
	}

}
