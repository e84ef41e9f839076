package io.threadstats.aggregation;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where bad input goes: counted by reason and logged once per distinct problem at WARN with what was
 * dropped and the rule it broke, or, when strict, thrown as {@link IllegalArgumentException} with the same
 * message. Logging remembers at most {@value #MAX_REMEMBERED} distinct problems, so that a flood of
 * distinct bad names cannot grow memory; beyond that problems are still counted.
 */
final class Problems {

	static final int MAX_REMEMBERED = 1000;

	private static final Logger logger = LoggerFactory.getLogger(Aggregator.class);

	private final boolean strict;

	private final LongAdder[] counts = new LongAdder[RejectReason.values().length];

	private final Set<String> logged = ConcurrentHashMap.newKeySet();

	Problems(boolean strict) {
		this.strict = strict;
		for (int i = 0; i < this.counts.length; i++) {
			this.counts[i] = new LongAdder();
		}
	}

	boolean strict() {
		return this.strict;
	}

	/**
	 * Drops a call: throws when strict, else counts it and logs it unless this problem was logged before.
	 * @param reason the rule broken
	 * @param subject what was dropped, e.g. {@code metric 'page.views'}
	 * @param detail the offending input, or {@code null}
	 */
	void reject(RejectReason reason, String subject, String detail) {
		report(reason, subject, detail);
		count(reason, 1);
	}

	/** Like {@link #reject} but without counting: for problems found once and counted per call later. */
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

	/** Reports input that was kept after normalisation: logged once, or thrown when strict. */
	void normalized(String subject, String result, String rule) {
		String message = "threadstats normalised " + subject + " to '" + result + "': " + rule;
		if (this.strict) {
			throw new IllegalArgumentException(message);
		}
		if (firstTime("normalised|" + subject)) {
			logger.warn(message);
		}
	}

	/** Logs a message once (not counted, never thrown): for conditions with their own counting. */
	void warnOnce(String key, String message) {
		if (firstTime(key)) {
			logger.warn(message);
		}
	}

	Map<RejectReason, Long> counts() {
		Map<RejectReason, Long> counts = new java.util.EnumMap<>(RejectReason.class);
		for (RejectReason reason : RejectReason.values()) {
			long count = this.counts[reason.ordinal()].sum();
			if (count > 0) {
				counts.put(reason, count);
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

}
