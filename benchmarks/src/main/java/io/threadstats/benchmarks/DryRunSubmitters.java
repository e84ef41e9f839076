package io.threadstats.benchmarks;

import java.time.Duration;

import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.submission.Compression;
import io.threadstats.submission.DatadogSubmitter;
import io.threadstats.submission.DeliverySettings;
import io.threadstats.submission.FlushRecord;
import io.threadstats.submission.SeriesApi;

/**
 * The Datadog submitter as the encoding benchmarks use it: without an API key it encodes
 * and compresses each flush into payloads on its delivery thread, and sends nothing.
 */
final class DryRunSubmitters {

	private DryRunSubmitters() {
	}

	/** A dry-run submitter of v2 series, with the given compression where documented. */
	static DatadogSubmitter create(Compression compression) {
		return DatadogSubmitter.create(new DeliverySettings(null, null, null, SeriesApi.V2, compression,
				Duration.ofSeconds(5), Duration.ofSeconds(20), 32L << 20, Duration.ofSeconds(10)));
	}

	/** Hands a flush to the submitter and waits until its payloads are ready. */
	static FlushRecord encode(DatadogSubmitter submitter, FlushSnapshot flush) {
		submitter.submit(flush).join();
		return submitter.flushRecord(flush).join();
	}

}
