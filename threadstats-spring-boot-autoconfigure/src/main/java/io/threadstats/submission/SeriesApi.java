package io.threadstats.submission;

/** Which series endpoint to submit to. */
public enum SeriesApi {

	/** {@code POST /api/v2/series}: Datadog's recommended endpoint (default). */
	V2,

	/** {@code POST /api/v1/series}. */
	V1

}
