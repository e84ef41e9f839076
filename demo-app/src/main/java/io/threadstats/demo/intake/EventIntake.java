package io.threadstats.demo.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Accepts {@code /api/v1/events} and {@code /api/v1/check_run} bodies into the
 * {@link IntakeStore}, with Datadog's rules: an event needs a title and a text (cut to
 * 4,000 characters), a known priority and alert type, an aggregation key of at most 100
 * characters, and may be at most 18 hours old; a service check needs a name and a status
 * from 0 to 3, and is dropped (and counted) when more than 10 minutes old.
 */
final class EventIntake {

	static final int MAX_TEXT_LENGTH = 4000;

	static final int MAX_AGGREGATION_KEY_LENGTH = 100;

	private static final Set<String> PRIORITIES = Set.of("normal", "low");

	private static final Set<String> ALERT_TYPES = Set.of("error", "warning", "info", "success", "user_update",
			"recommendation", "snapshot");

	private final IntakeStore store;

	private final DatadogNames names;

	private final TimestampRules timestamps;

	private final AtomicLong nextEventId = new AtomicLong(1);

	EventIntake(IntakeStore store, DatadogNames names, TimestampRules timestamps) {
		this.store = store;
		this.names = names;
		this.timestamps = timestamps;
	}

	/** Accepts one event and returns it as kept (Datadog echoes it in its answer). */
	ReceivedEvent acceptEvent(JsonNode root) {
		String where = "event";
		JsonFields.requireObject(root, where);
		String title = requireString(root, "title");
		String text = requireString(root, "text");
		if (text.length() > MAX_TEXT_LENGTH) {
			text = text.substring(0, MAX_TEXT_LENGTH);
			this.store.statistics().dropped(DropReason.EVENT_TEXT_TRUNCATED, 1);
		}
		Long dateHappened = JsonFields.optionalLong(root, "date_happened", where);
		long happened = (dateHappened != null) ? dateHappened : this.timestamps.nowSeconds();
		if (this.timestamps.eventTooOld(happened)) {
			throw new IntakeRejection(HttpStatus.BAD_REQUEST, "Event too far in the past", MediaType.TEXT_PLAIN, null);
		}
		String priority = oneOf(root, "priority", PRIORITIES, "normal");
		String alertType = oneOf(root, "alert_type", ALERT_TYPES, "info");
		String aggregationKey = JsonFields.optionalString(root, "aggregation_key", where);
		if (aggregationKey != null && aggregationKey.length() > MAX_AGGREGATION_KEY_LENGTH) {
			throw IntakeRejection.badPayload("aggregation_key must be at most " + MAX_AGGREGATION_KEY_LENGTH
					+ " characters, was " + aggregationKey.length());
		}
		ReceivedEvent event = new ReceivedEvent(this.nextEventId.getAndIncrement(), title, text, happened, priority,
				alertType, JsonFields.optionalString(root, "host", where),
				this.names.tags(JsonFields.stringList(root, "tags", where)), aggregationKey,
				JsonFields.optionalString(root, "source_type_name", where));
		this.store.addEvent(event);
		return event;
	}

	private static String requireString(JsonNode root, String field) {
		String value = JsonFields.optionalString(root, field, "event");
		if (value == null) {
			throw IntakeRejection.badPayload("event." + field + " is required");
		}
		return value;
	}

	private static String oneOf(JsonNode root, String field, Set<String> allowed, String fallback) {
		String value = JsonFields.optionalString(root, field, "event");
		if (value == null) {
			return fallback;
		}
		if (!allowed.contains(value)) {
			throw IntakeRejection.badPayload("event." + field + " must be one of " + allowed.stream().sorted().toList()
					+ ", was \"" + value + "\"");
		}
		return value;
	}

	/** Accepts a JSON array of service check runs. */
	void acceptCheckRun(JsonNode root) {
		JsonFields.requireArray(root, "body");
		List<ReceivedCheck> checks = new ArrayList<>(root.size());
		for (int i = 0; i < root.size(); i++) {
			String where = "[" + i + "]";
			JsonNode check = JsonFields.requireObject(root.get(i), where);
			String name = JsonFields.optionalString(check, "check", where);
			if (name == null || name.isBlank()) {
				throw IntakeRejection.badPayload(where + ".check is required");
			}
			Long status = JsonFields.optionalLong(check, "status", where);
			if (status == null || status < 0 || status > 3) {
				throw IntakeRejection.badPayload(
						where + ".status must be 0 (OK), 1 (WARNING), 2 (CRITICAL) or 3 (UNKNOWN), was " + status);
			}
			Long timestamp = JsonFields.optionalLong(check, "timestamp", where);
			checks.add(new ReceivedCheck(name, JsonFields.optionalString(check, "host_name", where), status.intValue(),
					this.names.tags(JsonFields.stringList(check, "tags", where)),
					(timestamp != null) ? timestamp : this.timestamps.nowSeconds(),
					JsonFields.optionalString(check, "message", where)));
		}
		for (ReceivedCheck check : checks) {
			if (this.timestamps.checkTooOld(check.timestamp())) {
				this.store.statistics().dropped(DropReason.CHECK_TOO_OLD, 1);
			}
			else {
				this.store.addCheck(check);
			}
		}
	}

}
