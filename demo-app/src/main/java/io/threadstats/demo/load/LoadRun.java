package io.threadstats.demo.load;

import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * One load run: what it was asked for, what it did so far, and the subscription that
 * drives its requests.
 *
 * <p>
 * The subscriber exists from the start, before the run is visible to
 * {@link LoadGenerator#stop()}: a stop that comes before the requests are subscribed
 * cancels the subscriber, which then cancels them the moment they are, so a stopped run
 * can never go on sending alongside the next one.
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

	private final BaseSubscriber<Object> subscriber = new BaseSubscriber<>() {
	};

	private volatile boolean running = true;

	LoadRun(int seconds, int requestsPerSecond, Instant startedAt) {
		this.seconds = seconds;
		this.requestsPerSecond = requestsPerSecond;
		this.startedAt = startedAt;
	}

	/**
	 * Subscribes to the run's requests; the run is over when they end, fail or are
	 * cancelled.
	 */
	void drive(Flux<?> requests) {
		requests.doFinally((signal) -> this.running = false).subscribe(this.subscriber);
	}

	/**
	 * Cancels the run's requests, or, if they are not subscribed yet, makes their
	 * subscription cancel them.
	 */
	void stop() {
		this.subscriber.dispose();
		this.running = false;
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
