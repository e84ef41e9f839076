package io.threadstats.demo.load;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.http.HttpStatusCode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stopped run sends no more requests, whenever the stop comes, and lets those in flight
 * finish unless they outlast the wait; its answers are counted by status.
 */
class LoadRunTests {

	private static final int MAX_IN_FLIGHT = 8;

	private final LoadRun run = new LoadRun(10, 50, Instant.parse("2026-01-01T12:00:00Z"));

	@Test
	void stopBeforeTheRequestsAreSubscribedSendsNone() {
		// what happens when DELETE /load comes between the run being published and its
		// requests subscribed
		this.run.stop();
		List<Object> sent = new CopyOnWriteArrayList<>();
		this.run.drive(Flux.just(1, 2, 3), (tick) -> Mono.fromRunnable(() -> sent.add(tick)), MAX_IN_FLIGHT);
		assertThat(sent).isEmpty();
		assertThat(this.run.status().running()).isFalse();
	}

	@Test
	void stopSendsNoMoreRequestsAndLetsThoseInFlightFinish() {
		Sinks.Many<Integer> ticks = Sinks.many().unicast().onBackpressureBuffer();
		Sinks.Empty<Void> answer = Sinks.empty();
		List<Object> sent = new CopyOnWriteArrayList<>();
		this.run.drive(ticks.asFlux(), (tick) -> {
			sent.add(tick);
			return answer.asMono();
		}, MAX_IN_FLIGHT);
		ticks.tryEmitNext(1);
		this.run.stop();
		ticks.tryEmitNext(2);
		assertThat(sent).containsExactly(1);
		assertThat(this.run.status().running()).as("running while a request is in flight").isTrue();
		answer.tryEmitEmpty();
		assertThat(this.run.awaitEnd(Duration.ofSeconds(5))).isTrue();
		assertThat(this.run.status().running()).isFalse();
	}

	@Test
	void requestsStillInFlightWhenTheWaitIsOverAreCancelled() {
		AtomicBoolean cancelled = new AtomicBoolean();
		this.run.drive(Flux.just(1), (tick) -> Mono.never().doOnCancel(() -> cancelled.set(true)), MAX_IN_FLIGHT);
		this.run.stop();
		assertThat(this.run.awaitEnd(Duration.ofMillis(50))).isFalse();
		assertThat(cancelled).isTrue();
		assertThat(this.run.status().running()).isFalse();
	}

	@Test
	void runIsOverWhenItsTicksEndAndItsRequestsFinish() {
		this.run.drive(Flux.just(1, 2), (tick) -> Mono.empty(), MAX_IN_FLIGHT);
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
