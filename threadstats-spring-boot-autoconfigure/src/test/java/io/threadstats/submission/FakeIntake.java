package io.threadstats.submission;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import com.github.luben.zstd.ZstdInputStream;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A WireMock stand-in for Datadog's intake that behaves like the contract in
 * datadog-intake.md: 202 with each endpoint's body and content type for a good key, 403
 * JSON for a bad or missing one, 413 for a payload over the endpoint's documented limits,
 * 400 for a distribution point given as {@code [ts, scalar]}. Tests add faults on top
 * (higher priority), and can {@linkplain #hold hold} requests unanswered.
 *
 * <p>
 * Distribution points are documented with {@code deflate} only, events and service checks
 * with no {@code Content-Encoding} at all. What Datadog answers for another encoding is
 * not documented; this fake answers what an HTTP server answers for a content coding it
 * does not take: {@code 415 {"errors":["Unsupported Content-Encoding"]}}.
 *
 * <p>
 * The one intake fake of the tests: delivery's, the actuator's and the
 * auto-configuration's use it alike.
 */
public final class FakeIntake implements AutoCloseable {

	/** The key the intake accepts. */
	public static final String API_KEY = "0123456789abcdef0123456789abcdef";

	/** The path of the v2 series endpoint. */
	public static final String SERIES_V2 = "/api/v2/series";

	static final String VALIDATE = "/api/v1/validate";

	static final String SERIES_V1 = "/api/v1/series";

	static final String DISTRIBUTIONS = "/api/v1/distribution_points";

	static final String EVENTS = "/api/v1/events";

	static final String CHECK_RUN = "/api/v1/check_run";

	static final String FORBIDDEN_JSON = "{\"status\":\"error\",\"code\":403,\"errors\":[\"Forbidden\"],"
			+ "\"statuspage\":\"http://status.datadoghq.com\",\"twitter\":\"http://twitter.com/datadogops\","
			+ "\"email\":\"support@datadoghq.com\"}";

	private static final int FAULT_PRIORITY = 1;

	private static final int MALFORMED_PRIORITY = 3;

	private static final String HOLD = "hold";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HoldingTransformer holding = new HoldingTransformer();

	private final WireMockServer server;

	/** Starts the intake on 127.0.0.1 and a free port. */
	public FakeIntake() {
		this.server = new WireMockServer(
				WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort().extensions(this.holding));
		this.server.start();
		this.server.stubFor(get(urlPathEqualTo(VALIDATE)).atPriority(10).willReturn(json(403, FORBIDDEN_JSON)));
		this.server.stubFor(get(urlPathEqualTo(VALIDATE)).atPriority(5)
			.withHeader("DD-API-KEY", equalTo(API_KEY))
			.willReturn(json(200, "{\"valid\":true}")));
		accept(SERIES_V2, 512_000, 5_242_880, "application/json", "{\"errors\":[]}");
		accept(SERIES_V1, 3_200_000, 62_914_560, "text/json", "{\"status\":\"ok\"}");
		accept(DISTRIBUTIONS, 3_200_000, 62_914_560, "text/json", "{\"status\":\"ok\"}");
		accept(EVENTS, 3_200_000, 62_914_560, "application/json",
				"{\"status\":\"ok\",\"event\":{\"id\":1,\"title\":\"t\"}}");
		accept(CHECK_RUN, 3_200_000, 62_914_560, "text/json", "{\"status\":\"ok\"}");
		refuseUndocumentedEncodings(SERIES_V2, true, "zstd1", "deflate", "gzip");
		refuseUndocumentedEncodings(SERIES_V1, true, "deflate", "gzip");
		refuseUndocumentedEncodings(DISTRIBUTIONS, false, "deflate");
		refuseUndocumentedEncodings(EVENTS, true);
		refuseUndocumentedEncodings(CHECK_RUN, true);
		this.server.stubFor(post(urlPathEqualTo(DISTRIBUTIONS)).atPriority(MALFORMED_PRIORITY)
			.withHeader("DD-API-KEY", equalTo(API_KEY))
			.andMatching((Request request) -> MatchResult.of(hasScalarDistributionPoint(request)))
			.willReturn(json(400, "{\"errors\":[\"Error parsing distribution points: expected a list of values\"]}")));
	}

	/**
	 * Whether a distribution point is {@code [ts, value]} instead of
	 * {@code [ts, [values...]]}.
	 */
	private static boolean hasScalarDistributionPoint(Request request) {
		if (!"deflate".equals(request.getHeader("Content-Encoding"))) {
			return false;
		}
		JsonNode body = JSON.readTree(decompress("deflate", request.getBody()));
		for (JsonNode series : body.path("series")) {
			for (JsonNode point : series.path("points")) {
				if (!point.path(1).isArray()) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Answers 415 on {@code path} for a request whose {@code Content-Encoding} is not one
	 * of {@code documented}, or that has none when {@code noneAccepted} is false.
	 */
	private void refuseUndocumentedEncodings(String path, boolean noneAccepted, String... documented) {
		Set<String> accepted = Set.of(documented);
		this.server.stubFor(post(urlPathEqualTo(path)).atPriority(MALFORMED_PRIORITY)
			.withHeader("DD-API-KEY", equalTo(API_KEY))
			.andMatching((Request request) -> MatchResult
				.of(!isAccepted(request.getHeader("Content-Encoding"), accepted, noneAccepted)))
			.willReturn(json(415, "{\"errors\":[\"Unsupported Content-Encoding\"]}")));
	}

	private static boolean isAccepted(String encoding, Set<String> documented, boolean noneAccepted) {
		return (encoding == null) ? noneAccepted : documented.contains(encoding);
	}

	private void accept(String path, int maxCompressed, int maxRaw, String contentType, String body) {
		this.server.stubFor(post(urlPathEqualTo(path)).atPriority(10).willReturn(json(403, FORBIDDEN_JSON)));
		this.server.stubFor(post(urlPathEqualTo(path)).atPriority(5)
			.withHeader("DD-API-KEY", equalTo(API_KEY))
			.willReturn(aResponse().withStatus(202).withHeader("Content-Type", contentType).withBody(body)));
		this.server.stubFor(post(urlPathEqualTo(path)).atPriority(4)
			.withHeader("DD-API-KEY", equalTo(API_KEY))
			.andMatching((Request request) -> MatchResult.of(sentBytes(request) > maxCompressed
					|| decompress(request.getHeader("Content-Encoding"), request.getBody()).length > maxRaw))
			.willReturn(json(413, "{\"errors\":[\"Payload too large\"]}")));
	}

	/** The body size as sent: WireMock hands over gzip bodies already decompressed. */
	private static long sentBytes(Request request) {
		return Long.parseLong(request.getHeader("Content-Length"));
	}

	/** An answer with a JSON body, as Datadog gives them. */
	public static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

	/**
	 * Answers {@code path} with {@code response} in preference to the normal behaviour.
	 */
	public void fault(String path, ResponseDefinitionBuilder response) {
		this.server.stubFor(post(urlPathEqualTo(path)).atPriority(FAULT_PRIORITY).willReturn(response));
	}

	/**
	 * Adds a stub of the caller's making (scenarios, custom matchers) in preference to
	 * the normal behaviour.
	 */
	void fault(MappingBuilder mapping) {
		this.server.stubFor(mapping.atPriority(FAULT_PRIORITY));
	}

	/**
	 * From now on, requests on {@code path} are held unanswered until
	 * {@link Hold#release()}, then answered {@code answer}. One hold at a time.
	 */
	Hold hold(String path, ResponseDefinitionBuilder answer) {
		Hold hold = new Hold();
		this.holding.current = hold;
		fault(post(urlPathEqualTo(path)).willReturn(answer.withTransformers(HOLD)));
		return hold;
	}

	/**
	 * From now on, key validation ({@code GET /api/v1/validate}) answers
	 * {@code response}, whatever the key.
	 */
	public void validateAnswer(ResponseDefinitionBuilder response) {
		fault(get(urlPathEqualTo(VALIDATE)).willReturn(response));
	}

	/**
	 * A 500 whose body echoes the key, as a careless proxy might, asking for a retry in a
	 * second.
	 */
	public static ResponseDefinitionBuilder failingEchoingTheKey() {
		return aResponse().withStatus(500)
			.withHeader("Retry-After", "1")
			.withBody("upstream failed for DD-API-KEY " + API_KEY);
	}

	/** A 403 as Datadog answers a key it rejects. */
	public static ResponseDefinitionBuilder keyRejected() {
		return json(403, FORBIDDEN_JSON);
	}

	/** Removes the faults: the intake behaves normally again. */
	public void recover() {
		this.server.listAllStubMappings()
			.getMappings()
			.stream()
			.filter((mapping) -> mapping.getPriority() != null && mapping.getPriority() == FAULT_PRIORITY)
			.forEach(this.server::removeStub);
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.port());
	}

	/** Every request received on {@code path}, in arrival order. */
	List<Received> received(String path) {
		return this.server.findAll(postRequestedFor(urlPathEqualTo(path))).stream().map(Received::new).toList();
	}

	/** The requests on {@code path} that were answered 2xx, in arrival order. */
	List<Received> accepted(String path) {
		List<ServeEvent> events = new java.util.ArrayList<>(this.server.getAllServeEvents());
		java.util.Collections.reverse(events);
		return events.stream()
			.filter((event) -> event.getRequest().getUrl().startsWith(path))
			.filter((event) -> event.getResponse().getStatus() / 100 == 2)
			.map((event) -> new Received(LoggedRequest.createFrom(event.getRequest())))
			.toList();
	}

	/** How many requests {@code path} received, whatever their method and answer. */
	public int requestsOn(String path) {
		return (int) this.server.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getUrl().startsWith(path))
			.count();
	}

	/** Every request received on any path. */
	int requestCount() {
		return this.server.getAllServeEvents().size();
	}

	@Override
	public void close() {
		Hold hold = this.holding.current;
		if (hold != null) {
			hold.release();
		}
		this.server.stop();
	}

	static byte[] decompress(String contentEncoding, byte[] body) {
		try {
			InputStream in;
			if (body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
				in = new GZIPInputStream(new ByteArrayInputStream(body));
			}
			else if ("deflate".equals(contentEncoding)) {
				in = new InflaterInputStream(new ByteArrayInputStream(body));
			}
			else if ("zstd1".equals(contentEncoding)) {
				in = new ZstdInputStream(new ByteArrayInputStream(body));
			}
			else {
				return body;
			}
			try (in) {
				return in.readAllBytes();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Requests held unanswered, counted as they arrive, until released. */
	static final class Hold {

		private final CountDownLatch released = new CountDownLatch(1);

		private final AtomicInteger arrived = new AtomicInteger();

		/**
		 * Requests that arrived and were held (some may have been answered since the
		 * release).
		 */
		int arrived() {
			return this.arrived.get();
		}

		/** Answers the held requests, and those arriving later without holding them. */
		void release() {
			this.released.countDown();
		}

		void await() {
			this.arrived.incrementAndGet();
			try {
				// bounded, so that a test that forgets to release cannot hang the build
				this.released.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/** Holds the requests of stubs that name it until the current hold is released. */
	private static final class HoldingTransformer implements ResponseDefinitionTransformerV2 {

		volatile Hold current;

		@Override
		public ResponseDefinition transform(ServeEvent serveEvent) {
			Hold hold = this.current;
			if (hold != null) {
				hold.await();
			}
			return serveEvent.getResponseDefinition();
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public String getName() {
			return HOLD;
		}

	}

	/** One request as the intake saw it. */
	static final class Received {

		private final LoggedRequest request;

		Received(LoggedRequest request) {
			this.request = request;
		}

		String header(String name) {
			return this.request.getHeader(name);
		}

		/** The body as sent (compressed), by its Content-Length. */
		long sentBytes() {
			return Long.parseLong(this.request.getHeader("Content-Length"));
		}

		byte[] rawBody() {
			return decompress(header("Content-Encoding"), this.request.getBody());
		}

		String json() {
			return new String(rawBody(), StandardCharsets.UTF_8);
		}

	}

}
