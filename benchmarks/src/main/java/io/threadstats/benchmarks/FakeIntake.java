package io.threadstats.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A stand-in for Datadog's series and distribution intake on a random loopback port: it
 * decompresses every request, parses the series (v1 or v2 JSON) and totals, per metric
 * name, what the points add up to, turning rates back into counts
 * ({@code value * interval}); for distribution points, the number of values. Answers 202,
 * or 400 to a request it cannot decompress or parse (counted in
 * {@link #failedRequests()}).
 */
final class FakeIntake implements AutoCloseable {

	private static final JsonFactory JSON = new JsonFactory();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "fake-intake");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<String, DoubleAdder> totals = new ConcurrentHashMap<>();

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong compressedBytes = new AtomicLong();

	private final AtomicLong failedRequests = new AtomicLong();

	FakeIntake() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/** The base URL to configure as the API URL. */
	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * What the points of this metric added up to so far, rates turned back into counts;
	 * for a distribution, how many values arrived.
	 */
	double total(String metric) {
		DoubleAdder total = this.totals.get(metric);
		return (total != null) ? total.sum() : 0;
	}

	/** Requests received, whatever their path. */
	long requests() {
		return this.requests.get();
	}

	/** Request body bytes received, as sent (compressed). */
	long compressedBytes() {
		return this.compressedBytes.get();
	}

	/** Requests it could not decompress or parse, and answered with 400. */
	long failedRequests() {
		return this.failedRequests.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			this.requests.incrementAndGet();
			this.compressedBytes.addAndGet(body.length);
			int status = 202;
			try (InputStream json = decompressed(body, exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
				String path = exchange.getRequestURI().getPath();
				if (path.endsWith("/distribution_points")) {
					forEachSeries(json, this::countDistributionValues);
				}
				else if (path.contains("series")) {
					forEachSeries(json, this::totalOneSeries);
				}
			}
			catch (RuntimeException | IOException ex) {
				this.failedRequests.incrementAndGet();
				status = 400;
			}
			byte[] response = "{\"errors\":[]}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, response.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response);
			}
		}
	}

	private static InputStream decompressed(byte[] body, String encoding) throws IOException {
		InputStream raw = new java.io.ByteArrayInputStream(body);
		if ("deflate".equalsIgnoreCase(encoding)) {
			return new InflaterInputStream(raw);
		}
		if ("gzip".equalsIgnoreCase(encoding)) {
			return new GZIPInputStream(raw);
		}
		return raw;
	}

	/** Calls {@code action} at the start of each object of the body's series array. */
	private static void forEachSeries(InputStream json, Consumer<JsonParser> action) {
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), json)) {
			while (parser.nextToken() != null) {
				if (parser.currentToken() == JsonToken.PROPERTY_NAME && "series".equals(parser.currentName())) {
					parser.nextToken();
					while (parser.nextToken() == JsonToken.START_OBJECT) {
						action.accept(parser);
					}
				}
			}
		}
	}

	/** Distribution points are {@code [t, [v, ...]]}; adds how many values there are. */
	private void countDistributionValues(JsonParser parser) {
		String metric = null;
		long values = 0;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String field = parser.currentName();
			parser.nextToken();
			if ("metric".equals(field)) {
				metric = parser.getString();
			}
			else if ("points".equals(field)) {
				while (parser.nextToken() == JsonToken.START_ARRAY) {
					parser.nextToken();
					parser.nextToken();
					while (parser.nextToken() != JsonToken.END_ARRAY) {
						values++;
					}
					parser.nextToken();
				}
			}
			else {
				parser.skipChildren();
			}
		}
		if (metric != null) {
			this.totals.computeIfAbsent(metric, (name) -> new DoubleAdder()).add(values);
		}
	}

	private void totalOneSeries(JsonParser parser) {
		String metric = null;
		boolean rate = false;
		double interval = 1;
		double sum = 0;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String field = parser.currentName();
			JsonToken value = parser.nextToken();
			switch (field) {
				case "metric" -> metric = parser.getString();
				// v2 sends type 2 for rate, v1 sends "rate"
				case "type" -> rate = (value == JsonToken.VALUE_NUMBER_INT) ? parser.getIntValue() == 2
						: "rate".equals(parser.getString());
				case "interval" -> interval = (value == JsonToken.VALUE_NULL) ? 1 : parser.getValueAsDouble();
				case "points" -> sum = sumPoints(parser);
				default -> parser.skipChildren();
			}
		}
		if (metric != null) {
			this.totals.computeIfAbsent(metric, (name) -> new DoubleAdder()).add(rate ? sum * interval : sum);
		}
	}

	/** v2 points are {@code {"timestamp":t,"value":v}}, v1 points {@code [t, v]}. */
	private static double sumPoints(JsonParser parser) {
		double sum = 0;
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			if (parser.currentToken() == JsonToken.START_OBJECT) {
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String field = parser.currentName();
					parser.nextToken();
					if ("value".equals(field)) {
						sum += parser.getValueAsDouble();
					}
					else {
						parser.skipChildren();
					}
				}
			}
			else {
				parser.nextToken();
				parser.nextToken();
				sum += parser.getValueAsDouble();
				parser.nextToken();
			}
		}
		return sum;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
