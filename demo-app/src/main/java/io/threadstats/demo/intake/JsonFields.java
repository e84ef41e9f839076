package io.threadstats.demo.intake;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Typed reads of optional request fields, refusing a field of the wrong JSON type with a
 * {@code 400} that names where it was
 * ({@code series[2].tags[0] must be a string, was 12}).
 */
final class JsonFields {

	private JsonFields() {
	}

	/** The string field, or {@code null} when absent or JSON {@code null}. */
	static String optionalString(JsonNode parent, String field, String where) {
		JsonNode node = parent.get(field);
		if (isAbsent(node)) {
			return null;
		}
		if (!node.isString()) {
			throw wrongType(where + "." + field, "a string", node);
		}
		return node.stringValue();
	}

	/** The integral number field, or {@code null} when absent or JSON {@code null}. */
	static Long optionalLong(JsonNode parent, String field, String where) {
		JsonNode node = parent.get(field);
		if (isAbsent(node)) {
			return null;
		}
		if (!node.isIntegralNumber()) {
			throw wrongType(where + "." + field, "an integer", node);
		}
		return node.longValue();
	}

	/** The array of strings field, empty when absent or JSON {@code null}. */
	static List<String> stringList(JsonNode parent, String field, String where) {
		JsonNode node = parent.get(field);
		if (isAbsent(node)) {
			return List.of();
		}
		JsonNode array = requireArray(node, where + "." + field);
		List<String> strings = new ArrayList<>(array.size());
		for (int i = 0; i < array.size(); i++) {
			JsonNode element = array.get(i);
			if (!element.isString()) {
				throw wrongType(where + "." + field + "[" + i + "]", "a string", element);
			}
			strings.add(element.stringValue());
		}
		return strings;
	}

	/** The array field, empty when absent or JSON {@code null}. */
	static JsonNode optionalArray(JsonNode parent, String field, String where) {
		JsonNode node = parent.get(field);
		return isAbsent(node) ? JsonNodeFactory.instance.arrayNode() : requireArray(node, where + "." + field);
	}

	static JsonNode requireArray(JsonNode node, String where) {
		if (!node.isArray()) {
			throw wrongType(where, "an array", node);
		}
		return node;
	}

	static JsonNode requireObject(JsonNode node, String where) {
		if (!node.isObject()) {
			throw wrongType(where, "an object", node);
		}
		return node;
	}

	static IntakeRejection wrongType(String where, String expected, JsonNode actual) {
		return IntakeRejection.badPayload(where + " must be " + expected + ", was " + abbreviated(actual));
	}

	private static boolean isAbsent(JsonNode node) {
		return node == null || node.isNull();
	}

	private static String abbreviated(JsonNode node) {
		String json = node.toString();
		return (json.length() <= 60) ? json : json.substring(0, 57) + "...";
	}

}
