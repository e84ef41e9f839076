package io.threadstats.submission;

import java.net.URI;
import java.time.Duration;

/**
 * Everything the Datadog HTTP submitter needs, resolved (environment fallbacks already applied).
 * {@link #toString()} never shows the API key.
 *
 * @param apiKey the API key, or {@code null} for dry-run mode (payloads encoded and counted, not sent)
 * @param site the Datadog site, e.g. {@code datadoghq.com}; the base URL is {@code https://api.<site>}
 * @param apiUrl a full base URL that overrides the site (proxies, tests), or {@code null}
 * @param seriesApi which series endpoint to use
 * @param compression how request bodies are compressed
 * @param connectTimeout the TCP connect timeout
 * @param responseTimeout the time allowed for a whole response
 * @param retryBufferBytes the most payload bytes kept for retry; beyond it the oldest go first
 * @param drainTimeout how long {@link Submitter#close(Duration)} may wait by default on shutdown
 */
public record DeliverySettings(String apiKey, String site, URI apiUrl, SeriesApi seriesApi, Compression compression,
		Duration connectTimeout, Duration responseTimeout, long retryBufferBytes, Duration drainTimeout) {

	/** The site used when none is configured. */
	public static final String DEFAULT_SITE = "datadoghq.com";

	/** Whether an API key is configured (else the submitter runs in dry-run mode). */
	public boolean hasApiKey() {
		return this.apiKey != null && !this.apiKey.isBlank();
	}

	@Override
	public String toString() {
		return "DeliverySettings[apiKey=" + (hasApiKey() ? "(configured)" : "(none)") + ", site=" + this.site
				+ ", apiUrl=" + this.apiUrl + ", seriesApi=" + this.seriesApi + ", compression=" + this.compression
				+ ", connectTimeout=" + this.connectTimeout + ", responseTimeout=" + this.responseTimeout
				+ ", retryBufferBytes=" + this.retryBufferBytes + ", drainTimeout=" + this.drainTimeout + "]";
	}

}
