package io.threadstats.submission;

import java.net.URI;
import java.time.Duration;

import io.threadstats.api.SettingChecks;

/**
 * Everything the Datadog HTTP submitter needs, resolved (environment fallbacks already
 * applied) and checked when built. {@link #toString()} never shows the API key.
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

	private static final String API_KEY_RULE = "a Datadog API key without spaces, line breaks or other control"
			+ " characters (check how DD_API_KEY or threadstats.api-key is set: a line break at the end of a file or"
			+ " secret is a common cause)";

	/**
	 * Checks every value against its rule.
	 * @throws io.threadstats.api.InvalidSettingsException listing every value that breaks
	 * its rule (never quoting the API key)
	 */
	public DeliverySettings {
		SettingChecks checks = new SettingChecks();
		checks.require(isUsableKey(apiKey), "api-key", null, API_KEY_RULE);
		if (apiUrl != null) {
			String problem = IntakeUrl.apiUrlProblem(apiUrl);
			checks.require(problem == null, "api-url", apiUrl.toString(), problem);
		}
		else {
			checks.require(IntakeUrl.isKnownSite(site), "site", IntakeUrl.site(site),
					"one of " + String.join(", ", IntakeUrl.KNOWN_SITES)
							+ " (set threadstats.api-url instead for a proxy or another endpoint)");
		}
		checks.present("series-api", seriesApi, "v2 or v1")
			.present("compression", compression, "zstd1, deflate, gzip or none")
			.positive("connect-timeout", connectTimeout)
			.positive("response-timeout", responseTimeout)
			.bytesZeroOrMore("retry.buffer-size", retryBufferBytes)
			.zeroOrMore("shutdown-timeout", drainTimeout)
			.atLeastOne("endpoint.flush-history", flushHistorySize)
			.throwIfAny();
	}

	/** Settings keeping the last {@value #DEFAULT_FLUSH_HISTORY_SIZE} flush records. */
	public DeliverySettings(String apiKey, String site, URI apiUrl, SeriesApi seriesApi, Compression compression,
			Duration connectTimeout, Duration responseTimeout, long retryBufferBytes, Duration drainTimeout) {
		this(apiKey, site, apiUrl, seriesApi, compression, connectTimeout, responseTimeout, retryBufferBytes,
				drainTimeout, DEFAULT_FLUSH_HISTORY_SIZE);
	}

	/**
	 * No key, a blank one (dry-run), or one an HTTP header can carry as it is: a key with
	 * a line break would be refused at every request.
	 */
	private static boolean isUsableKey(String apiKey) {
		return apiKey == null || apiKey.isBlank() || apiKey.chars().allMatch((c) -> c > ' ' && c < 0x7f);
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
