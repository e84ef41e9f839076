package io.threadstats;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.threadstats.submission.Submitter;

/**
 * An engine for tests of a hot distribution: its clock stands still, so every value lands
 * in one bucket whenever the test runs, and it flushes and hands full chunks off only
 * when the test asks.
 */
public final class OneBucketEngine {

	private OneBucketEngine() {
	}

	/**
	 * @param now the instant the clock stands at
	 * @param valuesPerPoint the values one distribution point (one chunk) holds
	 * @param submitter where flushes and hand-offs go
	 */
	public static ThreadStats at(Instant now, int valuesPerPoint, Submitter submitter) {
		return ThreadStats.builder()
			.clock(Clock.fixed(now, ZoneOffset.UTC))
			.submitter(submitter)
			.autoFlush(false)
			.noHost()
			.distributionValuesPerPoint(valuesPerPoint)
			.environment(Map.<String, String>of()::get)
			.build();
	}

}
