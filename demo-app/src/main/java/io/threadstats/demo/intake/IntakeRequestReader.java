package io.threadstats.demo.intake;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a submission request into JSON the way Datadog's intake does, refusing it otherwise: the
 * {@code DD-API-KEY} header is required (any non-blank key is accepted locally), the body may be no larger
 * than the endpoint's compressed limit as sent and its decompressed limit once its {@code Content-Encoding}
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

	/** Fails with {@code 403 {"errors":["API key required"]}} unless the request carries a non-blank key. */
	static void requireApiKey(HttpHeaders headers) {
		String apiKey = headers.getFirst(API_KEY_HEADER);
		if (apiKey == null || apiKey.isBlank()) {
			throw IntakeRejection.apiKeyRequired();
		}
	}

	/** The request's body as JSON, or an {@link IntakeRejection} saying why not. */
	Mono<JsonNode> read(ServerHttpRequest request, IntakeEndpoint endpoint) {
		HttpHeaders headers = request.getHeaders();
		return Mono.fromRunnable(() -> {
			requireApiKey(headers);
			if (headers.getContentLength() > endpoint.maxCompressedBytes()) {
				throw IntakeRejection.payloadTooLarge();
			}
		})
			.then(DataBufferUtils.join(request.getBody(), Math.toIntExact(endpoint.maxCompressedBytes())))
			.onErrorMap(DataBufferLimitException.class, (ex) -> IntakeRejection.payloadTooLarge())
			.map((buffer) -> {
				try {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					return bytes;
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
			.defaultIfEmpty(new byte[0])
			// inflating up to tens of megabytes is not for an event-loop thread
			.publishOn(Schedulers.boundedElastic())
			.map((body) -> parse(headers.getFirst(HttpHeaders.CONTENT_ENCODING), body, endpoint));
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
