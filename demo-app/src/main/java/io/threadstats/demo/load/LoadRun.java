package io.threadstats.demo.load;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * One load run: what it was asked for, what it did so far, and the subscription that
 * drives its requests.
 *
 * <p>
 * Stopping a run ends its ticks: no request is sent after {@link #stop()}, and those in
 * flight finish on their own (each within the request timeout), so the server they go to
 * answers them rather than seeing them cut off. {@link #awaitEnd(Duration)} waits for
 * that, cancelling what is still in flight when the wait is over. A stop that comes
 * before the requests are subscribed ends the ticks before the first, so a stopped run
 * never goes on sending alongside the next one.
 */
final class LoadRun {

	private final int seconds;

	private final int requestsPerSecond;

	private final Instant startedAt;

	private final LongAdder sent = new LongAdder();

	private final LongAdder succeeded = new LongAdder();

	private final LongAdder clientErrors = new LongAdder();

	private final LongAdder refused = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder skipped = new LongAdder();

	private final Sinks.Empty<Void> noMoreTicks = Sinks.empty();

	private final CountDownLatch ended = new CountDownLatch(1);

	private final BaseSubscriber<Object> subscriber = new BaseSubscriber<>() {
	};

	private volatile boolean running = true;

	LoadRun(int seconds, int requestsPerSecond, Instant startedAt) {
		this.seconds = seconds;
		this.requestsPerSecond = requestsPerSecond;
		this.startedAt = startedAt;
	}

	/**
	 * Subscribes to the run: one request per tick, at most {@code maxInFlight} at a time
	 * (ticks beyond it are skipped and counted). The run is over when the ticks end or
	 * are stopped and the requests in flight have finished.
	 */
	void drive(Flux<?> ticks, Function<Object, ? extends Publisher<?>> request, int maxInFlight) {
		ticks.takeUntilOther(this.noMoreTicks.asMono())
			.onBackpressureDrop((tick) -> skipped())
			.flatMap(request, maxInFlight)
			.doFinally((signal) -> {
				this.running = false;
				this.ended.countDown();
			})
			.subscribe(this.subscriber);
	}

	/** Sends no more requests; those in flight finish on their own. */
	void stop() {
		this.noMoreTicks.tryEmitEmpty();
	}

	/**
	 * Waits for the run to end after {@link #stop()}; when the wait is over, cancels the
	 * requests still in flight.
	 * @return whether every request finished within the wait
	 */
	boolean awaitEnd(Duration wait) {
		boolean finished;
		try {
			finished = this.ended.await(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			finished = false;
		}
		if (!finished) {
			this.subscriber.dispose();
			this.running = false;
		}
		return finished;
	}

	boolean running() {
		return this.running;
	}

	void sent() {
		this.sent.increment();
	}

	void skipped() {
		this.skipped.increment();
	}

	/** Counts a request that was not answered in time, or failed before an answer. */
	void failed() {
		this.failed.increment();
	}

	/** Counts an answered request by its status. */
	void answered(HttpStatusCode status) {
		if (status.is2xxSuccessful()) {
			this.succeeded.increment();
		}
		else if (status.is4xxClientError()) {
			this.clientErrors.increment();
		}
		else if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
			this.refused.increment();
		}
		else {
			this.failed.increment();
		}
	}

	LoadStatus status() {
		return new LoadStatus(this.running, this.seconds, this.requestsPerSecond, this.startedAt, this.sent.sum(),
				this.succeeded.sum(), this.clientErrors.sum(), this.refused.sum(), this.failed.sum(),
				this.skipped.sum());
	}

}
