package io.threadstats.aggregation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.threadstats.api.AggregatorSettings;
import io.threadstats.api.Limits;
import io.threadstats.api.LogText;
import io.threadstats.api.NameRules;
import io.threadstats.api.Normalization;
import io.threadstats.api.RejectReason;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.ServiceCheck;

/**
 * Events and service checks waiting for the next flush. Each is checked and completed
 * when queued, so that the queue holds what will be sent and a bounded amount of it: an
 * invalid one is rejected and counted; tags are normalised by {@link NameRules} like
 * series tags (distinct, sorted, then the constant tags not among them); over-long texts
 * are cut ({@link NameRules#MAX_TEXT_LENGTH},
 * {@link NameRules#MAX_AGGREGATION_KEY_LENGTH}), counted as normalisations; a missing
 * time is now and a missing host the configured one. At most
 * {@value Limits#MAX_QUEUED_NOTICES} of each wait; beyond that they are counted as
 * {@link RejectReason#QUEUE_FULL}.
 */
final class Notices {

	private final AggregatorSettings settings;

	private final Problems problems;

	private final CloseGate gate;

	private final BoundedQueue<Event> events = new BoundedQueue<>(Limits.MAX_QUEUED_NOTICES);

	private final BoundedQueue<ServiceCheck> serviceChecks = new BoundedQueue<>(Limits.MAX_QUEUED_NOTICES);

	Notices(AggregatorSettings settings, Problems problems, CloseGate gate) {
		this.settings = settings;
		this.problems = problems;
		this.gate = gate;
	}

	void event(Event event) {
		String subject = "event '" + ((event != null) ? LogText.shown(event.title()) : null) + "'";
		if (this.gate.isClosed()) {
			this.problems.reject(RejectReason.CLOSED, subject, null);
			return;
		}
		String problem = eventProblem(event);
		if (problem != null) {
			this.problems.reject(RejectReason.INVALID_EVENT, subject, problem);
			return;
		}
		List<String> tags = tags(event.tags(), "event", event.title(), subject);
		if (tags == null) {
			return;
		}
		Event queued = new Event(
				cut(event.title(), NameRules.MAX_TEXT_LENGTH, Normalization.TEXT_LENGTH, "title", subject),
				cut(event.text(), NameRules.MAX_TEXT_LENGTH, Normalization.TEXT_LENGTH, "text", subject),
				event.alertType(),
				cut(event.aggregationKey(), NameRules.MAX_AGGREGATION_KEY_LENGTH, Normalization.AGGREGATION_KEY_LENGTH,
						"aggregation key", subject),
				event.sourceTypeName(), orNow(event.dateHappened()), event.priority(), tags,
				orDefaultHost(event.host()));
		enqueue(this.events, queued, subject);
	}

	private static String eventProblem(Event event) {
		if (event == null) {
			return "event was null";
		}
		if (event.title() == null || event.title().isBlank()) {
			return "title was blank";
		}
		if (event.text() == null) {
			return "text was null";
		}
		return null;
	}

	void serviceCheck(ServiceCheck check) {
		String subject = "service check '" + ((check != null) ? LogText.shown(check.check()) : null) + "'";
		if (this.gate.isClosed()) {
			this.problems.reject(RejectReason.CLOSED, subject, null);
			return;
		}
		if (check == null || check.check() == null || check.check().isBlank() || check.status() == null) {
			this.problems.reject(RejectReason.INVALID_SERVICE_CHECK, subject, null);
			return;
		}
		List<String> tags = tags(check.tags(), "service check", check.check(), subject);
		if (tags == null) {
			return;
		}
		ServiceCheck queued = new ServiceCheck(check.check(), check.status(), orNow(check.timestamp()),
				cut(check.message(), NameRules.MAX_TEXT_LENGTH, Normalization.TEXT_LENGTH, "message", subject), tags,
				orDefaultHost(check.host()));
		enqueue(this.serviceChecks, queued, subject);
	}

	/**
	 * Queues inside the {@link CloseGate}, as a bucket is opened: a close that began
	 * after the check at the top either waits for this to be queued (and its last flush
	 * takes it) or has it counted as {@link RejectReason#CLOSED}, never leaves it queued
	 * after the last flush.
	 */
	private <T> void enqueue(BoundedQueue<T> queue, T item, String subject) {
		if (!this.gate.tryEnter()) {
			this.problems.reject(RejectReason.CLOSED, subject, null);
			return;
		}
		try {
			if (!queue.offer(item)) {
				this.problems.reject(RejectReason.QUEUE_FULL, subject, null);
			}
		}
		finally {
			this.gate.leave();
		}
	}

	/** Removes and returns the queued events, oldest first. */
	List<Event> drainEvents() {
		return this.events.drain();
	}

	/** Removes and returns the queued service checks, oldest first. */
	List<ServiceCheck> drainServiceChecks() {
		return this.serviceChecks.drain();
	}

	/** The tags as sent, or {@code null} when one is invalid (rejected and counted). */
	private List<String> tags(List<String> given, String ownerType, String ownerName, String subject) {
		String[] raw = given.toArray(new String[0]);
		Set<String> normalized = new TreeSet<>();
		int invalid = this.problems.normalizeTags(raw, normalized, ownerType, LogText.shown(ownerName));
		if (invalid >= 0) {
			this.problems.reject(RejectReason.INVALID_TAG, subject, Problems.invalidTag(raw[invalid]));
			return null;
		}
		return this.settings.withConstantTags(new ArrayList<>(normalized));
	}

	/**
	 * The text cut to {@code max} characters, the cut counted and logged once
	 * ({@code null} stays).
	 */
	private String cut(String text, int max, Normalization rule, String what, String subject) {
		if (text == null || text.length() <= max) {
			return text;
		}
		NameRules.Normalized cut = new NameRules.Normalized(NameRules.truncated(text, max), Set.of(rule));
		this.problems.normalized(what + " of " + subject + " (" + text.length() + " characters)", cut);
		return cut.value();
	}

	private Instant orNow(Instant time) {
		return (time != null) ? time : this.settings.clock().instant();
	}

	private String orDefaultHost(String host) {
		return (host != null) ? host : this.settings.defaultHost();
	}

}
