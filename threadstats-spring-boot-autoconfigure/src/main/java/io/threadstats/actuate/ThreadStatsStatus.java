package io.threadstats.actuate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether threadstats is getting metrics to Datadog, in one word and one sentence: the
 * summary the endpoint opens with and the health indicator carries.
 *
 * @param state the state
 * @param since when the state began (failing and key rejected), or {@code null}
 * @param message what it means, without secrets
 */
public record ThreadStatsStatus(State state, Instant since, String message) {

	/** The states, best first. */
	public enum State {

		/**
		 * Delivering: the last attempt succeeded or nothing needed sending yet; payloads
		 * the intake refused (400, too big) are counted, and the last such error is in
		 * the message.
		 */
		SENDING("sending"),

		/** No API key: payloads are encoded and counted, not sent. */
		DRY_RUN("dry-run"),

		/** {@code threadstats.enabled=false}: nothing is recorded or sent. */
		DISABLED("disabled"),

		/** Delivered by another submitter, which reports nothing about delivery. */
		NOT_OBSERVED("not observed"),

		/** Every submission has failed since {@link ThreadStatsStatus#since()}. */
		FAILING("failing"),

		/** Datadog rejected the API key; nothing is delivered until it is fixed. */
		KEY_REJECTED("key rejected");

		private final String label;

		State(String label) {
			this.label = label;
		}

		/** How the endpoint and the health details show it. */
		public String label() {
			return this.label;
		}

	}

	/** The summary as health details: status, since (when known) and message. */
	public Map<String, Object> toDetails() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("status", this.state.label());
		if (this.since != null) {
			details.put("since", ReportValues.instant(this.since).toString());
		}
		details.put("message", this.message);
		return details;
	}

}
