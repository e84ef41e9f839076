package io.threadstats.submission;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.threadstats.snapshot.DistributionPoint;
import io.threadstats.snapshot.FlushSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends nothing: logs a one-line summary of every flush (INFO when it holds something,
 * DEBUG when empty). For development and for instances with no delivery configured.
 */
public final class LoggingSubmitter implements Submitter {

	private static final Logger logger = LoggerFactory.getLogger(LoggingSubmitter.class);

	@Override
	public CompletableFuture<Void> submit(FlushSnapshot snapshot) {
		if (snapshot.isEmpty()) {
			logger.debug("threadstats flush at {}: nothing to send", snapshot.flushedAt());
		}
		else {
			logger.info(
					"threadstats flush at {}: {} series points, {} distribution points, {} events, {} service checks (logged, not sent)",
					snapshot.flushedAt(), snapshot.series().size(), snapshot.distributions().size(),
					snapshot.events().size(), snapshot.serviceChecks().size());
		}
		snapshot.distributions().forEach(DistributionPoint::releaseValues);
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public void close(Duration timeout) {
	}

	@Override
	public String toString() {
		return "LoggingSubmitter";
	}

}
