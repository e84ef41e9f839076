package io.threadstats.api;

/**
 * How log lines and messages quote text that came from users: never more than a line's
 * worth.
 */
public final class LogText {

	/** The most characters of one quoted value a message shows. */
	public static final int MAX_SHOWN = NameRules.MAX_LENGTH;

	private LogText() {
	}

	/**
	 * A value as messages show it: cut after {@value #MAX_SHOWN} characters, with
	 * {@code ...} marking the cut (a 100,000-character tag must not make a
	 * 100,000-character log line).
	 * @param value the value, or {@code null}
	 * @return the value, cut when longer than {@value #MAX_SHOWN}
	 */
	public static String shown(String value) {
		return (value != null && value.length() > MAX_SHOWN) ? NameRules.truncated(value, MAX_SHOWN) + "..." : value;
	}

}
