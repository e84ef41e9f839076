package io.threadstats.demo.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * Datadog's rules for metric names and tags, applied the way its intake applies them (it
 * rewrites rather than rejects), so the page shows names as Datadog would.
 *
 * <ul>
 * <li>Metric names start with a letter; ASCII letters, digits, {@code _} and {@code .};
 * any other character becomes {@code _}; at most 200 characters; case is kept.</li>
 * <li>Tags start with a letter; letters, digits and {@code _ - : . /}; any other
 * character becomes {@code _}; at most 200 characters; lower-cased.</li>
 * </ul>
 * Every name it changes is counted in {@link IntakeStatistics}.
 */
final class DatadogNames {

	static final int MAX_LENGTH = 200;

	private final IntakeStatistics statistics;

	DatadogNames(IntakeStatistics statistics) {
		this.statistics = statistics;
	}

	/**
	 * The metric name Datadog would store, or {@code null} if none was sent or nothing
	 * usable is left.
	 */
	String metric(String name) {
		String normalised = (name != null) ? metricName(name) : null;
		if (normalised != null && !normalised.equals(name)) {
			this.statistics.rewrittenMetricName();
		}
		return normalised;
	}

	/**
	 * The tags Datadog would store: each normalised, those with nothing usable left
	 * dropped.
	 */
	List<String> tags(List<String> tags) {
		List<String> normalised = new ArrayList<>(tags.size());
		for (String tag : tags) {
			String rewritten = tag(tag);
			if (!tag.equals(rewritten)) {
				this.statistics.rewrittenTag();
			}
			if (rewritten != null) {
				normalised.add(rewritten);
			}
		}
		return normalised;
	}

	/** The metric name Datadog would store, or {@code null} if nothing usable is left. */
	static String metricName(String name) {
		String fromFirstLetter = fromFirstLetter(name, DatadogNames::isAsciiLetter);
		if (fromFirstLetter.isEmpty()) {
			return null;
		}
		StringBuilder normalised = new StringBuilder(Math.min(fromFirstLetter.length(), MAX_LENGTH));
		for (int i = 0; i < fromFirstLetter.length() && normalised.length() < MAX_LENGTH; i++) {
			char c = fromFirstLetter.charAt(i);
			normalised.append(isAsciiLetterOrDigit(c) || c == '_' || c == '.' ? c : '_');
		}
		return normalised.toString();
	}

	/** The tag Datadog would store, or {@code null} if nothing usable is left. */
	static String tag(String tag) {
		String fromFirstLetter = fromFirstLetter(tag.toLowerCase(Locale.ROOT), Character::isLetter);
		if (fromFirstLetter.isEmpty()) {
			return null;
		}
		StringBuilder normalised = new StringBuilder(Math.min(fromFirstLetter.length(), MAX_LENGTH));
		for (int i = 0; i < fromFirstLetter.length() && normalised.length() < MAX_LENGTH; i++) {
			char c = fromFirstLetter.charAt(i);
			normalised.append(Character.isLetterOrDigit(c) || "_-:./".indexOf(c) >= 0 ? c : '_');
		}
		return normalised.toString();
	}

	private static String fromFirstLetter(String text, IntPredicate isLetter) {
		for (int i = 0; i < text.length(); i++) {
			if (isLetter.test(text.charAt(i))) {
				return text.substring(i);
			}
		}
		return "";
	}

	private static boolean isAsciiLetterOrDigit(int c) {
		return isAsciiLetter(c) || (c >= '0' && c <= '9');
	}

	private static boolean isAsciiLetter(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

}
