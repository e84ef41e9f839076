package io.threadstats.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.submission.Submitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The submitter used when Spring's {@code WebClient} is not on the classpath: the application keeps
 * its {@link io.threadstats.ThreadStats} bean and records as usual, flushes still run, but nothing can
 * be sent. Says so once, loudly, at startup; counts what it could not send and logs the running total
 * at debug level on every flush.
 */
final class WebClientMissingSubmitter implements Submitter {

	static final String WARNING = "threadstats: org.springframework.web.reactive.function.client.WebClient is"
			+ " not on the classpath, so metrics are aggregated but NOT sent to Datadog; depend on"
			+ " io.threadstats:threadstats-spring-boot-starter (or add spring-boot-starter-webclient) to send them";

	private static final Logger logger = LoggerFactory.getLogger(WebClientMissingSubmitter.class);

	private final AtomicLong unsentSeries = new AtomicLong();

	WebClientMissingSubmitter() {
		logger.warn(WARNING);
	}

	@Override
	public CompletableFuture<Void> submit(FlushSnapshot snapshot) {
		long total = this.unsentSeries.addAndGet(snapshot.series().size() + snapshot.distributions().size()
				+ snapshot.events().size() + snapshot.serviceChecks().size());
		logger.debug("threadstats: WebClient missing, {} series, distributions, events and checks not sent so far",
				total);
		return CompletableFuture.completedFuture(null);
	}

	/** How many series, distributions, events and service checks were not sent so far. */
	long unsentCount() {
		return this.unsentSeries.get();
	}

	@Override
	public void close(Duration timeout) {
		long unsent = this.unsentSeries.get();
		if (unsent > 0) {
			logger.warn("threadstats: {} series, distributions, events and checks were not sent (WebClient missing)",
					unsent);
		}
	}

	@Override
	public String toString() {
		return "WebClientMissingSubmitter[nothing is sent]";
	}

}
