package io.threadstats.demo.orders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.threadstats.ThreadStats;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Replays the orders an offline shop till took, as it uploads them in batches: each order
 * is recorded at the time it was taken, not at upload time, so {@code demo.till.orders}
 * and {@code demo.till.amount} show when the orders happened. This is what threadstats
 * does and Micrometer cannot: points with their own timestamps, rolled up into the
 * buckets of those timestamps.
 *
 * <p>
 * Each upload covers the time since the previous one, cut at a whole number of windows,
 * so no roll-up bucket is written by two uploads (Datadog keeps only the last point sent
 * for a series and timestamp). The till is taken to have been offline for the window
 * before the demo started, so the first upload, at startup, already replays orders:
 * points timestamped before the application was even running.
 */
@Component
class TillReplay {

	/** The tag that tells replayed orders from live ones. */
	static final String SOURCE_TAG = "source:till";

	private static final List<String> STORES = List.of("store:north", "store:south");

	private final ThreadStats threadStats;

	private final Clock clock;

	private final long windowSeconds;

	private Instant uploadedUntil;

	@Autowired
	TillReplay(ThreadStats threadStats, @Value("${demo.till.upload-interval:30s}") Duration uploadInterval) {
		this(threadStats, uploadInterval, Clock.systemUTC());
	}

	TillReplay(ThreadStats threadStats, Duration uploadInterval, Clock clock) {
		this.threadStats = threadStats;
		this.clock = clock;
		this.windowSeconds = Math.max(uploadInterval.toSeconds(), 1);
		this.uploadedUntil = windowStart(this.clock.instant()).minusSeconds(this.windowSeconds);
	}

	/**
	 * Replays the orders taken since the previous upload, up to the start of the current
	 * window.
	 * @return how many orders it replayed
	 */
	@Scheduled(fixedDelayString = "${demo.till.upload-interval:30s}")
	int uploadBatch() {
		Instant until = windowStart(this.clock.instant());
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int replayed = 0;
		for (Instant taken = this.uploadedUntil.plusSeconds(random.nextLong(1, 4)); taken
			.isBefore(until); taken = taken.plusSeconds(random.nextLong(1, 6))) {
			String store = STORES.get(random.nextInt(STORES.size()));
			this.threadStats.increment("demo.till.orders", 1, taken, SOURCE_TAG, store);
			this.threadStats.histogram("demo.till.amount", random.nextInt(300, 4000) / 100.0, taken, SOURCE_TAG, store);
			replayed++;
		}
		this.uploadedUntil = until;
		return replayed;
	}

	private Instant windowStart(Instant instant) {
		long seconds = instant.getEpochSecond();
		return Instant.ofEpochSecond(seconds - Math.floorMod(seconds, this.windowSeconds));
	}

}
