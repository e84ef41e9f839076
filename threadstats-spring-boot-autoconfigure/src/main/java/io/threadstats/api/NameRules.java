package io.threadstats.api;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Metric names and tags normalised the way Datadog's intake does, so that what we
 * aggregate as one series is what Datadog stores as one; and the length limits of event
 * and service check texts.
 *
 * <ul>
 * <li>Names: must start with an ASCII letter (else rejected); ASCII letters, digits,
 * {@code _} and {@code .} are kept, any other character becomes {@code _}; longer than
 * {@value #MAX_LENGTH} characters are truncated.</li>
 * <li>Tags: lower-cased; must start with a letter (else rejected); letters, digits and
 * {@code _ - : . /} are kept, any other character becomes {@code _}; longer than
 * {@value #MAX_LENGTH} characters are truncated. The same for series, events and service
 * checks.</li>
 * <li>Event titles and texts, and service check messages: truncated to
 * {@value #MAX_TEXT_LENGTH} characters (the events API's limit for texts; ours for the
 * others, so that a queued notice has a bounded size); aggregation keys to
 * {@value #MAX_AGGREGATION_KEY_LENGTH}.</li>
 * </ul>
 * Truncation rather than rejection: a long tag value (a URL, a query) or event text (a
 * stack trace) is more useful cut than lost, and the intake would cut it the same way.
 * Every change is named by a {@link Normalization}.
 */
public final class NameRules {

	/** The longest name or tag kept. */
	public static final int MAX_LENGTH = 200;

	/** The longest event title or text, or service check message, kept. */
	public static final int MAX_TEXT_LENGTH = 4000;

	/** The longest event aggregation key kept. */
	public static final int MAX_AGGREGATION_KEY_LENGTH = 100;

	/** What a namespace must be, in words. */
	private static final String NAMESPACE_RULE = "a metric name prefix used as written: an ASCII letter, then ASCII"
			+ " letters, digits, '_' or '.', at most " + MAX_LENGTH + " characters";

	/**
	 * What a constant tag must be, in words: one {@link #tag} takes (it may still be
	 * normalised, to lower case and {@code _} for other characters).
	 */
	public static final String CONSTANT_TAG_RULE = "tags starting with a letter, such as team:payments";

	private NameRules() {
	}

	/**
	 * What a namespace must be and what this one breaks, in words, or {@code null} when
	 * it is a name the engine keeps exactly as written (normalising it would make every
	 * metric's name differ from the one configured). For the message of whatever
	 * validates a configured namespace.
	 * @param namespace the namespace as configured
	 * @return {@code null}, or the rule followed by the rule broken (or the
	 * normalisations it would need)
	 */
	public static String namespaceProblem(String namespace) {
		Normalized normalized = name(namespace);
		String broken = (normalized != null) ? normalized.notice() : RejectReason.INVALID_NAME.rule();
		return (broken != null) ? NAMESPACE_RULE + " (" + broken + ")" : null;
	}

	/**
	 * A normalised value and the normalisations that made it differ from the input (empty
	 * when it does not).
	 *
	 * @param value the normalised value
	 * @param applied what changed it
	 */
	public record Normalized(String value, Set<Normalization> applied) {

		public Normalized {
			applied = applied.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(applied));
		}

		/** Why it differs from the input, in words ({@code null} when it does not). */
		public String notice() {
			if (this.applied.isEmpty()) {
				return null;
			}
			StringJoiner rules = new StringJoiner("; ");
			for (Normalization normalization : this.applied) {
				rules.add(normalization.rule());
			}
			return rules.toString();
		}

	}

	/**
	 * The normalised name, or {@code null} when it breaks
	 * {@link RejectReason#INVALID_NAME}.
	 */
	public static Normalized name(String raw) {
		if (raw == null || raw.isEmpty() || !isAsciiLetter(raw.charAt(0))) {
			return null;
		}
		int length = Math.min(raw.length(), MAX_LENGTH);
		char[] chars = null;
		for (int i = 0; i < length; i++) {
			char c = raw.charAt(i);
			if (!isNameCharacter(c)) {
				if (chars == null) {
					chars = raw.substring(0, length).toCharArray();
				}
				chars[i] = '_';
			}
		}
		String value = (chars != null) ? new String(chars) : raw.substring(0, length);
		if (chars == null && raw.length() <= MAX_LENGTH) {
			return new Normalized(value, Set.of());
		}
		Set<Normalization> applied = EnumSet.noneOf(Normalization.class);
		if (chars != null) {
			applied.add(Normalization.NAME_CHARACTERS);
		}
		if (raw.length() > MAX_LENGTH) {
			applied.add(Normalization.NAME_OR_TAG_LENGTH);
		}
		return new Normalized(value, applied);
	}

	/**
	 * The normalised tag, or {@code null} when it breaks
	 * {@link RejectReason#INVALID_TAG}.
	 */
	public static Normalized tag(String raw) {
		if (raw == null || raw.isEmpty()) {
			return null;
		}
		String lower = raw.toLowerCase(Locale.ROOT);
		if (!Character.isLetter(lower.codePointAt(0))) {
			return null;
		}
		if (lower == raw && raw.length() <= MAX_LENGTH && allTagCharacters(raw)) {
			return new Normalized(raw, Set.of());
		}
		StringBuilder normalized = new StringBuilder(lower.length());
		boolean replaced = false;
		for (int i = 0; i < lower.length();) {
			int codePoint = lower.codePointAt(i);
			i += Character.charCount(codePoint);
			if (isTagCharacter(codePoint)) {
				normalized.appendCodePoint(codePoint);
			}
			else {
				normalized.append('_');
				replaced = true;
			}
		}
		Set<Normalization> applied = EnumSet.noneOf(Normalization.class);
		if (!lower.equals(raw)) {
			applied.add(Normalization.TAG_CASE);
		}
		if (replaced) {
			applied.add(Normalization.TAG_CHARACTERS);
		}
		if (normalized.length() > MAX_LENGTH) {
			normalized.setLength(cutAt(normalized, MAX_LENGTH));
			applied.add(Normalization.NAME_OR_TAG_LENGTH);
		}
		return new Normalized(normalized.toString(), applied);
	}

	/**
	 * The text cut to at most {@code max} characters (never between the two halves of a
	 * surrogate pair), or the text itself when it is not longer.
	 */
	public static String truncated(String text, int max) {
		return (text.length() > max) ? text.substring(0, cutAt(text, max)) : text;
	}

	/**
	 * Where to cut a text longer than {@code max}: {@code max}, or one less not to split
	 * a surrogate pair.
	 */
	private static int cutAt(CharSequence text, int max) {
		return Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
	}

	private static boolean allTagCharacters(String tag) {
		for (int i = 0; i < tag.length(); i++) {
			char c = tag.charAt(i);
			boolean plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == ':'
					|| c == '.' || c == '/';
			if (!plain) {
				return false;
			}
		}
		return true;
	}

	private static boolean isAsciiLetter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	private static boolean isNameCharacter(char c) {
		return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.';
	}

	private static boolean isTagCharacter(int codePoint) {
		return Character.isLetterOrDigit(codePoint) || codePoint == '_' || codePoint == '-' || codePoint == ':'
				|| codePoint == '.' || codePoint == '/';
	}

}
