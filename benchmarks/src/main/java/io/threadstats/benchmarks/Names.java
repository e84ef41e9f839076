package io.threadstats.benchmarks;

/**
 * The metric names and tags every library records under, so that the rows of a table
 * compare the same work: one name per metric kind and two tags, as a typical HTTP server
 * metric has. The benchmark methods pass the tags as varargs literals, as application
 * code does (except {@link CounterByNameManySeriesBenchmark}, whose tag values are built
 * at start-up).
 */
final class Names {

	static final String COUNTER = "bench.requests";

	static final String HISTOGRAM = "bench.latency";

	static final String DISTRIBUTION = "bench.payload";

	static final String GAUGE = "bench.queue.depth";

	static final String SET = "bench.users";

	static final String ENDPOINT_KEY = "endpoint";

	static final String ENDPOINT_VALUE = "/users";

	static final String STATUS_KEY = "status";

	static final String STATUS_VALUE = "200";

	/** The first tag in Datadog's {@code key:value} form. */
	static final String ENDPOINT_TAG = ENDPOINT_KEY + ":" + ENDPOINT_VALUE;

	/** The second tag in Datadog's {@code key:value} form. */
	static final String STATUS_TAG = STATUS_KEY + ":" + STATUS_VALUE;

	private Names() {
	}

}
