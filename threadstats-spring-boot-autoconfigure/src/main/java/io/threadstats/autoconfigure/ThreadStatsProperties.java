package io.threadstats.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.threadstats.api.CounterType;
import io.threadstats.api.HistogramAggregate;
import io.threadstats.submission.Compression;
import io.threadstats.submission.SeriesApi;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for threadstats, under {@code threadstats.*}.
 *
 * <p>
 * Properties left unset fall back to Datadog's environment variables ({@code DD_API_KEY},
 * {@code DD_SITE}, {@code DD_HOSTNAME}, {@code DD_ENV}, {@code DD_SERVICE},
 * {@code DD_VERSION}), read through Spring's
 * {@link org.springframework.core.env.Environment}. Invalid values fail startup, every
 * one named with its value as written and where it was set
 * ({@link InvalidThreadStatsPropertiesException}); the rules are the settings' own, the
 * same a plain {@link io.threadstats.ThreadStatsBuilder} applies.
 *
 * <p>
 * Long because it is a JavaBean with a documented field, getter and setter for each
 * property (the configuration metadata is generated from it); it holds no logic.
 */
@ConfigurationProperties("threadstats")
public class ThreadStatsProperties {

	/**
	 * Whether to aggregate and send metrics. When false, the ThreadStats bean records
	 * nothing and no flush thread is started.
	 */
	private boolean enabled = true;

	/**
	 * Datadog API key. Falls back to DD_API_KEY. When neither is set, payloads are
	 * encoded and counted but not sent (dry run).
	 */
	private String apiKey;

	/**
	 * Datadog site, such as datadoghq.eu. Falls back to DD_SITE.
	 */
	private String site;

	/**
	 * Base URL that overrides the site, for proxies and tests. Must be HTTPS unless the
	 * host is a loopback address.
	 */
	private URI apiUrl;

	/**
	 * Series endpoint to submit to.
	 */
	private SeriesApi seriesApi = SeriesApi.V2;

	/**
	 * Compression of v2 series bodies: zstd1, deflate, gzip or none. Defaults to zstd1
	 * when com.github.luben:zstd-jni is on the class path, deflate otherwise (zstd1
	 * without it falls back to deflate). v1 series take deflate, gzip or none,
	 * distribution points deflate; events and service checks are never compressed.
	 */
	private Compression compression;

	/**
	 * Time between background flushes.
	 */
	private Duration flushInterval = Duration.ofSeconds(10);

	/**
	 * Width of the roll-up buckets points are aggregated into. A whole number of seconds.
	 */
	private Duration rollUpInterval = Duration.ofSeconds(10);

	/**
	 * Prefix for every metric name, joined to it with a dot.
	 */
	private String namespace;

	/**
	 * Tags added to every series, event and service check, before those from DATADOG_TAGS
	 * and the unified service tags.
	 */
	private List<String> constantTags = new ArrayList<>();

	/**
	 * Host name sent with every point recorded without its own. Falls back to
	 * DD_HOSTNAME, then to the machine's name.
	 */
	private String host;

	/**
	 * Whether to send a host name with points recorded without their own. When false,
	 * only points recorded with an explicit host carry one.
	 */
	private boolean sendHost = true;

	/**
	 * Device sent with every series on the v1 series API.
	 */
	private String device;

	/**
	 * Environment sent as the "env" unified service tag. Falls back to DD_ENV.
	 */
	private String env;

	/**
	 * Service sent as the "service" unified service tag. Falls back to DD_SERVICE.
	 */
	private String service;

	/**
	 * Version sent as the "version" unified service tag. Falls back to DD_VERSION.
	 */
	private String version;

	/**
	 * How counters are emitted: a per-second rate over the roll-up interval, or the plain
	 * count.
	 */
	private CounterType counterType = CounterType.RATE;

	/**
	 * Most series held in memory. Points of new series beyond it are dropped and counted.
	 */
	private int maxSeries = 100_000;

	/**
	 * Connect timeout of the HTTP client.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Time allowed for a response to arrive.
	 */
	private Duration responseTimeout = Duration.ofSeconds(20);

	/**
	 * Time allowed, when the application stops, for the final flush and for buffered and
	 * in-flight payloads to be delivered.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(10);

	/**
	 * Whether invalid input (bad names, NaN, out-of-window timestamps) throws an
	 * exception at the caller instead of being logged and counted.
	 */
	private boolean strict;

