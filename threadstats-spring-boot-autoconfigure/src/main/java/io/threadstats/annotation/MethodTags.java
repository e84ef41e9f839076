package io.threadstats.annotation;

import io.threadstats.api.NameRules;

/**
 * Tags the advisors build, already normalised by the engine's own {@link NameRules}:
 * class names, exception names and argument values are mixed-case data, not mistakes, so
 * they must neither make the engine log a normalisation warning per distinct value nor be
 * refused by a {@code strict} one. Datadog lower-cases tags anyway, so nothing a
 * dashboard sees changes.
 */
final class MethodTags {

	private MethodTags() {
	}

	/**
	 * The normalised {@code key:value} tag.
	 * @param key a key already accepted by {@link #isValidKey}
	 * @param value any value
	 */
	static String of(String key, String value) {
		return NameRules.tag(key + ':' + value).value();
	}

	/**
	 * Whether tags with this key are accepted by the engine (they must start with a
	 * letter).
	 */
	static boolean isValidKey(String key) {
		return NameRules.tag(key) != null;
	}

}
