package io.threadstats.autoconfigure;

import java.time.Duration;
import java.util.Locale;

import io.threadstats.ThreadStatsSettings;
import io.threadstats.api.Durations;
import io.threadstats.submission.DeliverySettings;
import io.threadstats.submission.ObservableDelivery;
import io.threadstats.submission.Submitter;

/**
 * The one line logged when the starter starts, so that a newcomer sees it is active and
 * where metrics go: the intake's base URL (never the key), the series API and
 * compression, the flush and roll-up intervals, and whether it runs dry.
 */
final class StartupLine {

	private StartupLine() {
	}

	static String of(ThreadStatsSettings settings, Submitter submitter) {
		String timing = "flushing every " + Durations.shown(settings.flushInterval()) + " in roll-up buckets of "
				+ Durations.shown(Duration.ofSeconds(settings.aggregation().rollUpSeconds()));
		if (submitter instanceof ObservableDelivery datadog) {
			DeliverySettings delivery = settings.delivery();
			String intake = datadog.baseUrl() + " (series API " + key(delivery.seriesApi()) + ", "
					+ delivery.compression().shownFor(delivery.seriesApi()) + ")";
			if (datadog.isDryRun()) {
				return "threadstats started in dry-run mode, no API key: metrics are aggregated and encoded for "
						+ intake + ", not sent; " + timing;
			}
			return "threadstats started: sending to " + intake + ", " + timing;
		}
		return "threadstats started: flushes go to " + submitter + ", " + timing;
	}

	private static String key(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