	/**
	 * Whether to ask Datadog at startup whether the API key is valid (GET
	 * /api/v1/validate), without delaying startup. Only applies when an API key is
	 * configured.
	 */
	private boolean validateApiKey = true;

	// the groups' descriptions are in additional-spring-configuration-metadata.json: the
	// configuration processor takes none from javadoc for nested groups
	private final Histogram histogram = new Histogram();

	private final Retry retry = new Retry();

	private final Annotations annotations = new Annotations();

	private final Endpoint endpoint = new Endpoint();

	private final Health health = new Health();

	private final Distribution distribution = new Distribution();

	private final SetMetrics set = new SetMetrics();

	private final LateData lateData = new LateData();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(String apiKey) {
		this.apiKey = apiKey;
	}

	public String getSite() {
		return this.site;
	}

	public void setSite(String site) {
		this.site = site;
	}

	public URI getApiUrl() {
		return this.apiUrl;
	}

	public void setApiUrl(URI apiUrl) {
		this.apiUrl = apiUrl;
	}

	public SeriesApi getSeriesApi() {
		return this.seriesApi;
	}

	public void setSeriesApi(SeriesApi seriesApi) {
		this.seriesApi = seriesApi;
	}

	public Compression getCompression() {
		return this.compression;
	}

	public void setCompression(Compression compression) {
		this.compression = compression;
	}

	public Duration getFlushInterval() {
		return this.flushInterval;
	}

	public void setFlushInterval(Duration flushInterval) {
		this.flushInterval = flushInterval;
	}

	public Duration getRollUpInterval() {
		return this.rollUpInterval;
	}

	public void setRollUpInterval(Duration rollUpInterval) {
		this.rollUpInterval = rollUpInterval;
	}

	public String getNamespace() {
		return this.namespace;
	}

	public void setNamespace(String namespace) {
		this.namespace = namespace;
	}

	public List<String> getConstantTags() {
		return this.constantTags;
	}

