package io.threadstats.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end check is only as good as the fake intake's totals: these pin them down.
 */
class FakeIntakeTests {

	private final FakeIntake intake = newIntake();

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void close() {
		this.intake.close();
	}

	@Test
	void totalsDeflatedV2CountsAndTurnsRatesBackIntoCounts() throws Exception {
		String body = """
				{"series":[
				 {"metric":"e2e.measured","type":1,"interval":1,"points":[{"timestamp":100,"value":7.0}],
				  "tags":["series:0"],"resources":[{"name":"h","type":"host"}]},
				 {"metric":"e2e.measured","type":2,"interval":10,"points":[{"timestamp":110,"value":0.5}]},
				 {"metric":"other","type":3,"points":[{"timestamp":110,"value":99}]}
				]}""";
		int status = post("/api/v2/series", "deflate", deflate(body));
		assertThat(status).isEqualTo(202);
		assertThat(this.intake.total("e2e.measured")).isEqualTo(12.0);
		assertThat(this.intake.total("other")).isEqualTo(99.0);
		assertThat(this.intake.requests()).isEqualTo(1);
		assertThat(this.intake.failedRequests()).isZero();
	}

	@Test
	void totalsGzippedV1Points() throws Exception {
		String body = """
				{"series":[{"metric":"e2e.measured","type":"count","interval":10,"host":null,
				 "points":[[100, 3], [110, 4.0]],"tags":["a:b"]}]}""";
		post("/api/v1/series", "gzip", gzip(body));
		assertThat(this.intake.total("e2e.measured")).isEqualTo(7.0);
	}

	@Test
	void countsTheValuesOfDistributionPoints() throws Exception {
		String body = """
				{"series":[
				 {"metric":"e2e.measured","points":[[100,[1.5,2.0,3.0]],[110,[4.0]]],"type":"distribution",
				  "host":"h","tags":["series:0"]},
				 {"metric":"e2e.measured","points":[[100,[7.0,8.0]]],"type":"distribution"},
				 {"metric":"other","points":[[100,[1.0]]],"type":"distribution"}
				]}""";
		int status = post("/api/v1/distribution_points", "deflate", deflate(body));
		assertThat(status).isEqualTo(202);
		assertThat(this.intake.total("e2e.measured")).isEqualTo(6.0);
		assertThat(this.intake.total("other")).isEqualTo(1.0);
		assertThat(this.intake.failedRequests()).isZero();
	}

	@Test
	void countsARequestItCannotParseAsFailed() throws Exception {
		int status = post("/api/v2/series", "deflate", "not deflated".getBytes(StandardCharsets.UTF_8));
		assertThat(status).isEqualTo(400);
		assertThat(this.intake.failedRequests()).isEqualTo(1);
		assertThat(this.intake.total("e2e.measured")).isZero();
	}

	private int post(String path, String encoding, byte[] body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.intake.baseUrl() + path))
			.header("Content-Encoding", encoding)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static byte[] deflate(String text) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}

	private static byte[] gzip(String text) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}

	private static FakeIntake newIntake() {
		try {
			return new FakeIntake();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
