package io.threadstats.submission;

import java.net.URI;
import java.time.Duration;

/**
 * Everything the Datadog HTTP submitter needs, resolved (environment fallbacks already
 * applied). {@link #toString()} never shows the API key.
 *
 * @param apiKey the API key, or {@code null} for dry-run mode (payloads encoded and
 * counted, not sent)
 * @param site the Datadog site, e.g. {@code datadoghq.com}; the base URL is
 * {@code https://api.<site>}
 * @param apiUrl a full base URL that overrides the site (proxies, tests), or {@code null}
 * @param seriesApi which series endpoint to use
 * @param compression how request bodies are compressed
 * @param connectTimeout the TCP connect timeout
 * @param responseTimeout the time allowed for a whole response
 * @param retryBufferBytes the most payload bytes (uncompressed JSON) kept for retry;
 * beyond it the oldest go first
 * @param drainTimeout how long {@link Submitter#close(Duration)} may wait by default on
 * shutdown
 * @param flushHistorySize how many of the last flushes' records the delivery statistics
 * keep
 */
public record DeliverySettings(String apiKey, String site, URI apiUrl, SeriesApi seriesApi, Compression compression,
		Duration connectTimeout, Duration responseTimeout, long retryBufferBytes, Duration drainTimeout,
		int flushHistorySize) {

	/** The site used when none is configured. */
	public static final String DEFAULT_SITE = "datadoghq.com";

	/** The number of flush records kept when none is configured. */
	public static final int DEFAULT_FLUSH_HISTORY_SIZE = 20;

	/** Settings keeping the last {@value #DEFAULT_FLUSH_HISTORY_SIZE} flush records. */
	public DeliverySettings(String apiKey, String site, URI apiUrl, SeriesApi seriesApi, Compression compression,
			Duration connectTimeout, Duration responseTimeout, long retryBufferBytes, Duration drainTimeout) {
		this(apiKey, site, apiUrl, seriesApi, compression, connectTimeout, responseTimeout, retryBufferBytes,
				drainTimeout, DEFAULT_FLUSH_HISTORY_SIZE);
	}

	/** Whether an API key is configured (else the submitter runs in dry-run mode). */
	public boolean hasApiKey() {
		return this.apiKey != null && !this.apiKey.isBlank();
	}

	/**
	 * {@code text} with the API key replaced by {@code (api key)}: whatever a server or
	 * an exception echoes never reaches a log line, the statistics or an endpoint.
	 * @param text any text, or {@code null}
	 * @return the text without the key, or {@code null}
	 */
	public String redact(String text) {
		return (hasApiKey() && text != null) ? text.replace(this.apiKey, "(api key)") : text;
	}

	/**
	 * The base URL payloads are posted to: the API URL if set, else
	 * {@code https://api.<site>}.
	 * @throws IllegalArgumentException for a site Datadog does not have, or an API URL
	 * that is not absolute https (plain http is allowed to a loopback host only); the
	 * message lists what is allowed
	 */
	public URI baseUrl() {
		return IntakeUrl.resolve(this);
	}

	@Override
	public String toString() {
		return "DeliverySettings[apiKey=" + (hasApiKey() ? "(configured)" : "(none)") + ", site=" + this.site
				+ ", apiUrl=" + this.apiUrl + ", seriesApi=" + this.seriesApi + ", compression=" + this.compression
				+ ", connectTimeout=" + this.connectTimeout + ", responseTimeout=" + this.responseTimeout
				+ ", retryBufferBytes=" + this.retryBufferBytes + ", drainTimeout=" + this.drainTimeout
				+ ", flushHistorySize=" + this.flushHistorySize + "]";
	}

}
