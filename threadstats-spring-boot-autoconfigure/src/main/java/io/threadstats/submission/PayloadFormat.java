package io.threadstats.submission;

import java.util.List;

import tools.jackson.core.JsonGenerator;

/**
 * How one kind of item is written to one intake endpoint: the envelope around the items
 * and the JSON of one item, written with Jackson's streaming generator.
 *
 * @param <T> the item type
 */
interface PayloadFormat<T> {

	/** Returned by {@link #timestamp} for an item Datadog does not discard by age. */
	long NO_TIMESTAMP = Long.MIN_VALUE;

	/** Where payloads of this format are posted. */
	IntakeEndpoint endpoint();

	/** The bytes before the first item. */
	byte[] prefix();

	/** The bytes after the last item. */
	byte[] suffix();

	/** Writes one item as a single JSON value. */
	void write(JsonGenerator generator, T item);

	/** The item's timestamp in epoch seconds, or {@link #NO_TIMESTAMP}. */
	long timestamp(T item);

	/**
	 * Lets the engine reuse what a delivered item holds: nothing reads it again. Nothing
	 * to do for most items.
	 */
	default void release(T item) {
	}

	/** Writes {@code "tags":[...]} when there are tags. */
	static void writeTags(JsonGenerator generator, List<String> tags) {
		if (tags.isEmpty()) {
			return;
		}
		generator.writeName("tags");
		generator.writeStartArray();
		for (String tag : tags) {
			generator.writeString(tag);
		}
		generator.writeEndArray();
	}

	/**
	 * Writes a metric value: a whole number within a {@code long} as an integer, any
	 * other as Java writes a double. Both are JSON numbers that read back as the same
	 * double; the integer is shorter and several times cheaper to write, which counts for
	 * a hot distribution's raw values (sizes, counts).
	 */
	static void writeValue(JsonGenerator generator, double value) {
		// (long) saturates beyond a long's range, and then differs from the value
		long whole = (long) value;
		if (whole == value) {
			generator.writeNumber(whole);
		}
		else {
			generator.writeNumber(value);
		}
	}

	/** Writes a string property only when the value is not {@code null}. */
	static void writeOptional(JsonGenerator generator, String name, String value) {
		if (value != null) {
			generator.writeStringProperty(name, value);
		}
	}

}
