package io.threadstats.actuate;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.threadstats.submission.FakeIntake;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls the actuator over HTTP and checks every raw body for the API key before parsing
 * it.
 */
final class EndpointClient {

	private final WebTestClient client;

	EndpointClient(WebTestClient client) {
		this.client = client;
	}

	DocumentContext report() {
		return get("/actuator/threadstats");
	}

	DocumentContext health() {
		return parse(this.client.get()
			.uri("/actuator/health/threadstats")
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());
	}

	DocumentContext get(String path) {
		return parse(this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());
	}

	/** A GET expected to answer 404 with a JSON body. */
	DocumentContext getNotFound(String path) {
		return parse(this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.valueOf("application/*+json"))
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());
	}

	DocumentContext flush() {
		return parse(this.client.post()
			.uri("/actuator/threadstats")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());
	}

	HttpStatus flushStatus() {
		return HttpStatus.valueOf(this.client.post()
			.uri("/actuator/threadstats")
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value());
	}

	String status() {
		return report().read("$.status");
	}

	private static DocumentContext parse(String body) {
		assertThat(body).isNotBlank().doesNotContain(FakeIntake.API_KEY);
		return JsonPath.parse(body);
	}

}
