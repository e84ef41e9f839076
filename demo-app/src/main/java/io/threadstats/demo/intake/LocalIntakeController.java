package io.threadstats.demo.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Datadog's submission API, served locally under {@value #PREFIX}: point the starter's
 * {@code threadstats.api-url} at {@code http://127.0.0.1:<port>/intake} and it submits
 * here as it would to Datadog, getting Datadog's answers: {@code 202 {"errors":[]}} for
 * v2 series, {@code 202 {"status":"ok"}} ({@code text/json}) for v1 series, distribution
 * points and check runs, {@code 202 {"status":"ok","event":{...}}} for an event, and
 * {@code {"errors":[...]}} with 400, 403, 413 or 415 for what Datadog would refuse.
 */
@RestController
@RequestMapping(LocalIntakeController.PREFIX)
public class LocalIntakeController {

	/**
	 * Where the local intake's copy of Datadog's API starts: the starter's API URL is the
	 * server's plus this.
	 */
	public static final String PREFIX = "/intake";

	/** Datadog's key validation endpoint, below {@value #PREFIX}. */
	static final String VALIDATE_PATH = "/api/v1/validate";

	private static final MediaType TEXT_JSON = MediaType.parseMediaType("text/json");

	private final IntakeRequestReader reader;

	private final SeriesIntake seriesIntake;

	private final EventIntake eventIntake;

	private final JsonMapper jsonMapper;

	LocalIntakeController(IntakeRequestReader reader, SeriesIntake seriesIntake, EventIntake eventIntake,
			JsonMapper jsonMapper) {
		this.reader = reader;
		this.seriesIntake = seriesIntake;
		this.eventIntake = eventIntake;
		this.jsonMapper = jsonMapper;
	}

	@PostMapping("/api/v2/series")
	Mono<ResponseEntity<String>> v2Series(ServerHttpRequest request) {
		return this.reader.read(request, IntakeEndpoint.V2_SERIES).map((json) -> {
			this.seriesIntake.acceptV2(json);
			return answer(HttpStatus.ACCEPTED, MediaType.APPLICATION_JSON, Map.of("errors", List.of()));
		});
	}

	@PostMapping("/api/v1/series")
	Mono<ResponseEntity<String>> v1Series(ServerHttpRequest request) {
		return this.reader.read(request, IntakeEndpoint.V1_SERIES).map((json) -> {
			this.seriesIntake.acceptV1(json);
			return statusOk();
		});
	}

	@PostMapping("/api/v1/distribution_points")
	Mono<ResponseEntity<String>> distributionPoints(ServerHttpRequest request) {
		return this.reader.read(request, IntakeEndpoint.DISTRIBUTION_POINTS).map((json) -> {
			this.seriesIntake.acceptDistributions(json);
			return statusOk();
		});
	}

	@PostMapping("/api/v1/events")
	Mono<ResponseEntity<String>> events(ServerHttpRequest request) {
		return this.reader.read(request, IntakeEndpoint.EVENTS).map((json) -> {
			ReceivedEvent event = this.eventIntake.acceptEvent(json);
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("status", "ok");
			body.put("event", event);
			return answer(HttpStatus.ACCEPTED, MediaType.APPLICATION_JSON, body);
		});
	}

	@PostMapping("/api/v1/check_run")
	Mono<ResponseEntity<String>> checkRun(ServerHttpRequest request) {
		return this.reader.read(request, IntakeEndpoint.CHECK_RUN).map((json) -> {
			this.eventIntake.acceptCheckRun(json);
			return statusOk();
		});
	}

	@GetMapping(VALIDATE_PATH)
	ResponseEntity<String> validate(@RequestHeader HttpHeaders headers) {
		IntakeRequestReader.requireApiKey(headers);
		return answer(HttpStatus.OK, MediaType.APPLICATION_JSON, Map.of("valid", true));
	}

	@ExceptionHandler
	ResponseEntity<String> rejected(IntakeRejection rejection) {
		return answer(rejection.status(), rejection.contentType(), Map.of("errors", List.of(rejection.getMessage())));
	}

	private ResponseEntity<String> statusOk() {
		return answer(HttpStatus.ACCEPTED, TEXT_JSON, Map.of("status", "ok"));
	}

	private ResponseEntity<String> answer(HttpStatus status, MediaType contentType, Map<String, Object> body) {
		return ResponseEntity.status(status).contentType(contentType).body(this.jsonMapper.writeValueAsString(body));
	}

}
