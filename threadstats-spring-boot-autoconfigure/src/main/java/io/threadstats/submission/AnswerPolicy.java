package io.threadstats.submission;

import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

import org.slf4j.event.Level;

/**
 * What delivery does with each answer of the intake, one row per kind of answer: which
 * answers it covers, the action, why items are dropped, whether delivery then counts as
 * failing, and the log line. The rows mirror the README's failure table ("Delivery to
 * Datadog": what happens on each kind of failure); change both together. The first row
 * that matches an answer applies.
 */
enum AnswerPolicy {

	/** 2xx: delivered. */
	ACCEPTED(IntakeResponse::isSuccess, Action.DELIVER, null, false, Level.INFO, Repeat.EVERY_TIME, null, null),

	/** 401 / 403: one ERROR until a success; dropped. */
	KEY_REJECTED((response) -> response.status() == 401 || response.status() == 403, Action.DROP,
			DropReason.API_KEY_REJECTED, true, Level.ERROR, Repeat.ONCE_UNTIL_A_SUCCESS,
			(attempt) -> "API key rejected: HTTP " + attempt.response().status() + " from " + attempt.url(),
			(attempt) -> "nothing is delivered until the key is fixed (check DD_API_KEY or threadstats.api-key,"
					+ " and that the site " + attempt.baseUrl() + " matches the key's); dropped items are counted"
					+ " in the delivery statistics"),

	/** 413: split in half and re-sent; a single item still refused is dropped. */
	TOO_LARGE((response) -> response.status() == 413, Action.SPLIT, DropReason.TOO_BIG, false, Level.WARN,
			Repeat.EVERY_TIME, (attempt) -> "intake answered 413 for a single item on " + attempt.path(),
			(attempt) -> "it is dropped"),

	/**
	 * 408, 429, 5xx, connection error, timeout: parked, retried with backoff; a WARN for
	 * the first failure in a row.
	 */
	RETRYABLE(
			(response) -> response.isTransportError() || response.status() == 408 || response.status() == 429
					|| response.status() >= 500,
			Action.RETRY, null, true, Level.WARN, Repeat.FIRST_FAILURE_IN_A_ROW,
			(attempt) -> "delivery to " + attempt.url() + " failed: " + attempt.response().describe(),
			(attempt) -> (attempt.response().isTransportError() ? "every endpoint of the intake waits "
					: "retrying in ") + attempt.retryIn().toMillis() + " ms (" + attempt.items()
					+ " items parked for retry)"),

	/** 400 / 422: the payload itself refused; not retried, the body logged, dropped. */
	BAD_PAYLOAD((response) -> response.status() == 400 || response.status() == 422, Action.DROP, DropReason.BAD_REQUEST,
			false, Level.WARN, Repeat.EVERY_TIME,
			(attempt) -> "intake answered " + attempt.response().describe() + " for " + attempt.path(),
			(attempt) -> attempt.items() + " items dropped (not retried)"),

	/**
	 * Any other status retrying cannot fix (404, 405, a redirect, another 4xx): the
	 * request went to the wrong place; one ERROR per status until a success; dropped.
	 */
	WRONG_PLACE((response) -> true, Action.DROP, DropReason.REJECTED_BY_INTAKE, true, Level.ERROR,
			Repeat.ONCE_PER_STATUS_UNTIL_A_SUCCESS,
			(attempt) -> "intake at " + attempt.baseUrl() + " answered " + attempt.response().describe() + " for "
					+ attempt.path(),
			(attempt) -> "this is not a Datadog intake that takes it (check threadstats.api-url and any proxy in"
					+ " between): items sent there are dropped and counted (REJECTED_BY_INTAKE) until a payload is"
					+ " accepted");

	/** What delivery does with the payload. */
	enum Action {

		/** Count it as delivered. */
		DELIVER,

		/** Split it in half and send both halves; drop a single item. */
		SPLIT,

		/** Park it in the retry buffer, its endpoint backing off. */
		RETRY,

		/** Drop it, counted with the row's reason. */
		DROP

	}

	/**
	 * When the row's line is logged at its level; the other times it is logged at DEBUG.
	 */
	enum Repeat {

		/** Every time. */
		EVERY_TIME,

		/** The first time since a payload was accepted. */
		ONCE_UNTIL_A_SUCCESS,

		/** The first time since a payload was accepted on the same endpoint. */
		FIRST_FAILURE_IN_A_ROW,

		/** The first time for each status since a payload was accepted. */
		ONCE_PER_STATUS_UNTIL_A_SUCCESS

	}

	private final Predicate<IntakeResponse> matches;

	private final Action action;

	private final DropReason dropReason;

	private final boolean failing;

	private final Level level;

	private final Repeat repeat;

	private final Function<Attempt, String> problem;

	private final Function<Attempt, String> consequence;

	AnswerPolicy(Predicate<IntakeResponse> matches, Action action, DropReason dropReason, boolean failing, Level level,
			Repeat repeat, Function<Attempt, String> problem, Function<Attempt, String> consequence) {
		this.matches = matches;
		this.action = action;
		this.dropReason = dropReason;
		this.failing = failing;
		this.level = level;
		this.repeat = repeat;
		this.problem = problem;
		this.consequence = consequence;
	}

	/** The row for an answer (not for an abandoned request, which is no answer). */
	static AnswerPolicy of(IntakeResponse response) {
		for (AnswerPolicy row : values()) {
			if (row.matches.test(response)) {
				return row;
			}
		}
		throw new IllegalStateException("the last row matches every answer");
	}

	Action action() {
		return this.action;
	}

	/** Why the items are dropped, when they are. */
	DropReason dropReason() {
		return this.dropReason;
	}

	/**
	 * Whether delivery counts as failing after this answer (the health indicator says so
	 * after the failure window), rather than a payload being refused.
	 */
	boolean isFailing() {
		return this.failing;
	}

	/** The level of the row's line when it is not a repeat. */
	Level level() {
		return this.level;
	}

	Repeat repeat() {
		return this.repeat;
	}

	/**
	 * What went wrong, as the statistics keep it and the log line starts; may quote the
	 * intake's answer, so the caller redacts it.
	 */
	String problem(Attempt attempt) {
		return this.problem.apply(attempt);
	}

	/** What happens next, as the log line ends. */
	String consequence(Attempt attempt) {
		return this.consequence.apply(attempt);
	}

	/**
	 * One request and its answer, as the rows word them.
	 *
	 * @param baseUrl the intake's base URL
	 * @param path the path the request went to
	 * @param response the answer
	 * @param items the items the request carried
	 * @param retryIn how long its endpoint now waits ({@link #RETRYABLE} only), else
	 * {@code null}
	 */
	record Attempt(URI baseUrl, String path, IntakeResponse response, int items, Duration retryIn) {

		String url() {
			return this.baseUrl + this.path;
		}

	}

}
