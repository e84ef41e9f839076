package io.threadstats.submission;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.threadstats.submission.AnswerPolicy.Attempt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one payload and does with the answer what {@link AnswerPolicy} says: counts it
 * delivered, splits it in half on a 413 and sends the halves, parks it for retry while
 * its endpoint backs off, or drops it. While an endpoint backs off, its payloads are
 * parked without being sent. Where Datadog keeps the last write (series, service checks),
 * a payload never overtakes an older one parked for its endpoint: it is parked behind it,
 * so that a bucket sent again merged with late points is never overwritten by its first
 * send's retry. Every item is counted by the {@link DeliveryTally} of the work that sends
 * it. Used by the delivery thread only, except {@link #abandon()}.
 */
final class PayloadDispatcher {

	private static final Logger logger = LoggerFactory.getLogger(PayloadDispatcher.class);

	private final DeliverySettings settings;

	private final URI baseUrl;

	private final IntakeClient client;

	private final Clock clock;

	private final DeliveryStatisticsRecorder statistics;

	private final RetryBuffer retryBuffer;

	private final IntakeBackoff backoff;

	/** The statuses whose line was logged at its level since the last success. */
	private final Set<Integer> statusesLogged = new HashSet<>();

	/**
	 * Set when the shutdown timeout is (nearly) over: payloads are then parked instead of
	 * sent.
	 */
	private volatile boolean abandoning;

	/**
	 * @param client the intake client, or {@code null} in dry-run mode (nothing may be
	 * dispatched then)
	 */
	PayloadDispatcher(DeliverySettings settings, URI baseUrl, IntakeClient client, Clock clock,
			DeliveryStatisticsRecorder statistics, RetryBuffer retryBuffer, IntakeBackoff backoff) {
		this.settings = settings;
		this.baseUrl = baseUrl;
		this.client = client;
		this.clock = clock;
		this.statistics = statistics;
		this.retryBuffer = retryBuffer;
		this.backoff = backoff;
	}

	/**
	 * Sends a payload owned by {@code tally}, or parks it straight away while its
	 * endpoint is backed off or delivery is being abandoned.
	 */
	void dispatch(Payload<?> payload, DeliveryTally tally) {
		dispatchAll(List.of(payload), tally);
	}

	/**
	 * Sends payloads owned by {@code tally} all at once, each parked straight away
	 * instead while its endpoint is backed off or delivery is being abandoned, then deals
	 * with each answer in turn; the caller bounds how many go at once.
	 */
	void dispatchAll(List<? extends Payload<?>> payloads, DeliveryTally tally) {
		List<Payload<?>> sent = new ArrayList<>(payloads.size());
		List<CompletableFuture<IntakeResponse>> answers = new ArrayList<>(payloads.size());
		for (Payload<?> payload : payloads) {
			if (this.abandoning || this.backoff.isBlocked(payload.endpoint(), this.clock.instant())
					|| mustNotOvertake(payload)) {
				park(payload, tally);
			}
			else {
				sent.add(payload);
				answers.add(this.client.send(payload.endpoint(), payload.body(), payload.compression()));
			}
		}
		for (int i = 0; i < sent.size(); i++) {
			Payload<?> payload = sent.get(i);
			answered(payload, this.client.await(answers.get(i), payload.endpoint()), tally);
		}
	}

	/**
	 * Whether an older payload waits for retry on the payload's endpoint and Datadog
	 * keeps the last write there, so that sending this one first could be undone by it.
	 */
	private boolean mustNotOvertake(Payload<?> payload) {
		return !payload.endpoint().addsWhatItReceives() && this.retryBuffer.holdsOlderFor(payload);
	}

	private void answered(Payload<?> payload, IntakeResponse response, DeliveryTally tally) {
		if (response.isAbandoned()) {
			// our own end of the wait at the end of the shutdown timeout, not an answer
			// of the intake; an answer that came first, even after the shutdown began,
			// counts
			park(payload, tally);
			return;
		}
		tally.counts().responded(response, tally.isRetry());
		AnswerPolicy answer = AnswerPolicy.of(response);
		switch (answer.action()) {
			case DELIVER -> delivered(payload, tally);
			case SPLIT -> splitAndResend(payload, tally, answer, response);
			case RETRY -> retryLater(payload, tally, answer, response);
			case DROP -> drop(payload, tally, answer, response);
		}
	}

	/**
	 * Encodes the payload's items from {@code from} to {@code to} (exclusive) again, for
	 * {@code tally}: the parts keep the payload's place in delivery order, and what has
	 * left Datadog's window is dropped.
	 */
	<T> List<Payload<T>> reencode(Payload<T> payload, int from, int to, DeliveryTally tally) {
		return PayloadBatcher.encodeAll(payload.format(), payload.items().subList(from, to), payload.compression(),
				this.clock, (encodedAt) -> payload.origin().ownedBy(tally.id()), tally.counts()::dropped);
	}

	/** Parks instead of sending from now on; any thread. */
	void abandon() {
		this.abandoning = true;
	}

	boolean isAbandoning() {
		return this.abandoning;
	}

	private void delivered(Payload<?> payload, DeliveryTally tally) {
		// given back before it counts as delivered, for whoever waits on the count
		payload.releaseItems();
		tally.counts().delivered(payload);
		this.statistics.succeeded();
		int failures = this.backoff.failuresInARow(payload.endpoint());
		if (failures > 0) {
			logger.info("threadstats: delivery to {}{} recovered after {} failed attempts", this.baseUrl,
					payload.endpoint().path(), failures);
		}
		this.backoff.succeeded(payload.endpoint());
		this.statusesLogged.clear();
	}

	private void splitAndResend(Payload<?> payload, DeliveryTally tally, AnswerPolicy answer, IntakeResponse response) {
		if (payload.itemCount() == 1) {
			drop(payload, tally, answer, response);
			return;
		}
		logger.debug("threadstats: intake answered 413 for {} items on {}; splitting in half", payload.itemCount(),
				payload.endpoint().path());
		int half = payload.itemCount() / 2;
		List<Payload<?>> parts = new ArrayList<>(reencode(payload, 0, half, tally));
		parts.addAll(reencode(payload, half, payload.itemCount(), tally));
		for (Payload<?> part : parts) {
			tally.counts().encoded(part);
			dispatch(part, tally);
		}
	}

	private void retryLater(Payload<?> payload, DeliveryTally tally, AnswerPolicy answer, IntakeResponse response) {
		Duration delay = this.backoff.failed(payload.endpoint(), response, this.clock.instant());
		report(answer, payload, response, delay);
		// no answer in time: it may have been accepted, which a re-send's delivery says
		park(response.timedOut() ? payload.sentWithoutAnswer() : payload, tally);
	}

	private void drop(Payload<?> payload, DeliveryTally tally, AnswerPolicy answer, IntakeResponse response) {
		report(answer, payload, response, null);
		tally.counts().dropped(answer.dropReason(), payload.itemCount());
	}

	/** Keeps the answer's problem in the statistics and logs the row's line. */
	private void report(AnswerPolicy answer, Payload<?> payload, IntakeResponse response, Duration retryIn) {
		Attempt attempt = new Attempt(this.baseUrl, payload.endpoint().path(), response, payload.itemCount(), retryIn);
		String problem = this.settings.redact(answer.problem(attempt));
		boolean first = isFirst(answer, payload.endpoint(), response);
		this.statistics.error(problem, answer.isFailing(), answer == AnswerPolicy.KEY_REJECTED);
		if (first) {
			logger.atLevel(answer.level()).log("threadstats: {}; {}", problem, answer.consequence(attempt));
		}
		else {
			logger.debug("threadstats: {} (again); {}", problem, answer.consequence(attempt));
		}
	}

	/** Whether the row's line is logged at its level this time, or at DEBUG. */
	private boolean isFirst(AnswerPolicy answer, IntakeEndpoint endpoint, IntakeResponse response) {
		return switch (answer.repeat()) {
			case EVERY_TIME -> true;
			// only a key rejection repeats so; the statistics remember one, the startup
			// validation's included, exactly until a payload is accepted
			case ONCE_UNTIL_A_SUCCESS -> !this.statistics.isKeyRejected();
			case ONCE_PER_STATUS_UNTIL_A_SUCCESS -> this.statusesLogged.add(response.status());
			case FIRST_FAILURE_IN_A_ROW -> this.backoff.failuresInARow(endpoint) == 1;
		};
	}

	/**
	 * Parks a payload of {@code tally}. What the full buffer evicts is counted by
	 * {@code tally} when it is its own; payloads of earlier work go to the totals only: a
	 * flush's record never counts another flush's items.
	 */
	private void park(Payload<?> payload, DeliveryTally tally) {
		List<Payload<?>> evicted = this.retryBuffer.add(payload);
		boolean parked = true;
		long evictedItems = 0;
		for (Payload<?> gone : evicted) {
			evictedItems += gone.itemCount();
			if (gone == payload) {
				parked = false;
				tally.counts().dropped(DropReason.RETRY_BUFFER_FULL, gone.itemCount());
			}
			else if (tally.owns(gone)) {
				tally.counts().evicted(gone.itemCount());
			}
			else {
				this.statistics.droppedOutsideWork(DropReason.RETRY_BUFFER_FULL, gone.itemCount());
			}
		}
		if (parked) {
			tally.counts().parked(payload.itemCount());
		}
		if (evictedItems > 0) {
			logger.warn("threadstats: retry buffer full ({} bytes); dropped the oldest {} items",
					this.settings.retryBufferBytes(), evictedItems);
		}
		this.statistics.bufferChanged(this.retryBuffer);
	}

}
