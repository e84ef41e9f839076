package io.threadstats.benchmarks;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * One machine-readable result of a harness, printed on its own line as {@value #PREFIX}
 * followed by a JSON object, among the human-readable output.
 * {@code benchmarks/tables.py} reads these lines from the logs {@code run-all.sh} keeps
 * and turns them into the tables of {@code docs/benchmarks.md}, so the field names here
 * are that script's input: change both together.
 */
final class ResultLine {

	/** What starts every result line. */
	static final String PREFIX = "RESULT ";

	private static final JsonFactory JSON = new JsonFactory();

	private final Map<String, Object> fields = new LinkedHashMap<>();

	private ResultLine(String harness) {
		this.fields.put("harness", harness);
	}

	/** A result of {@code harness} ({@code end-to-end}, {@code heap}, {@code flush}). */
	static ResultLine of(String harness) {
		return new ResultLine(harness);
	}

	/**
	 * Adds a field: a {@link String}, {@link Number}, {@link Boolean}, or a map of such
	 * values.
	 */
	ResultLine with(String name, Object value) {
		this.fields.put(name, value);
		return this;
	}

	/** Prints the line to {@code System.out}. */
	void print() {
		System.out.println(this);
	}

	@Override
	public String toString() {
		StringWriter json = new StringWriter();
		try (JsonGenerator generator = JSON.createGenerator(ObjectWriteContext.empty(), json)) {
			write(generator, this.fields);
		}
		return PREFIX + json;
	}

	private static void write(JsonGenerator generator, Object value) {
		if (value instanceof Map<?, ?> map) {
			generator.writeStartObject();
			map.forEach((name, field) -> {
				generator.writeName(String.valueOf(name));
				write(generator, field);
			});
			generator.writeEndObject();
		}
		else if (value instanceof Integer || value instanceof Long) {
			generator.writeNumber(((Number) value).longValue());
		}
		else if (value instanceof Number number) {
			generator.writeNumber(number.doubleValue());
		}
		else if (value instanceof Boolean flag) {
			generator.writeBoolean(flag);
		}
		else if (value == null) {
			generator.writeNull();
		}
		else {
			generator.writeString(value.toString());
		}
	}

}
