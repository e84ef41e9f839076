package io.threadstats.submission;

import io.threadstats.snapshot.Event;
import tools.jackson.core.JsonGenerator;

/** One event for {@code POST /api/v1/events}: the body is the event object itself. */
final class EventFormat implements PayloadFormat<Event> {

	static final EventFormat INSTANCE = new EventFormat();

	private static final byte[] NONE = new byte[0];

	@Override
	public IntakeEndpoint endpoint() {
		return IntakeEndpoint.EVENTS;
	}

	@Override
	public byte[] prefix() {
		return NONE;
	}

	@Override
	public byte[] suffix() {
		return NONE;
	}

	@Override
	public void write(JsonGenerator generator, Event event) {
		generator.writeStartObject();
		generator.writeStringProperty("title", event.title());
		generator.writeStringProperty("text", event.text());
		if (event.dateHappened() != null) {
			generator.writeNumberProperty("date_happened", event.dateHappened().getEpochSecond());
		}
		if (event.priority() != null) {
			generator.writeStringProperty("priority", event.priority().apiValue());
		}
		if (event.alertType() != null) {
			generator.writeStringProperty("alert_type", event.alertType().apiValue());
		}
		PayloadFormat.writeOptional(generator, "aggregation_key", event.aggregationKey());
		PayloadFormat.writeOptional(generator, "source_type_name", event.sourceTypeName());
		PayloadFormat.writeOptional(generator, "host", event.host());
		PayloadFormat.writeTags(generator, event.tags());
		generator.writeEndObject();
	}

	@Override
	public long timestamp(Event event) {
		return NO_TIMESTAMP;
	}

}
