package io.threadstats.demo.load;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import io.threadstats.demo.orders.OrderService;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Sends a mix of requests to the demo's own {@code /api/orders} endpoints at a fixed rate
 * for a fixed time: lookups of existing and unknown orders, new orders, and listings. One
 * run at a time.
 *
 * <p>
 * When the demo stops, the run in progress stops first, in phase {@value #PHASE}, before
 * the web server stops taking requests: its requests in flight are answered, and none is
 * sent to a server that is gone (a stream of refused connections would keep the demo's
 * Reactor Netty event loops busy past their 15 s shutdown timeout).
 */
@Component
public class LoadGenerator implements SmartLifecycle {

	/**
	 * The lifecycle phase: stopped before the web server's graceful shutdown
	 * ({@code DEFAULT_PHASE - 1024}).
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE;

	/** The longest run accepted. */
	public static final int MAX_SECONDS = 3600;

	/**
	 * The highest rate accepted: the demo's server answers one request per connection
	 * (see {@code application.yml}), and each closed connection holds a local port for a
	 * minute.
	 */
	public static final int MAX_REQUESTS_PER_SECOND = 400;

	/** How long one request may take before it is given up and counted as failed. */
	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * Requests in flight at most; ticks beyond it are skipped and counted rather than
	 * queued.
	 */
	static final int MAX_IN_FLIGHT = 64;

	private static final Log log = LogFactory.getLog(LoadGenerator.class);

	private static final List<String> CUSTOMERS = List.of("ada", "grace", "linus", "margaret", "ken");

	private static final List<String> ITEMS = List.of("coffee", "tea", "cake", "bagel", "juice", "muffin");

	private final WebClient.Builder webClientBuilder;

	private final Environment environment;

	private final OrderService orders;

	private final Clock clock = Clock.systemUTC();

	private final AtomicReference<LoadRun> current = new AtomicReference<>();

	private volatile boolean accepting;

	LoadGenerator(WebClient.Builder webClientBuilder, Environment environment, OrderService orders) {
		this.webClientBuilder = webClientBuilder;
		this.environment = environment;
		this.orders = orders;
	}

	/**
	 * Starts a run against this application's own port. Its arguments are named as the
	 * parameters of {@code POST /load} in error messages.
	 * @throws IllegalArgumentException if seconds or rate is out of range
	 * @throws IllegalStateException if a run is in progress, or the demo is stopping
	 */
	public LoadStatus start(int seconds, int requestsPerSecond) {
		requireRange("seconds", seconds, 1, MAX_SECONDS);
		requireRange("rps", requestsPerSecond, 1, MAX_REQUESTS_PER_SECOND);
		if (!this.accepting) {
			throw new IllegalStateException("the demo is stopping: no new load run");
		}
		// everything that can fail comes before the run is published: a run published is
		// one that runs
		String baseUrl = "http://127.0.0.1:" + this.environment.getRequiredProperty("local.server.port");
		WebClient client = this.webClientBuilder.clone().baseUrl(baseUrl).build();
		LoadRun run = new LoadRun(seconds, requestsPerSecond, this.clock.instant());
		LoadRun previous = this.current.get();
		if ((previous != null && previous.running()) || !this.current.compareAndSet(previous, run)) {
			throw new IllegalStateException("a load run is in progress; stop it first (DELETE /load)");
		}
		log.info("Sending " + requestsPerSecond + " requests/s for " + seconds + " s to " + baseUrl + "/api/orders");
		run.drive(Flux.interval(Duration.ofNanos(1_000_000_000L / requestsPerSecond)).take(Duration.ofSeconds(seconds)),
				(tick) -> oneRequest(client, run), MAX_IN_FLIGHT);
		return run.status();
	}

	/**
	 * Returns {@code value} if it is from {@code min} to {@code max}, else fails saying
	 * so.
	 * @param name what the value is called where it came from (a request parameter, a
	 * property)
	 * @throws IllegalArgumentException if it is out of range
	 */
	static int requireRange(String name, int value, int min, int max) {
		if (value < min || value > max) {
			throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", was " + value);
		}
		return value;
	}

	/**
	 * Stops the run in progress, if any, and returns its status: it sends no more
	 * requests, and those in flight finish on their own.
	 */
	public LoadStatus stopRun() {
		LoadRun run = this.current.get();
		if (run == null) {
			return LoadStatus.NEVER_STARTED;
		}
		run.stop();
		return run.status();
	}

	@Override
	public void start() {
		this.accepting = true;
	}

	/**
	 * Stops the run in progress and waits for its requests in flight, each bounded by the
	 * request timeout; refuses new runs from then on.
	 */
	@Override
	public void stop() {
		this.accepting = false;
		LoadRun run = this.current.get();
		if (run != null) {
			run.stop();
			if (!run.awaitEnd(REQUEST_TIMEOUT)) {
				log.info("Load run stopped; requests still in flight after " + REQUEST_TIMEOUT.toSeconds()
						+ " s were cancelled");
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.accepting;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** The status of the current or last run. */
	public LoadStatus status() {
		LoadRun run = this.current.get();
		return (run != null) ? run.status() : LoadStatus.NEVER_STARTED;
	}

	private Mono<Void> oneRequest(WebClient client, LoadRun run) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int pick = random.nextInt(10);
		WebClient.RequestHeadersSpec<?> request;
		if (pick < 4) {
			// a few ids past the last one placed: unknown orders answer 404
			request = client.get().uri("/api/orders/{id}", random.nextLong(1, this.orders.nextId() + 5));
		}
		else if (pick < 8) {
			List<String> items = random.ints(random.nextInt(1, 6), 0, ITEMS.size()).mapToObj(ITEMS::get).toList();
			request = client.post()
				.uri("/api/orders")
				.bodyValue(Map.of("customer", CUSTOMERS.get(random.nextInt(CUSTOMERS.size())), "items", items));
		}
		else {
			request = client.get().uri("/api/orders?limit=10");
		}
		run.sent();
		return request.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode()))
			.timeout(REQUEST_TIMEOUT)
			.doOnNext(run::answered)
			.doOnError((ex) -> run.failed())
			.onErrorComplete()
			.then();
	}

}
