package io.threadstats.demo.intake;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Posts real payloads, compressed the way Datadog's clients compress them, to the demo's
 * local intake over HTTP, on the intake's own server, and checks its answers and what the
 * demo's web server then shows on the intake's read endpoints.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class LocalIntakeApiTests {

	private static final String API_KEY = "any-key-will-do";

	@Autowired
	private WebTestClient client;

	@Autowired
	private LocalIntakeServer intakeServer;

	private WebTestClient intake;

	private final Instant now = Instant.now();

	@BeforeEach
	void connectToTheIntakeServer() {
		this.intake = WebTestClient.bindToServer().baseUrl(this.intakeServer.baseUrl()).build();
	}

	@Test
	void v2SeriesDeflatedIsAcceptedAndKeptWithSortedTagsHostAndType() {
		String body = IntakePayloads.v2Gauge("test.v2.queue", new String[] { "zone:b", "env:prod" },
				this.now.minusSeconds(20), 3, 5, 8);
		post("/intake/api/v2/series", "deflate", IntakePayloads.deflate(body)).expectStatus()
			.isAccepted()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.json("{\"errors\":[]}", JsonCompareMode.STRICT);
		this.client.get()
			.uri("/intake/series?metric=test.v2.queue")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(1)
			.jsonPath("$[0].tags")
			.isEqualTo(List.of("env:prod", "zone:b"))
			.jsonPath("$[0].host")
			.isEqualTo("web-1")
			.jsonPath("$[0].type")
			.isEqualTo("gauge")
			.jsonPath("$[0].points[*].value")
			.isEqualTo(List.of(3.0, 5.0, 8.0))
			.jsonPath("$[0].points[0].timestamp")
			.isEqualTo(this.now.minusSeconds(20).getEpochSecond());
	}

	@Test
	void v1SeriesGzippedIsAcceptedAsTextJsonWithItsDeviceAsATag() {
		String body = """
				{"series":[{"metric":"test.v1.requests","points":[[%d,0.6]],"type":"rate","interval":10,
				  "host":"web-2","device":"sda1","tags":["Env:Prod"]}]}
				""".formatted(this.now.getEpochSecond());
		post("/intake/api/v1/series", "gzip", IntakePayloads.gzip(body)).expectStatus()
			.isAccepted()
			.expectHeader()
			.contentType("text/json")
			.expectBody()
			.json("{\"status\":\"ok\"}", JsonCompareMode.STRICT);
		this.client.get()
			.uri("/intake/series?metric=test.v1.requests")
			.exchange()
			.expectBody()
			.jsonPath("$[0].type")
			.isEqualTo("rate")
			.jsonPath("$[0].interval")
			.isEqualTo(10)
			.jsonPath("$[0].host")
			.isEqualTo("web-2")
			.jsonPath("$[0].tags")
			.isEqualTo(List.of("device:sda1", "env:prod"))
			.jsonPath("$[0].points[0].value")
			.isEqualTo(0.6);
	}

	@Test
	void uncompressedBodyIsAccepted() {
		String body = IntakePayloads.v2Gauge("test.plain", new String[0], this.now, 1);
		post("/intake/api/v2/series", null, body.getBytes()).expectStatus().isAccepted().expectBody(Void.class);
		this.client.get()
			.uri("/intake/metrics")
			.exchange()
			.expectBody()
			.jsonPath("$[?(@.metric == 'test.plain')].points")
			.isEqualTo(List.of(1));
	}

	@Test
	void withoutApiKeyIsForbiddenAndNothingIsKept() {
		String body = IntakePayloads.v2Gauge("test.no.key", new String[0], this.now, 1);
		this.intake.post()
			.uri("/intake/api/v2/series")
			.header(HttpHeaders.CONTENT_ENCODING, "deflate")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(IntakePayloads.deflate(body))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.json("{\"errors\":[\"API key required\"]}", JsonCompareMode.STRICT);
		assertNothingKept("test.no.key");
	}

	@Test
	void apiKeyHeaderNameIsMatchedCaseInsensitively() {
		this.intake.get()
			.uri("/intake/api/v1/validate")
			.header("dd-api-key", API_KEY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"valid\":true}", JsonCompareMode.STRICT);
		this.intake.get()
			.uri("/intake/api/v1/validate")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.json("{\"errors\":[\"API key required\"]}", JsonCompareMode.STRICT);
	}

	@Test
	void bodyOverTheCompressedLimitIsTooLarge() {
		byte[] incompressible = new byte[600_000];
		ThreadLocalRandom.current().nextBytes(incompressible);
		byte[] deflated = IntakePayloads.deflate(incompressible, false);
		assertThat(deflated.length).isGreaterThan(512_000);
		post("/intake/api/v2/series", "deflate", deflated).expectStatus()
			.isEqualTo(413)
			.expectBody()
			.json("{\"errors\":[\"Payload too large\"]}", JsonCompareMode.STRICT);
	}

	@Test
	void smallBodyInflatingOverTheDecompressedLimitIsTooLarge() {
		String padding = " ".repeat(5_300_000);
		byte[] deflated = IntakePayloads.deflate("{\"series\":[]," + padding + "\"x\":1}");
		assertThat(deflated.length).isLessThan(512_000);
		post("/intake/api/v2/series", "deflate", deflated).expectStatus()
			.isEqualTo(413)
			.expectBody()
			.json("{\"errors\":[\"Payload too large\"]}", JsonCompareMode.STRICT);
	}

	@Test
	void malformedJsonIsABadRequestSayingSo() {
		post("/intake/api/v2/series", "deflate", IntakePayloads.deflate("{\"series\":[{\"metric\":")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0]")
			.value((String message) -> assertThat(message).startsWith("Malformed JSON"));
	}

	@Test
	void rawDeflateWithoutTheZlibWrapperIsABadRequest() {
		String body = IntakePayloads.v2Gauge("test.raw.deflate", new String[0], this.now, 1);
		post("/intake/api/v2/series", "deflate", IntakePayloads.rawDeflate(body)).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0]")
			.value((String message) -> assertThat(message).contains("zlib stream"));
	}

	@Test
	void zstdIsRefusedAsUnsupportedWithAClearMessage() {
		post("/intake/api/v2/series", "zstd1", new byte[] { 1, 2, 3 }).expectStatus()
			.isEqualTo(415)
			.expectBody()
			.jsonPath("$.errors[0]")
			.value((String message) -> assertThat(message).contains("zstd1").contains("deflate, gzip or none"));
	}

	@Test
	void wrongFieldTypeIsABadRequestNamingTheField() {
		String body = "{\"series\":[{\"metric\":\"test.bad.type\",\"type\":\"gauge\",\"points\":[]}]}";
		post("/intake/api/v2/series", "deflate", IntakePayloads.deflate(body)).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0]")
			.isEqualTo("series[0].type must be an integer, was \"gauge\"");
	}

	@Test
	void outOfWindowAndMalformedPointsAreAcceptedButDroppedAndCounted() {
		long outOfWindowBefore = droppedCount("point_out_of_window");
		long malformedBefore = droppedCount("point_malformed");
		String body = """
				{"series":[{"metric":"test.window","type":3,"points":[
				  {"timestamp":%d,"value":1},{"timestamp":%d,"value":2},{"timestamp":%d,"value":3},{"timestamp":%d}]}]}
				""".formatted(this.now.minusSeconds(7200).getEpochSecond(), this.now.plusSeconds(1200).getEpochSecond(),
				this.now.getEpochSecond(), this.now.getEpochSecond());
		post("/intake/api/v2/series", "deflate", IntakePayloads.deflate(body)).expectStatus()
			.isAccepted()
			.expectBody(Void.class);
		this.client.get()
			.uri("/intake/series?metric=test.window")
			.exchange()
			.expectBody()
			.jsonPath("$[0].points[*].value")
			.isEqualTo(List.of(3.0));
		assertThat(droppedCount("point_out_of_window")).isEqualTo(outOfWindowBefore + 2);
		assertThat(droppedCount("point_malformed")).isEqualTo(malformedBefore + 1);
	}

	@Test
	void distributionPointsAreKeptWithASummaryOfTheirSamples() {
		String body = """
				{"series":[{"metric":"test.latency","points":[[%d,[12.0,7.5,3.0,2.5]]],"type":"distribution",
				  "host":"web-1","tags":["env:prod"]}]}
				""".formatted(this.now.getEpochSecond());
		post("/intake/api/v1/distribution_points", "deflate", IntakePayloads.deflate(body)).expectStatus()
			.isAccepted()
			.expectBody()
			.json("{\"status\":\"ok\"}", JsonCompareMode.STRICT);
		this.client.get()
			.uri("/intake/series?metric=test.latency")
			.exchange()
			.expectBody()
			.jsonPath("$[0].type")
			.isEqualTo("distribution")
			.jsonPath("$[0].points[0].value")
			.isEqualTo(6.25)
			.jsonPath("$[0].points[0].distribution.count")
			.isEqualTo(4)
			.jsonPath("$[0].points[0].distribution.min")
			.isEqualTo(2.5)
			.jsonPath("$[0].points[0].distribution.max")
			.isEqualTo(12.0);
	}

	@Test
	void distributionPointWithAScalarValueIsABadRequest() {
		String body = """
				{"series":[{"metric":"test.scalar.distribution","points":[[%d,12.0]],"type":"distribution"}]}
				""".formatted(this.now.getEpochSecond());
		post("/intake/api/v1/distribution_points", "deflate", IntakePayloads.deflate(body)).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0]")
			.value((String message) -> assertThat(message).startsWith("series[0].points[0]"));
		assertNothingKept("test.scalar.distribution");
	}

	@Test
	void gzipDistributionPointsAreRefusedSinceDatadogDocumentsOnlyDeflateThere() {
		String body = """
				{"series":[{"metric":"test.gzip.distribution","points":[[%d,[1.0]]],"type":"distribution"}]}
				""".formatted(this.now.getEpochSecond());
		post("/intake/api/v1/distribution_points", "gzip", IntakePayloads.gzip(body)).expectStatus()
			.isEqualTo(415)
			.expectBody()
			.jsonPath("$.errors[0]")
			.isEqualTo("Content-Encoding 'gzip' is not accepted by /api/v1/distribution_points: send deflate or none");
		assertNothingKept("test.gzip.distribution");
	}

	@Test
	void uncompressedDistributionPointsAreAccepted() {
		String body = """
				{"series":[{"metric":"test.plain.distribution","points":[[%d,[1.0,3.0]]],"type":"distribution"}]}
				""".formatted(this.now.getEpochSecond());
		post("/intake/api/v1/distribution_points", null, body.getBytes()).expectStatus()
			.isAccepted()
			.expectBody(Void.class);
		this.client.get()
			.uri("/intake/series?metric=test.plain.distribution")
			.exchange()
			.expectBody()
			.jsonPath("$[0].points[0].value")
			.isEqualTo(2.0);
	}

	@Test
	void bodyNotDeclaredAsJsonIsRefusedSayingWhatToDeclare() {
		String body = IntakePayloads.v2Gauge("test.not.json", new String[0], this.now, 1);
		for (String endpoint : List.of("/intake/api/v2/series", "/intake/api/v1/series",
				"/intake/api/v1/distribution_points", "/intake/api/v1/events", "/intake/api/v1/check_run")) {
			post(endpoint, MediaType.TEXT_PLAIN, "deflate", IntakePayloads.deflate(body)).expectStatus()
				.isEqualTo(415)
				.expectBody()
				.json("{\"errors\":[\"Content-Type must be application/json, was 'text/plain'\"]}",
						JsonCompareMode.STRICT);
		}
		assertNothingKept("test.not.json");
	}

	@Test
	void jsonWithACharsetIsJson() {
		String body = IntakePayloads.v2Gauge("test.json.charset", new String[0], this.now, 1);
		post("/intake/api/v2/series", MediaType.parseMediaType("application/json;charset=UTF-8"), "deflate",
				IntakePayloads.deflate(body))
			.expectStatus()
			.isAccepted()
			.expectBody(Void.class);
	}

	@Test
	void eventIsEchoedAndListedNewestFirst() {
		String body = """
				{"title":"Deployed","text":"version 42","alert_type":"success","tags":["env:prod"],
				 "date_happened":%d,"source_type_name":"my_apps"}
				""".formatted(this.now.getEpochSecond());
		post("/intake/api/v1/events", "deflate", IntakePayloads.deflate(body)).expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("ok")
			.jsonPath("$.event.title")
			.isEqualTo("Deployed")
			.jsonPath("$.event.alert_type")
			.isEqualTo("success")
			.jsonPath("$.event.priority")
			.isEqualTo("normal");
		this.client.get()
			.uri("/intake/events")
			.exchange()
			.expectBody()
			.jsonPath("$[0].title")
			.isEqualTo("Deployed")
			.jsonPath("$[0].text")
			.isEqualTo("version 42")
			.jsonPath("$[0].date_happened")
			.isEqualTo(this.now.getEpochSecond());
	}

	@Test
	void eventTooFarInThePastIsABadRequestInPlainText() {
		String body = "{\"title\":\"Old\",\"text\":\"news\",\"date_happened\":%d}"
			.formatted(this.now.minusSeconds(19 * 3600).getEpochSecond());
		post("/intake/api/v1/events", "deflate", IntakePayloads.deflate(body)).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
			.expectBody(String.class)
			.isEqualTo("{\"errors\":[\"Event too far in the past\"]}");
	}

	@Test
	void eventWithoutTitleIsABadRequest() {
		post("/intake/api/v1/events", "deflate", IntakePayloads.deflate("{\"text\":\"no title\"}")).expectStatus()
			.isBadRequest()
			.expectBody()
			.json("{\"errors\":[\"event.title is required\"]}", JsonCompareMode.STRICT);
	}

	@Test
	void serviceChecksAreKeptUnlessTooOld() {
		String body = """
				[{"check":"test.app.up","host_name":"web-1","status":2,"tags":["env:prod"],"timestamp":%d,"message":"down"},
				 {"check":"test.app.stale","status":0,"timestamp":%d}]
				"""
			.formatted(this.now.getEpochSecond(), this.now.minusSeconds(3600).getEpochSecond());
		post("/intake/api/v1/check_run", "deflate", IntakePayloads.deflate(body)).expectStatus()
			.isAccepted()
			.expectBody()
			.json("{\"status\":\"ok\"}", JsonCompareMode.STRICT);
		this.client.get()
			.uri("/intake/checks")
			.exchange()
			.expectBody()
			.jsonPath("$[?(@.check == 'test.app.up')].status_name")
			.isEqualTo(List.of("CRITICAL"))
			.jsonPath("$[?(@.check == 'test.app.stale')]")
			.isEmpty();
	}

	@Test
	void statsCountHowEachEndpointAnswered() {
		long before = answered("/api/v1/series", "400");
		post("/intake/api/v1/series", "deflate", IntakePayloads.deflate("not json")).expectStatus()
			.isBadRequest()
			.expectBody(Void.class);
		assertThat(answered("/api/v1/series", "400")).isEqualTo(before + 1);
	}

	@Test
	void statsCountPathsTheIntakeDoesNotImplementUnderOneEntry() {
		long before = answered("other", "404");
		post("/intake/api/v9/made-up-" + ThreadLocalRandom.current().nextInt(), "deflate", IntakePayloads.deflate("{}"))
			.expectStatus()
			.isNotFound()
			.expectBody(Void.class);
		this.intake.get()
			.uri("/intake/api/v1/also-made-up")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(Void.class);
		assertThat(answered("other", "404")).isEqualTo(before + 2);
		assertThat(stats().responses())
			.allSatisfy((path, byStatus) -> assertThat(path).isIn("other", "/api/v2/series", "/api/v1/series",
					"/api/v1/distribution_points", "/api/v1/events", "/api/v1/check_run", "/api/v1/validate"));
	}

	private WebTestClient.ResponseSpec post(String path, String contentEncoding, byte[] body) {
		return post(path, MediaType.APPLICATION_JSON, contentEncoding, body);
	}

	private WebTestClient.ResponseSpec post(String path, MediaType contentType, String contentEncoding, byte[] body) {
		return this.intake.post().uri(path).header("DD-API-KEY", API_KEY).headers((headers) -> {
			if (contentEncoding != null) {
				headers.set(HttpHeaders.CONTENT_ENCODING, contentEncoding);
			}
		}).contentType(contentType).bodyValue(body).exchange();
	}

	private void assertNothingKept(String metric) {
		this.client.get()
			.uri("/intake/series?metric={metric}", metric)
			.exchange()
			.expectBody()
			.json("[]", JsonCompareMode.STRICT);
	}

	private long droppedCount(String reason) {
		IntakeStatistics.Snapshot stats = stats();
		return stats.dropped().getOrDefault(reason, 0L);
	}

	private long answered(String path, String status) {
		return stats().responses().getOrDefault(path, java.util.Map.of()).getOrDefault(status, 0L);
	}

	private IntakeStatistics.Snapshot stats() {
		return this.client.get()
			.uri("/intake/stats")
			.exchange()
			.expectBody(IntakeStatistics.Snapshot.class)
			.returnResult()
			.getResponseBody();
	}

}