	public void setConstantTags(List<String> constantTags) {
		this.constantTags = constantTags;
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public boolean isSendHost() {
		return this.sendHost;
	}

	public void setSendHost(boolean sendHost) {
		this.sendHost = sendHost;
	}

	public String getDevice() {
		return this.device;
	}

	public void setDevice(String device) {
		this.device = device;
	}

	public String getEnv() {
		return this.env;
	}

	public void setEnv(String env) {
		this.env = env;
	}

	public String getService() {
		return this.service;
	}

	public void setService(String service) {
		this.service = service;
	}

	public String getVersion() {
		return this.version;
	}

	public void setVersion(String version) {
		this.version = version;
	}

	public CounterType getCounterType() {
		return this.counterType;
	}

	public void setCounterType(CounterType counterType) {
		this.counterType = counterType;
	}

	public int getMaxSeries() {
		return this.maxSeries;
	}

	public void setMaxSeries(int maxSeries) {
		this.maxSeries = maxSeries;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getResponseTimeout() {
		return this.responseTimeout;
	}

	public void setResponseTimeout(Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public boolean isStrict() {
		return this.strict;
	}

	public void setStrict(boolean strict) {
		this.strict = strict;
	}

	public boolean isValidateApiKey() {
		return this.validateApiKey;
	}

	public void setValidateApiKey(boolean validateApiKey) {
		this.validateApiKey = validateApiKey;
	}

	public Histogram getHistogram() {
		return this.histogram;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Distribution getDistribution() {
		return this.distribution;
	}

	public SetMetrics getSet() {
		return this.set;
	}

	public LateData getLateData() {
		return this.lateData;
	}

	public Annotations getAnnotations() {
		return this.annotations;
	}

	public Endpoint getEndpoint() {
		return this.endpoint;
	}

	public Health getHealth() {
		return this.health;
	}

	/**
	 * What histograms and timings emit.
	 */
	public static class Histogram {

		/**
		 * Non-percentile series each histogram emits, as "metric.min", "metric.max" and
		 * so on.
		 */
		private Set<HistogramAggregate> aggregates = EnumSet.of(HistogramAggregate.MIN, HistogramAggregate.MAX,
				HistogramAggregate.COUNT, HistogramAggregate.AVG);

		/**
		 * Percentiles each histogram emits, each strictly between 0 and 1, as
		 * "metric.95percentile" and so on.
		 */
		private List<Double> percentiles = new ArrayList<>(List.of(0.75, 0.85, 0.95, 0.99));

		public Set<HistogramAggregate> getAggregates() {
			return this.aggregates;
		}

		public void setAggregates(Set<HistogramAggregate> aggregates) {
			this.aggregates = aggregates;
		}

		public List<Double> getPercentiles() {
			return this.percentiles;
		}

		public void setPercentiles(List<Double> percentiles) {
			this.percentiles = percentiles;
		}

	}

	/**
	 * How payloads that could not be delivered are kept for another attempt.
	 */
	public static class Retry {

		/**
		 * Most payload bytes kept for retry. Beyond it the oldest payloads are dropped
		 * and counted.
		 */
		private DataSize bufferSize = DataSize.ofMegabytes(32);

		public DataSize getBufferSize() {
			return this.bufferSize;
		}

		public void setBufferSize(DataSize bufferSize) {
			this.bufferSize = bufferSize;
		}

	}

	/**
	 * The {@code @Timed} and {@code @Counted} annotations.
	 */
	public static class Annotations {

		/**
		 * Whether methods annotated with @Timed or @Counted are measured.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The "threadstats" actuator endpoint.
	 */
	public static class Endpoint {

		/**
		 * Number of recent flushes whose records are kept and shown.
		 */
		// a literal, so that the configuration processor can read it (DeliverySettings'
		// default, as tested)
		private int flushHistory = 20;

		public int getFlushHistory() {
			return this.flushHistory;
		}

		public void setFlushHistory(int flushHistory) {
			this.flushHistory = flushHistory;
		}

	}

	/**
	 * The "threadstats" health indicator.
	 */
	public static class Health {

		/**
		 * How long every submission may fail before the health indicator reports the
		 * failure in its status (FAILING, or DOWN with down-on-failure). Shorter failures
		 * show in its details while it stays UP.
		 */
		private Duration failureWindow = Duration.ofMinutes(5);

		/**
		 * Whether the health indicator reports DOWN, rather than FAILING, once delivery
		 * has failed for the whole failure window or the API key was rejected. DOWN
		 * counts in the overall health and in every group that includes the indicator;
		 * FAILING counts nowhere.
		 */
		private boolean downOnFailure;

		public Duration getFailureWindow() {
			return this.failureWindow;
		}

		public void setFailureWindow(Duration failureWindow) {
			this.failureWindow = failureWindow;
		}

		public boolean isDownOnFailure() {
			return this.downOnFailure;
		}

		public void setDownOnFailure(boolean downOnFailure) {
			this.downOnFailure = downOnFailure;
		}

	}

	/**
	 * How distributions hold their values.
	 */
	public static class Distribution {

		/**
		 * Most values one distribution point carries. A series' bucket with more goes out
		 * as several points at its timestamp, full ones before the bucket closes.
		 */
		private int maxValuesPerPoint = 10_000;

		public int getMaxValuesPerPoint() {
			return this.maxValuesPerPoint;
		}

		public void setMaxValuesPerPoint(int maxValuesPerPoint) {
			this.maxValuesPerPoint = maxValuesPerPoint;
		}

	}

	/**
	 * How sets count their members.
	 */
	public static class SetMetrics {

		/**
		 * Most members a set counts exactly per series and bucket. Beyond it the count is
		 * estimated (relative standard error 0.81%).
		 */
		private int maxExactMembers = 10_000;

		public int getMaxExactMembers() {
			return this.maxExactMembers;
		}

		public void setMaxExactMembers(int maxExactMembers) {
			this.maxExactMembers = maxExactMembers;
		}

	}

	/**
	 * How points into buckets already sent are merged.
	 */
	public static class LateData {

		/**
		 * Most heap kept for merging late points into buckets already sent, checked at
		 * the end of each flush. Beyond it the oldest are dropped (and released as the
		 * next flush passes their series, so during a flush the heap held can exceed it
		 * by what the last one dropped and what this one keeps); a late point into one is
		 * sent alone and counted.
		 */
		private DataSize maxBytes = DataSize.ofMegabytes(16);

		public DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(DataSize maxBytes) {
			this.maxBytes = maxBytes;
		}

	}

}
