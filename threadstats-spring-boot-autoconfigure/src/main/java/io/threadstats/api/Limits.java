package io.threadstats.api;

/**
 * Bounds the engine puts on what it holds, named by the rules that enforce them
 * ({@link RejectReason}).
 */
public final class Limits {

	/** Most distribution values or distinct set members one series holds per bucket. */
	public static final int MAX_VALUES_PER_BUCKET = 1 << 17;

	/** Most events, and most service checks, queued between flushes. */
	public static final int MAX_QUEUED_NOTICES = 10_000;

	private Limits() {
	}

}
