package io.threadstats.aggregation;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.threadstats.api.LogText;
import io.threadstats.api.NameRules;
import io.threadstats.api.Normalization;
import io.threadstats.api.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where bad input goes: counted by reason and logged once per distinct problem at WARN
 * with what was dropped and the rule it broke, or, when strict, thrown as
 * {@link IllegalArgumentException} with the same message. Input kept after normalisation
 * goes the same way, counted by {@link Normalization} instead of as a drop. Logging
 * remembers at most {@value #MAX_REMEMBERED} distinct problems, so that a flood of
 * distinct bad names cannot grow memory; beyond that problems are still counted.
 */
final class Problems {

	static final int MAX_REMEMBERED = 1000;

	private static final Logger logger = LoggerFactory.getLogger(Aggregator.class);

	private final boolean strict;

	private final LongAdder[] counts = new LongAdder[RejectReason.values().length];

	private final LongAdder[] normalizations = new LongAdder[Normalization.values().length];

	private final Set<String> logged = ConcurrentHashMap.newKeySet();

	Problems(boolean strict) {
		this.strict = strict;
		for (int i = 0; i < this.counts.length; i++) {
			this.counts[i] = new LongAdder();
		}
		for (int i = 0; i < this.normalizations.length; i++) {
			this.normalizations[i] = new LongAdder();
		}
	}

	boolean strict() {
		return this.strict;
	}

	/**
	 * Drops a call: throws when strict, else counts it and logs it unless this problem
	 * was logged before.
	 * @param reason the rule broken
	 * @param subject what was dropped, e.g. {@code metric 'page.views'}
	 * @param detail the offending input, or {@code null}
	 */
	void reject(RejectReason reason, String subject, String detail) {
		report(reason, subject, detail);
		count(reason, 1);
	}

	/**
	 * Like {@link #reject} but without counting: for problems found once and counted per
	 * call later.
	 */
	void report(RejectReason reason, String subject, String detail) {
		String message = message(reason, subject, detail);
		if (this.strict) {
			throw new IllegalArgumentException(message);
		}
		if (firstTime(reason.name() + '|' + subject)) {
			logger.warn(message);
		}
	}

	/** Counts dropped calls whose problem was already reported. */
	void count(RejectReason reason, long calls) {
		this.counts[reason.ordinal()].add(calls);
	}

	/**
	 * Reports input that was kept after normalisation: counted per normalisation applied
	 * and logged once, or thrown when strict.
	 * @param subject what was normalised, e.g.
	 * {@code tag 'Env:Prod' of counter 'page.views'}
	 * @param normalized the result, with a normalisation applied
	 */
	void normalized(String subject, NameRules.Normalized normalized) {
		String message = "threadstats normalised " + subject + " to '" + LogText.shown(normalized.value()) + "': "
				+ normalized.notice();
		if (this.strict) {
			throw new IllegalArgumentException(message);
		}
		for (Normalization applied : normalized.applied()) {
			this.normalizations[applied.ordinal()].increment();
		}
		if (firstTime("normalised|" + subject)) {
			logger.warn(message);
		}
	}

	/**
	 * Logs a message once (not counted, never thrown): for conditions with their own
	 * counting.
	 */
	void warnOnce(String key, String message) {
		if (firstTime(key)) {
			logger.warn(message);
		}
	}

	/** Drops so far by reason (reasons with none left out). */
	Map<RejectReason, Long> counts() {
		return nonZero(RejectReason.class, this.counts);
	}

	/** Normalisations so far by rule (rules with none left out). */
	Map<Normalization, Long> normalizations() {
		return nonZero(Normalization.class, this.normalizations);
	}

	private static <E extends Enum<E>> Map<E, Long> nonZero(Class<E> type, LongAdder[] adders) {
		Map<E, Long> counts = new EnumMap<>(type);
		for (E each : type.getEnumConstants()) {
			long count = adders[each.ordinal()].sum();
			if (count > 0) {
				counts.put(each, count);
			}
		}
		return counts;
	}

	static String message(RejectReason reason, String subject, String detail) {
		return "threadstats dropped " + subject + " (" + reason + "): " + reason.rule()
				+ ((detail != null) ? "; " + detail : "");
	}

	private boolean firstTime(String key) {
		if (this.logged.contains(key)) {
			return false;
		}
		if (this.logged.size() >= MAX_REMEMBERED) {
			return this.logged.add("(too many distinct problems)") && logFlood();
		}
		return this.logged.add(key);
	}

	private boolean logFlood() {
		logger.warn("threadstats saw over {} distinct input problems; further ones are counted, not logged",
				MAX_REMEMBERED);
		return false;
	}

	/**
	 * Normalises tags into a set, so that their order and duplicates never matter,
	 * reporting each normalisation here.
	 * @param raw the tags as given
	 * @param into where the normalised tags go
	 * @param ownerType what the tags belong to, for messages: {@code counter},
	 * {@code event}
	 * @param ownerName its name as given (messages only put the two together when needed:
	 * resolving a series allocates little)
	 * @return -1, or the index of the first tag that breaks
	 * {@link RejectReason#INVALID_TAG} ({@code into} is then incomplete)
	 */
	int normalizeTags(String[] raw, Set<String> into, String ownerType, String ownerName) {
		for (int i = 0; i < raw.length; i++) {
			NameRules.Normalized normalized = NameRules.tag(raw[i]);
			if (normalized == null) {
				return i;
			}
			if (!normalized.applied().isEmpty()) {
				normalized(
						"tag '" + LogText.shown(raw[i]) + "' of " + ownerType + " '" + LogText.shown(ownerName) + "'",
						normalized);
			}
			into.add(normalized.value());
		}
		return -1;
	}

	/** How messages name a tag that broke {@link RejectReason#INVALID_TAG}. */
	static String invalidTag(String tag) {
		return "tag " + ((tag != null) ? "'" + LogText.shown(tag) + "'" : "null");
	}

}
