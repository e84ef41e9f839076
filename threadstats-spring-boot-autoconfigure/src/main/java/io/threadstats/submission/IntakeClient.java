package io.threadstats.submission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.threadstats.api.LogText;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Posts payload bodies to the intake with a {@link WebClient} and waits for the answer on
 * the (delivery) thread that calls it. Never throws for an HTTP or network failure: those
 * become an {@link IntakeResponse}.
 */
final class IntakeClient {

	private final WebClient webClient;

	private final DeliverySettings settings;

	private final Duration requestTimeout;

	private final Clock clock;

	private final Runnable releaseResources;

	/** The answers not yet awaited. */
	private final Set<CompletableFuture<IntakeResponse>> inFlight = ConcurrentHashMap.newKeySet();

	private volatile boolean abandoned;

	private IntakeClient(WebClient webClient, DeliverySettings settings, Clock clock, Runnable releaseResources) {
		this.webClient = webClient;
		this.settings = settings;
		this.requestTimeout = requestTimeout(settings);
		this.clock = clock;
		this.releaseResources = releaseResources;
	}

	/**
	 * A client with a connector of its own ({@link IntakeConnector}: Reactor Netty when
	 * on the class path, else the JDK's HTTP client), released by {@link #close()}.
	 * @param clock what {@code Retry-After} dates are measured from
	 */
	static IntakeClient ownResources(DeliverySettings settings, Clock clock) {
		return ownResources(IntakeConnector.create(settings), settings, clock);
	}

	/** A client on {@code connector}, released by {@link #close()}. */
	static IntakeClient ownResources(IntakeConnector connector, DeliverySettings settings, Clock clock) {
		WebClient.Builder builder = WebClient.builder().clientConnector(connector.connector());
		return new IntakeClient(configure(builder, settings), settings, clock, connector.release());
	}

	/**
	 * A client built from a caller's builder (Spring Boot's, with its connector and
	 * customizations); its resources belong to the caller. The response timeout is
	 * enforced on each request.
	 * @param clock what {@code Retry-After} dates are measured from
	 */
	static IntakeClient fromBuilder(WebClient.Builder builder, DeliverySettings settings, Clock clock) {
		return new IntakeClient(configure(builder.clone(), settings), settings, clock, () -> {
		});
	}

	private static WebClient configure(WebClient.Builder builder, DeliverySettings settings) {
		return builder.baseUrl(settings.baseUrl().toString())
			.defaultHeader("DD-API-KEY", settings.apiKey())
			.defaultHeader("User-Agent", UserAgent.VALUE)
			.build();
	}

	private static Duration requestTimeout(DeliverySettings settings) {
		return settings.connectTimeout().plus(settings.responseTimeout());
	}

	/**
	 * Posts one body and waits for the answer; an interrupt ends the wait as a transport
	 * error. Once {@link #abandonRequests()} was called, the wait ends (or nothing is
	 * sent) with an {@linkplain IntakeResponse#isAbandoned() abandoned} response, unless
	 * the answer came first.
	 */
	IntakeResponse post(IntakeEndpoint endpoint, byte[] body, Compression compression) {
		return await(send(endpoint, body, compression), endpoint);
	}

	/**
	 * Posts one body without waiting: several requests may be in flight at once, each
	 * answered by {@link #await}. Once {@link #abandonRequests()} was called, nothing is
	 * sent.
	 */
	CompletableFuture<IntakeResponse> send(IntakeEndpoint endpoint, byte[] body, Compression compression) {
		if (this.abandoned) {
			return CompletableFuture.completedFuture(IntakeResponse.abandoned(endpoint.path()));
		}
		WebClient.RequestBodySpec request = this.webClient.post()
			.uri(endpoint.path())
			.contentType(MediaType.APPLICATION_JSON);
		String contentEncoding = compression.contentEncoding();
		if (contentEncoding != null) {
			request = request.header("Content-Encoding", contentEncoding);
		}
		CompletableFuture<IntakeResponse> answer = request.bodyValue(body)
			.exchangeToMono(this::read)
			.timeout(this.requestTimeout)
			.toFuture();
		this.inFlight.add(answer);
		if (this.abandoned) {
			// abandonRequests() came after the check above, perhaps before this request
			// was in flight
			answer.cancel(true);
		}
		return answer;
	}

