package io.threadstats.demo.intake;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Turns a submission request into JSON the way Datadog's intake does, refusing it
 * otherwise: the {@code DD-API-KEY} header is required (any non-blank key is accepted
 * locally), the body must be declared {@code Content-Type: application/json} (as the
 * starter and Datadog's clients send it), it may be no larger than the endpoint's
 * compressed limit as sent and its decompressed limit once its {@code Content-Encoding}
 * is undone, and it must be well-formed JSON.
 */
final class IntakeRequestReader {

	/** Datadog's API key header; HTTP header names are matched case-insensitively. */
	static final String API_KEY_HEADER = "DD-API-KEY";

	private final JsonMapper jsonMapper;

	private final IntakeStatistics statistics;

	IntakeRequestReader(JsonMapper jsonMapper, IntakeStatistics statistics) {
		this.jsonMapper = jsonMapper;
		this.statistics = statistics;
	}

	/**
	 * Fails with {@code 403 {"errors":["API key required"]}} unless the request carries a
	 * non-blank key.
	 */
	static void requireApiKey(HttpHeaders headers) {
		String apiKey = headers.getFirst(API_KEY_HEADER);
		if (apiKey == null || apiKey.isBlank()) {
			throw IntakeRejection.apiKeyRequired();
		}
	}

	/**
	 * Fails with {@code 415} unless the request declares its body
	 * {@code application/json}.
	 */
	static void requireJson(HttpHeaders headers) {
		String declared = headers.getFirst(HttpHeaders.CONTENT_TYPE);
		if (declared == null || !isJson(declared)) {
			throw new IntakeRejection(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json, was "
					+ ((declared != null) ? "'" + declared + "'" : "none"));
		}
	}

	private static boolean isJson(String contentType) {
		try {
			return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/**
	 * The request's body as JSON, or an {@link IntakeRejection} saying why not. The body
	 * is read to its end even when it will be refused, so the client gets the answer
	 * rather than a connection closed while it sends.
	 */
	Mono<JsonNode> read(ServerHttpRequest request, IntakeEndpoint endpoint) {
		HttpHeaders headers = request.getHeaders();
		return request.getBody()
			.reduce(new RequestBody(endpoint.maxCompressedBytes()), RequestBody::add)
			// inflating up to tens of megabytes is not for an event-loop thread
			.publishOn(Schedulers.boundedElastic())
			.map((body) -> {
				requireApiKey(headers);
				requireJson(headers);
				if (body.overLimit()) {
					throw IntakeRejection.payloadTooLarge();
				}
				return parse(headers.getFirst(HttpHeaders.CONTENT_ENCODING), body.bytes(), endpoint);
			});
	}

	private JsonNode parse(String contentEncoding, byte[] body, IntakeEndpoint endpoint) {
		byte[] json = PayloadDecoder.decode(contentEncoding, body, endpoint);
		this.statistics.body(body.length, json.length);
		if (json.length == 0) {
			throw IntakeRejection.badPayload("Body is empty: expected a JSON document");
		}
		try {
			return this.jsonMapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw IntakeRejection.badPayload("Malformed JSON: " + ex.getOriginalMessage());
		}
	}

}
