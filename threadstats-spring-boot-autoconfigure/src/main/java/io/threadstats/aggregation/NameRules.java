package io.threadstats.aggregation;

import java.util.Locale;

/**
 * Metric names and tags normalised the way Datadog's intake does, so that what we aggregate as one series
 * is what Datadog stores as one.
 *
 * <ul>
 * <li>Names: must start with an ASCII letter (else rejected); ASCII letters, digits, {@code _} and
 * {@code .} are kept, any other character becomes {@code _}; longer than {@value #MAX_LENGTH} characters
 * are truncated.</li>
 * <li>Tags: lower-cased; must start with a letter (else rejected); letters, digits and {@code _ - : . /}
 * are kept, any other character becomes {@code _}; longer than {@value #MAX_LENGTH} characters are
 * truncated.</li>
 * </ul>
 * Truncation rather than rejection: a long tag value (a URL, a query) is more useful cut than lost, and
 * the intake would cut it the same way.
 */
public final class NameRules {

	/** The longest name or tag kept. */
	public static final int MAX_LENGTH = 200;

	static final String NAME_CHARACTERS_RULE = "metric names may contain only ASCII letters, digits, '_' and '.'; other characters become '_'";

	static final String TAG_CHARACTERS_RULE = "tags are lower-cased and may contain only letters, digits and '_-:./'; other characters become '_'";

	static final String LENGTH_RULE = "names and tags are truncated to " + MAX_LENGTH + " characters";

	private NameRules() {
	}

	/** A normalised value, and why it differs from the input ({@code null} when it does not). */
	public record Normalized(String value, String notice) {
	}

	/** The normalised name, or {@code null} when it breaks {@link RejectReason#INVALID_NAME}. */
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
		return new Normalized(value, notice(raw.length() > MAX_LENGTH, chars != null, NAME_CHARACTERS_RULE));
	}

	/** The normalised tag, or {@code null} when it breaks {@link RejectReason#INVALID_TAG}. */
	public static Normalized tag(String raw) {
		if (raw == null || raw.isEmpty()) {
			return null;
		}
		String lower = raw.toLowerCase(Locale.ROOT);
		if (!Character.isLetter(lower.codePointAt(0))) {
			return null;
		}
		if (lower == raw && raw.length() <= MAX_LENGTH && allTagCharacters(raw)) {
			return new Normalized(raw, null);
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
		boolean truncated = normalized.length() > MAX_LENGTH;
		if (truncated) {
			int end = Character.isHighSurrogate(normalized.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
			normalized.setLength(end);
		}
		boolean changed = replaced || !lower.equals(raw);
		return new Normalized(normalized.toString(), notice(truncated, changed, TAG_CHARACTERS_RULE));
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

	private static String notice(boolean truncated, boolean changed, String charactersRule) {
		if (truncated && changed) {
			return charactersRule + "; " + LENGTH_RULE;
		}
		if (truncated) {
			return LENGTH_RULE;
		}
		return changed ? charactersRule : null;
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
