package io.threadstats.api;

/**
 * Bounds the engine puts on what it holds, named by the rules that enforce them
 * ({@link RejectReason}).
 */
public final class Limits {

	/**
	 * Most full distribution points of one series' bucket waiting for delivery: with the
	 * values per point, what bounds a hot distribution's memory.
	 */
	public static final int MAX_WAITING_POINTS = 64;

	/** Most events, and most service checks, queued between flushes. */
	public static final int MAX_QUEUED_NOTICES = 10_000;

	private Limits() {
	}

}
