package io.threadstats;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.threadstats.aggregation.CounterType;
import io.threadstats.aggregation.HistogramAggregate;
import io.threadstats.submission.Compression;
import io.threadstats.submission.SeriesApi;
import io.threadstats.submission.Submitter;

/**
 * Builds a {@link ThreadStats}. Every option has a default; options left unset fall back to the
 * environment the way Datadog's clients do ({@code DD_API_KEY}, {@code DD_SITE}, {@code DD_HOSTNAME},
 * {@code DD_ENV}, {@code DD_SERVICE}, {@code DD_VERSION}, {@code DATADOG_TAGS}).
 *
 * <p>Invalid options (a roll-up that is not a whole number of seconds, a negative size, ...) make
 * {@link #build()} throw {@link IllegalArgumentException} naming the option and the allowed values.
 */
public final class ThreadStatsBuilder {

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

	boolean strict;

	Clock clock = Clock.systemUTC();

	Function<String, String> environment = System::getenv;

	// delivery

	Submitter submitter;

	String apiKey;

	String site;

	URI apiUrl;

	SeriesApi seriesApi = SeriesApi.V2;

	Compression compression = Compression.DEFLATE;

	Duration connectTimeout = Duration.ofSeconds(5);

	Duration responseTimeout = Duration.ofSeconds(20);

	long retryBufferBytes = 32L * 1024 * 1024;

	Duration drainTimeout = Duration.ofSeconds(10);

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

	/** Host name sent with every point not recorded with its own. Default {@code DD_HOSTNAME}, else the machine's name. */
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

	/** Whether a background thread flushes every flush interval. Default true; false: manual flush only. */
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

	/** Which histogram percentiles to emit, each in (0, 1). Default 0.75, 0.85, 0.95, 0.99. */
	public ThreadStatsBuilder histogramPercentiles(double... percentiles) {
		this.histogramPercentiles = percentiles.clone();
		return this;
	}

	/** The most active series held; beyond it new series are dropped and counted. Default 100,000. */
	public ThreadStatsBuilder maxSeries(int maxSeries) {
		this.maxSeries = maxSeries;
		return this;
	}

	/** Whether invalid input throws {@link IllegalArgumentException} instead of being logged and counted. Default false. */
	public ThreadStatsBuilder strict(boolean strict) {
		this.strict = strict;
		return this;
	}

	/** The wall clock for "now" and for flush cutoffs. Default the system UTC clock. */
	public ThreadStatsBuilder clock(Clock clock) {
		this.clock = clock;
		return this;
	}

	/** Where environment fallbacks are read from. Default {@link System#getenv(String)}. */
	public ThreadStatsBuilder environment(Function<String, String> environment) {
		this.environment = environment;
		return this;
	}

	/** A submitter to use instead of the Datadog HTTP one (the delivery options below are then unused). */
	public ThreadStatsBuilder submitter(Submitter submitter) {
		this.submitter = submitter;
		return this;
	}

	/** Datadog API key. Default {@code DD_API_KEY}; none: dry-run mode (encoded and counted, not sent). */
	public ThreadStatsBuilder apiKey(String apiKey) {
		this.apiKey = apiKey;
		return this;
	}

	/** Datadog site, e.g. {@code datadoghq.eu}. Default {@code DD_SITE}, else {@code datadoghq.com}. */
	public ThreadStatsBuilder site(String site) {
		this.site = site;
		return this;
	}

	/** A full base URL overriding the site (proxies, tests). HTTPS unless the host is loopback. */
	public ThreadStatsBuilder apiUrl(URI apiUrl) {
		this.apiUrl = apiUrl;
		return this;
	}

	/** Which series endpoint to use. Default {@link SeriesApi#V2}. */
	public ThreadStatsBuilder seriesApi(SeriesApi seriesApi) {
		this.seriesApi = seriesApi;
		return this;
	}

	/** How request bodies are compressed. Default {@link Compression#DEFLATE}. */
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

	/** How long {@link ThreadStats#close()} waits for buffered and in-flight payloads. Default 10 s. */
	public ThreadStatsBuilder drainTimeout(Duration drainTimeout) {
		this.drainTimeout = drainTimeout;
		return this;
	}

	/** Validates the options, applies environment fallbacks and builds; starts the flush thread if auto-flushing. */
	public ThreadStats build() {
		throw new UnsupportedOperationException("not implemented yet: the engine (issue 2) provides it");
	}

}