	/**
	 * Waits for the answer of a request {@link #send} made; an interrupt ends the wait as
	 * a transport error, {@link #abandonRequests()} as an abandoned response.
	 */
	IntakeResponse await(CompletableFuture<IntakeResponse> answer, IntakeEndpoint endpoint) {
		try {
			return answer.get(this.requestTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (CancellationException ex) {
			return IntakeResponse.abandoned(endpoint.path());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return IntakeResponse.transportFailure("interrupted while waiting for " + endpoint.path());
		}
		catch (ExecutionException ex) {
			return failure(ex.getCause());
		}
		catch (TimeoutException ex) {
			return failure(ex);
		}
		finally {
			this.inFlight.remove(answer);
		}
	}

	/**
	 * Ends the wait for the requests in flight, and makes later posts end at once: the
	 * submitter is stopping. Safe from any thread.
	 */
	void abandonRequests() {
		this.abandoned = true;
		for (CompletableFuture<IntakeResponse> answer : this.inFlight) {
			answer.cancel(true);
		}
	}

	/**
	 * Sends a GET without waiting for the answer; the future never completes
	 * exceptionally (failures become transport-error responses).
	 */
	CompletableFuture<IntakeResponse> get(String path) {
		return this.webClient.get()
			.uri(path)
			.exchangeToMono(this::read)
			.timeout(this.requestTimeout)
			.onErrorResume((ex) -> Mono.just(failure(ex)))
			.toFuture();
	}

	private Mono<IntakeResponse> read(ClientResponse response) {
		int status = response.statusCode().value();
		Duration retryAfter = retryAfter(response.headers().asHttpHeaders().getFirst("Retry-After"),
				response.headers().asHttpHeaders().getFirst("X-RateLimit-Reset"), this.clock.instant());
		// Bodies are not assumed to be JSON, nor small, nor readable: only their start is
		// kept, as text.
		return response.bodyToMono(String.class)
			.onErrorResume((ex) -> Mono.just("(unreadable body: " + ex.getClass().getSimpleName() + ")"))
			.defaultIfEmpty("")
			.map((body) -> IntakeResponse.answer(status, quoted(body.strip()), retryAfter));
	}

	/**
	 * What the intake said, as log lines and the statistics quote it: the key redacted
	 * first (a cut could split it), then cut to a line's worth.
	 */
	private String quoted(String text) {
		return LogText.shown(this.settings.redact(text));
	}

	/**
	 * The delay the intake asked for: {@code Retry-After} (seconds, or an HTTP date
	 * measured from {@code now}), else {@code X-RateLimit-Reset} (seconds); {@code null}
	 * when neither is usable.
	 */
	static Duration retryAfter(String retryAfter, String rateLimitReset, Instant now) {
		Duration requested = parseRetryAfter(retryAfter, now);
		return (requested != null) ? requested : parseSeconds(rateLimitReset);
	}

	private static Duration parseRetryAfter(String value, Instant now) {
		Duration seconds = parseSeconds(value);
		if (seconds != null || value == null) {
			return seconds;
		}
		try {
			Duration untilDate = Duration.between(now,
					ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
			return untilDate.isNegative() ? Duration.ZERO : untilDate;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static Duration parseSeconds(String value) {
		if (value == null) {
			return null;
		}
		try {
			long seconds = Long.parseLong(value.trim());
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * The failure as a response: a timeout once connected means the request may have
	 * reached the intake; a connection error or connect timeout means it did not.
	 */
	private IntakeResponse failure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String name = cause.getClass().getSimpleName();
			if (cause instanceof TimeoutException || name.contains("Timeout")) {
				String error = "no response within the timeout (" + name + ")";
				return name.contains("Connect") ? IntakeResponse.transportFailure(error)
						: IntakeResponse.timeout(error);
			}
		}
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getMessage() == null) {
			cause = cause.getCause();
		}
		return IntakeResponse.transportFailure(cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? ": " + quoted(cause.getMessage()) : ""));
	}

	/** Releases the connection pool and event loop if this client created them. */
	void close() {
		this.releaseResources.run();
	}

}
