package io.threadstats.annotation;

import java.util.Arrays;
import java.util.List;

/**
 * The {@link MetricTag} parameters of one method: which arguments become tags, under
 * which keys. Reads a call's values into a key (to look cached handles up by) and turns a
 * key into tags.
 */
final class ArgumentTags {

	private final int[] positions;

	private final String[] keys;

	/**
	 * @param positions the tagged parameters' indexes, not empty
	 * @param keys their tag keys, in the same order, each accepted by
	 * {@link MethodTags#isValidKey}
	 */
	ArgumentTags(int[] positions, String[] keys) {
		this.positions = positions.clone();
		this.keys = keys.clone();
	}

	/**
	 * The tag values of a call, as a key with value equality: the value itself for one
	 * tagged parameter (no allocation for a {@code String} argument), a list of them for
	 * several.
	 */
	Object valuesOf(Object[] arguments) {
		if (this.positions.length == 1) {
			return tagValue(arguments[this.positions[0]]);
		}
		String[] values = new String[this.positions.length];
		for (int i = 0; i < values.length; i++) {
			values[i] = tagValue(arguments[this.positions[i]]);
		}
		return Arrays.asList(values);
	}

	/**
	 * The tags for values returned by {@link #valuesOf}, normalised (see
	 * {@link MethodTags}).
	 */
	String[] tagsFor(Object values) {
		String[] tags = new String[this.keys.length];
		if (values instanceof String single) {
			tags[0] = MethodTags.of(this.keys[0], single);
			return tags;
		}
		List<?> list = (List<?>) values;
		for (int i = 0; i < tags.length; i++) {
			tags[i] = MethodTags.of(this.keys[i], (String) list.get(i));
		}
		return tags;
	}

	private static String tagValue(Object argument) {
		return (argument != null) ? String.valueOf(argument) : MetricTag.NULL_VALUE;
	}

}
