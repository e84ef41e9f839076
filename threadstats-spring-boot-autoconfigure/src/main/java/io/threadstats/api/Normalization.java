package io.threadstats.api;

/**
 * A way input was changed to fit Datadog's intake and then kept (unlike a
 * {@link RejectReason}, which drops it). Each has a rule a person can read;
 * {@link RecordingStatistics#normalized()} counts them.
 */
public enum Normalization {

	NAME_CHARACTERS("metric names may contain only ASCII letters, digits, '_' and '.'; other characters become '_'"),
	TAG_CASE("tags are lower-cased"),
	TAG_CHARACTERS("tags may contain only letters, digits and '_-:./'; other characters become '_'"),
	NAME_OR_TAG_LENGTH("names and tags are truncated to " + NameRules.MAX_LENGTH + " characters"),
	TEXT_LENGTH("event titles and texts, and service check messages, are truncated to " + NameRules.MAX_TEXT_LENGTH
			+ " characters"),
	AGGREGATION_KEY_LENGTH(
			"event aggregation keys are truncated to " + NameRules.MAX_AGGREGATION_KEY_LENGTH + " characters");

	private final String rule;

	Normalization(String rule) {
		this.rule = rule;
	}

	/** The rule that changed the input, in words. */
	public String rule() {
		return this.rule;
	}

}
