package io.threadstats.demo.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Datadog's submission API, served under {@value #PREFIX} by the local intake's own
 * server ({@link LocalIntakeServer}): the starter's {@code threadstats.api-url} points at
 * {@code http://127.0.0.1:<intake port>/intake} and it submits there as it would to
 * Datadog, getting Datadog's answers: {@code 202 {"errors":[]}} for v2 series, {@code 202
 * {"status":"ok"}} ({@code text/json}) for v1 series, distribution points and check runs,
 * {@code 202 {"status":"ok","event":{...}}} for an event, and {@code {"errors":[...]}}
 * with 400, 403, 413 or 415 for what Datadog would refuse; 404 for any other path.
 */
public final class LocalIntakeApi {

	/** Where the local intake's copy of Datadog's API starts on its server. */
	public static final String PREFIX = "/intake";

	/** Datadog's key validation endpoint, below {@value #PREFIX}. */
	static final String VALIDATE_PATH = "/api/v1/validate";

	private static final MediaType TEXT_JSON = MediaType.parseMediaType("text/json");

	private final IntakeRequestReader reader;

	private final SeriesIntake seriesIntake;

	private final EventIntake eventIntake;

	private final IntakeResponseCounter responseCounter;

	private final JsonMapper jsonMapper;

	LocalIntakeApi(IntakeRequestReader reader, SeriesIntake seriesIntake, EventIntake eventIntake,
			IntakeResponseCounter responseCounter, JsonMapper jsonMapper) {
		this.reader = reader;
		this.seriesIntake = seriesIntake;
		this.eventIntake = eventIntake;
		this.responseCounter = responseCounter;
		this.jsonMapper = jsonMapper;
	}

	/** The API as an HTTP handler, counting how it answered each request. */
	HttpHandler httpHandler() {
		return RouterFunctions.toHttpHandler(routes(),
				HandlerStrategies.builder().webFilter(this.responseCounter).build());
	}

	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.path(PREFIX,
					(api) -> api.POST(IntakeEndpoint.V2_SERIES.path(), this::v2Series)
						.POST(IntakeEndpoint.V1_SERIES.path(), this::v1Series)
						.POST(IntakeEndpoint.DISTRIBUTION_POINTS.path(), this::distributionPoints)
						.POST(IntakeEndpoint.EVENTS.path(), this::events)
						.POST(IntakeEndpoint.CHECK_RUN.path(), this::checkRun)
						.GET(VALIDATE_PATH, this::validate))
			.onError(IntakeRejection.class, (ex, request) -> rejected(ex))
			.build();
	}

	private Mono<ServerResponse> v2Series(ServerRequest request) {
		return this.reader.read(request.exchange().getRequest(), IntakeEndpoint.V2_SERIES).flatMap((json) -> {
			this.seriesIntake.acceptV2(json);
			return answer(HttpStatus.ACCEPTED, MediaType.APPLICATION_JSON, Map.of("errors", List.of()));
		});
	}

	private Mono<ServerResponse> v1Series(ServerRequest request) {
		return this.reader.read(request.exchange().getRequest(), IntakeEndpoint.V1_SERIES).flatMap((json) -> {
			this.seriesIntake.acceptV1(json);
			return statusOk();
		});
	}

	private Mono<ServerResponse> distributionPoints(ServerRequest request) {
		return this.reader.read(request.exchange().getRequest(), IntakeEndpoint.DISTRIBUTION_POINTS).flatMap((json) -> {
			this.seriesIntake.acceptDistributions(json);
			return statusOk();
		});
	}

	private Mono<ServerResponse> events(ServerRequest request) {
		return this.reader.read(request.exchange().getRequest(), IntakeEndpoint.EVENTS).flatMap((json) -> {
			ReceivedEvent event = this.eventIntake.acceptEvent(json);
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("status", "ok");
			body.put("event", event);
			return answer(HttpStatus.ACCEPTED, MediaType.APPLICATION_JSON, body);
		});
	}

	private Mono<ServerResponse> checkRun(ServerRequest request) {
		return this.reader.read(request.exchange().getRequest(), IntakeEndpoint.CHECK_RUN).flatMap((json) -> {
			this.eventIntake.acceptCheckRun(json);
			return statusOk();
		});
	}

	private Mono<ServerResponse> validate(ServerRequest request) {
		// deferred, so a missing key is an error of the answer, handled like the others
		return Mono.defer(() -> {
			IntakeRequestReader.requireApiKey(request.headers().asHttpHeaders());
			return answer(HttpStatus.OK, MediaType.APPLICATION_JSON, Map.of("valid", true));
		});
	}

	private Mono<ServerResponse> rejected(IntakeRejection rejection) {
		return answer(rejection.status(), rejection.contentType(), Map.of("errors", List.of(rejection.getMessage())));
	}

	private Mono<ServerResponse> statusOk() {
		return answer(HttpStatus.ACCEPTED, TEXT_JSON, Map.of("status", "ok"));
	}

	private Mono<ServerResponse> answer(HttpStatus status, MediaType contentType, Map<String, Object> body) {
		return ServerResponse.status(status)
			.contentType(contentType)
			.bodyValue(this.jsonMapper.writeValueAsString(body));
	}

}
