package io.threadstats;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.DoubleStream;

import io.threadstats.api.AggregatorSettings;
import io.threadstats.api.CounterType;
import io.threadstats.api.HistogramAggregate;
import io.threadstats.api.NameRules;
import io.threadstats.api.RejectReason;
import io.threadstats.api.SettingChecks;
import io.threadstats.submission.Compression;
import io.threadstats.submission.DatadogSubmitter;
import io.threadstats.submission.DeliverySettings;
import io.threadstats.submission.LoggingSubmitter;
import io.threadstats.submission.SeriesApi;
import io.threadstats.submission.Submitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link ThreadStats}. Every option has a default; options left unset fall back
 * to the environment the way Datadog's clients do ({@code DD_API_KEY}, {@code DD_SITE},
 * {@code DD_HOSTNAME}, {@code DD_ENV}, {@code DD_SERVICE}, {@code DD_VERSION},
 * {@code DATADOG_TAGS}).
 *
 * <p>
 * Invalid options (a roll-up that is not a whole number of seconds, a negative size, ...)
 * make {@link #build()} throw {@link io.threadstats.api.InvalidSettingsException} naming
 * every option that breaks its rule, as its {@code threadstats.*} property is named, and
 * the values allowed.
 *
 * <p>
 * Longer than a class should be because each of its options is a documented setter; the
 * rules live in the settings it resolves ({@link #settings()}), not here.
 */
public final class ThreadStatsBuilder {

	private static final String WEB_CLIENT_CLASS = "org.springframework.web.reactive.function.client.WebClient";

	private static final Logger logger = LoggerFactory.getLogger(ThreadStatsBuilder.class);

	// aggregation

	String namespace;

	final List<String> constantTags = new ArrayList<>();

	Duration rollUpInterval = Duration.ofSeconds(10);

	Duration flushInterval = Duration.ofSeconds(10);

	String host;

	boolean sendHost = true;

	String device;

	boolean autoFlush = true;

	CounterType counterType = CounterType.RATE;

	Set<HistogramAggregate> histogramAggregates = EnumSet.of(HistogramAggregate.MIN, HistogramAggregate.MAX,
			HistogramAggregate.COUNT, HistogramAggregate.AVG);

	double[] histogramPercentiles = { 0.75, 0.85, 0.95, 0.99 };

	int maxSeries = 100_000;

	int distributionValuesPerPoint = AggregatorSettings.DEFAULT_DISTRIBUTION_VALUES_PER_POINT;

	int setExactMembers = AggregatorSettings.DEFAULT_SET_EXACT_MEMBERS;

	long lateDataMaxBytes = AggregatorSettings.DEFAULT_LATE_DATA_MAX_BYTES;

	boolean strict;

	Clock clock = Clock.systemUTC();

	Function<String, String> environment = System::getenv;

	// delivery

	Submitter submitter;

	String apiKey;

	String site;

	URI apiUrl;

	SeriesApi seriesApi = SeriesApi.V2;

	/**
	 * {@code null}: {@link Compression#preferredFor} the series API, decided at build.
	 */
	Compression compression;

	Duration connectTimeout = Duration.ofSeconds(5);

	Duration responseTimeout = Duration.ofSeconds(20);

	long retryBufferBytes = 32L * 1024 * 1024;

	Duration drainTimeout = Duration.ofSeconds(10);

	int flushHistory = DeliverySettings.DEFAULT_FLUSH_HISTORY_SIZE;

	ThreadStatsBuilder() {
	}

	/** Prefix for every metric name: {@code namespace + "." + name}. Default none. */
	public ThreadStatsBuilder namespace(String namespace) {
		this.namespace = namespace;
		return this;
	}

	/** Tags added to every series, event and check, before those from the environment. */
	public ThreadStatsBuilder constantTags(String... tags) {
		this.constantTags.addAll(Arrays.asList(tags));
		return this;
	}

	/** Roll-up bucket width, a whole number of seconds. Default 10 s. */
	public ThreadStatsBuilder rollUpInterval(Duration rollUpInterval) {
		this.rollUpInterval = rollUpInterval;
		return this;
	}

	/** Time between background flushes. Default 10 s. */
	public ThreadStatsBuilder flushInterval(Duration flushInterval) {
		this.flushInterval = flushInterval;
		return this;
	}

	/**
	 * Host name sent with every point not recorded with its own. Default
	 * {@code DD_HOSTNAME}, else the machine's name.
	 */
	public ThreadStatsBuilder host(String host) {
		this.host = host;
		this.sendHost = true;
		return this;
	}

	/** Sends no host name unless a call names one (the original's behaviour). */
	public ThreadStatsBuilder noHost() {
		this.host = null;
		this.sendHost = false;
		return this;
	}

	/** Device sent with every v1 series. Default none. */
	public ThreadStatsBuilder device(String device) {
		this.device = device;
		return this;
	}

	/**
	 * Whether a background thread flushes every flush interval. Default true; false:
	 * manual flush only.
	 */
	public ThreadStatsBuilder autoFlush(boolean autoFlush) {
		this.autoFlush = autoFlush;
		return this;
	}

	/** How counters are emitted. Default {@link CounterType#RATE}. */
	public ThreadStatsBuilder counterType(CounterType counterType) {
		this.counterType = counterType;
		return this;
	}

	/** Which histogram aggregates to emit. Default min, max, count, avg. */
	public ThreadStatsBuilder histogramAggregates(HistogramAggregate... aggregates) {
		this.histogramAggregates = aggregates.length == 0 ? EnumSet.noneOf(HistogramAggregate.class)
				: EnumSet.copyOf(Arrays.asList(aggregates));
		return this;
	}

	/**
	 * Which histogram percentiles to emit, each in (0, 1). Default 0.75, 0.85, 0.95,
	 * 0.99.
	 */
	public ThreadStatsBuilder histogramPercentiles(double... percentiles) {
		this.histogramPercentiles = percentiles.clone();
		return this;
	}

	/**
	 * The most active series held; beyond it new series are dropped and counted. Default
	 * 100,000.
	 */
	public ThreadStatsBuilder maxSeries(int maxSeries) {
		this.maxSeries = maxSeries;
		return this;
	}

	/**
	 * The most values one distribution point carries; a series' bucket with more goes out
	 * as several points at its timestamp, the full ones before the bucket closes. Default
	 * 10,000.
	 */
	public ThreadStatsBuilder distributionValuesPerPoint(int distributionValuesPerPoint) {
		this.distributionValuesPerPoint = distributionValuesPerPoint;
		return this;
	}

	/**
	 * The most members a set counts exactly per series and bucket; beyond, its count is
	 * estimated (relative standard error 0.81%). Default 10,000.
	 */
	public ThreadStatsBuilder setExactMembers(int setExactMembers) {
		this.setExactMembers = setExactMembers;
		return this;
	}

	/**
	 * The most heap kept to merge late points into buckets already sent (see the README);
	 * beyond, the oldest are dropped and a late point into one is sent alone and counted.
	 * Default 16 MiB.
	 */
	public ThreadStatsBuilder lateDataMaxBytes(long lateDataMaxBytes) {
		this.lateDataMaxBytes = lateDataMaxBytes;
		return this;
	}

	/**
	 * Whether invalid input throws {@link IllegalArgumentException} instead of being
	 * logged and counted. Default false.
	 */
	public ThreadStatsBuilder strict(boolean strict) {
		this.strict = strict;
		return this;
	}

	/**
	 * The wall clock for "now" and for flush cutoffs. Default the system UTC clock. A
	 * system clock (any {@code Clock.system(zone)}) is not read on every call: one
	 * JVM-wide daemon thread, {@code threadstats-clock}, publishes its current second
	 * once a second, which is all the roll-up needs. Any other clock is read on every
	 * call.
	 */
	public ThreadStatsBuilder clock(Clock clock) {
		this.clock = clock;
		return this;
	}

	/**
	 * Where environment fallbacks are read from. Default {@link System#getenv(String)}.
	 */
	public ThreadStatsBuilder environment(Function<String, String> environment) {
		this.environment = environment;
		return this;
	}

	/**
	 * Where flush snapshots go instead of the default {@link DatadogSubmitter}, which the
	 * delivery options below configure (without an API key it runs dry: payloads are
	 * encoded and counted, not sent).
	 */
	public ThreadStatsBuilder submitter(Submitter submitter) {
		this.submitter = submitter;
		return this;
	}

	/**
	 * Datadog API key. Default {@code DD_API_KEY}; none: dry-run mode (encoded and
	 * counted, not sent).
	 */
	public ThreadStatsBuilder apiKey(String apiKey) {
		this.apiKey = apiKey;
		return this;
	}

	/**
	 * Datadog site, e.g. {@code datadoghq.eu}. Default {@code DD_SITE}, else
	 * {@code datadoghq.com}.
	 */
	public ThreadStatsBuilder site(String site) {
		this.site = site;
		return this;
	}

	/**
	 * A full base URL overriding the site (proxies, tests). HTTPS unless the host is
	 * loopback.
	 */
	public ThreadStatsBuilder apiUrl(URI apiUrl) {
		this.apiUrl = apiUrl;
		return this;
	}

	/** Which series endpoint to use. Default {@link SeriesApi#V2}. */
	public ThreadStatsBuilder seriesApi(SeriesApi seriesApi) {
		this.seriesApi = seriesApi;
		return this;
	}

	/**
	 * How request bodies are compressed. Default {@link Compression#preferredFor}: zstd1
	 * for v2 series when {@code com.github.luben:zstd-jni} is on the class path, else
	 * deflate (zstd's native library is loaded only then); {@code null} restores that
	 * default. Zstd1 without the binding falls back to deflate.
	 */
	public ThreadStatsBuilder compression(Compression compression) {
		this.compression = compression;
		return this;
	}

	/** TCP connect timeout. Default 5 s. */
	public ThreadStatsBuilder connectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
		return this;
	}

	/** Time allowed for a whole response. Default 20 s (the Agent's). */
	public ThreadStatsBuilder responseTimeout(Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
		return this;
	}

	/** The most payload bytes kept for retry. Default 32 MiB. */
	public ThreadStatsBuilder retryBufferBytes(long retryBufferBytes) {
		this.retryBufferBytes = retryBufferBytes;
		return this;
	}

	/**
	 * The time {@link ThreadStats#close()} has for all of it: the wait for a flush in
	 * progress, the final flush, and delivery of what is buffered or in flight; what is
	 * still held then is dropped and counted. Default 10 s.
	 */
	public ThreadStatsBuilder drainTimeout(Duration drainTimeout) {
		this.drainTimeout = drainTimeout;
		return this;
	}

	/**
	 * How many of the last flushes' records the delivery statistics keep. Default
	 * {@value DeliverySettings#DEFAULT_FLUSH_HISTORY_SIZE}.
	 */
	public ThreadStatsBuilder flushHistory(int flushHistory) {
		this.flushHistory = flushHistory;
		return this;
	}

	/**
	 * Resolves the settings (applies environment fallbacks, checks every option) and
	 * builds; starts the flush thread if auto-flushing.
	 * @throws io.threadstats.api.InvalidSettingsException naming every option that breaks
	 * its rule
	 */
	public ThreadStats build() {
		ThreadStatsSettings settings = settings();
		Submitter resolvedSubmitter = (this.submitter != null) ? this.submitter : defaultSubmitter(settings.delivery());
		return ThreadStats.create(settings, resolvedSubmitter, this.autoFlush);
	}

	/**
	 * The settings these options make, resolved once: environment fallbacks applied
	 * ({@code DD_API_KEY}, {@code DD_SITE}, {@code DD_HOSTNAME}, {@code DATADOG_TAGS},
	 * {@code DD_ENV}, {@code DD_SERVICE}, {@code DD_VERSION}) and every option checked.
	 * What the Spring Boot auto-configuration builds from, and what a submitter of your
	 * own can be made with ({@link ThreadStatsSettings#delivery()}).
	 * @throws io.threadstats.api.InvalidSettingsException naming every option that breaks
	 * its rule, not only the first
	 */
	public ThreadStatsSettings settings() {
		Objects.requireNonNull(this.clock, "clock");
		Objects.requireNonNull(this.environment, "environment");
		SettingChecks checks = new SettingChecks();
		AggregatorSettings.checkRollUp(this.rollUpInterval, checks);
		ThreadStatsSettings.checkFlushInterval(this.flushInterval, checks);
		List<String> tags = resolveConstantTags(checks);
		String resolvedHost = resolveHost();
		long rollUpSeconds = (this.rollUpInterval != null) ? this.rollUpInterval.getSeconds() : 0;
		List<Double> percentiles = (this.histogramPercentiles != null)
				? DoubleStream.of(this.histogramPercentiles).boxed().toList() : null;
		AggregatorSettings aggregation = checks
			.build(() -> new AggregatorSettings(rollUpSeconds, this.counterType, this.histogramAggregates, percentiles,
					this.maxSeries, this.strict, this.clock, this.namespace, tags, resolvedHost, this.device,
					this.distributionValuesPerPoint, this.setExactMembers, this.lateDataMaxBytes));
		DeliverySettings delivery = checks.build(this::deliverySettings);
		checks.throwIfAny();
		return new ThreadStatsSettings(aggregation, delivery, this.flushInterval);
	}

	/**
	 * The Datadog HTTP submitter (on Reactor Netty when it is on the class path, else on
	 * the JDK's HTTP client), or, when Spring's WebClient is missing from the class path,
	 * a {@link LoggingSubmitter} and a warning saying nothing will be sent.
	 */
	private static Submitter defaultSubmitter(DeliverySettings delivery) {
		if (!isPresent(WEB_CLIENT_CLASS)) {
			logger.warn(
					"threadstats: {} is not on the class path, so metrics are aggregated and logged but "
							+ "not sent; add spring-webflux (or the starter) to send them to Datadog",
					WEB_CLIENT_CLASS);
			return new LoggingSubmitter();
		}
		return DatadogSubmitter.create(delivery);
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, ThreadStatsBuilder.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * The delivery's settings from the options, with {@code DD_API_KEY} and
	 * {@code DD_SITE} for those left unset.
	 */
	private DeliverySettings deliverySettings() {
		String key = firstNonBlank(this.apiKey, this.environment.apply("DD_API_KEY"));
		String resolvedSite = firstNonBlank(this.site, this.environment.apply("DD_SITE"));
		if (this.apiUrl != null && resolvedSite != null) {
			logger.warn(
					"threadstats: both a site ({}) and an API URL ({}) are set; the API URL wins: payloads go to {}",
					resolvedSite.trim(), this.apiUrl, this.apiUrl);
		}
		return new DeliverySettings(key, (resolvedSite != null) ? resolvedSite.trim() : DeliverySettings.DEFAULT_SITE,
				this.apiUrl, this.seriesApi,
				(this.compression != null) ? this.compression : Compression.preferredFor(this.seriesApi),
				this.connectTimeout, this.responseTimeout, this.retryBufferBytes, this.drainTimeout, this.flushHistory);
	}

	/**
	 * The builder's constant tags, then {@code DATADOG_TAGS}, then env, service and
	 * version from the environment.
	 */
	private List<String> resolveConstantTags(SettingChecks checks) {
		Set<String> tags = new LinkedHashSet<>();
		List<String> refused = new ArrayList<>();
		for (String tag : this.constantTags) {
			NameRules.Normalized normalized = NameRules.tag(tag);
			if (normalized != null) {
				tags.add(normalized.value());
			}
			else {
				refused.add(tag);
			}
		}
		checks.require(refused.isEmpty(), "constant-tags", String.join(",", refused),
				NameRules.CONSTANT_TAG_RULE + " (" + RejectReason.INVALID_TAG.rule() + ")");
		List<String> fromEnvironment = new ArrayList<>();
		String datadogTags = this.environment.apply("DATADOG_TAGS");
		if (datadogTags != null) {
			fromEnvironment.addAll(Arrays.asList(datadogTags.split(",")));
		}
		addUnlessBlank(fromEnvironment, "env:", this.environment.apply("DD_ENV"));
		addUnlessBlank(fromEnvironment, "service:", this.environment.apply("DD_SERVICE"));
		addUnlessBlank(fromEnvironment, "version:", this.environment.apply("DD_VERSION"));
		for (String tag : fromEnvironment) {
			if (tag.isBlank()) {
				continue;
			}
			NameRules.Normalized normalized = NameRules.tag(tag.trim());
			if (normalized != null) {
				tags.add(normalized.value());
			}
			else {
				logger.warn("threadstats ignored the constant tag '{}' from the environment: {}", tag.trim(),
						RejectReason.INVALID_TAG.rule());
			}
		}
		return List.copyOf(tags);
	}

	private static void addUnlessBlank(List<String> tags, String key, String value) {
		if (value != null && !value.isBlank()) {
			tags.add(key + value.trim());
		}
	}

	/**
	 * The call's host comes first (views); this is the default: the builder's,
	 * DD_HOSTNAME, the machine's.
	 */
	private String resolveHost() {
		if (!this.sendHost) {
			return null;
		}
		String resolved = firstNonBlank(this.host, this.environment.apply("DD_HOSTNAME"));
		return (resolved != null) ? resolved.trim() : machineName();
	}

	private static String machineName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("threadstats could not find this machine's name ({}); points carry no host unless set",
					ex.toString());
			return null;
		}
	}

	private static String firstNonBlank(String first, String second) {
		if (first != null && !first.isBlank()) {
			return first;
		}
		return (second != null && !second.isBlank()) ? second : null;
	}

}
