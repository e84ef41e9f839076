package io.threadstats.demo.load;

import java.time.Instant;

/**
 * What a load run did so far.
 *
 * @param running whether it is still sending
 * @param seconds how long it was asked to run
 * @param requestsPerSecond the rate it was asked for
 * @param startedAt when it started, or {@code null} if no run was started yet
 * @param sent requests sent
 * @param succeeded requests answered 2xx
 * @param clientErrors requests answered 4xx (the mix asks for some unknown orders on
 * purpose)
 * @param refused requests answered 503: orders refused while the fulfilment queue was
 * full
 * @param failed requests answered with another 5xx, or not answered within 5 seconds
 * @param skipped ticks skipped because too many requests were still in flight
 */
public record LoadStatus(boolean running, int seconds, int requestsPerSecond, Instant startedAt, long sent,
		long succeeded, long clientErrors, long refused, long failed, long skipped) {

	static final LoadStatus NEVER_STARTED = new LoadStatus(false, 0, 0, null, 0, 0, 0, 0, 0, 0);

}
