package io.threadstats.demo.intake;

import java.util.HashSet;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Counts, per endpoint path, how the local intake answered each submission, for
 * {@code /intake/stats}: it shows at a glance whether the starter's requests are accepted
 * or refused. Only the paths of Datadog's API that the intake implements get their own
 * entry; any other path under {@code /intake/api/} (a 404) is counted under
 * {@value #OTHER}, so made-up paths cannot grow the statistics.
 */
final class IntakeResponseCounter implements WebFilter {

	/** The entry counting requests to paths the intake does not implement. */
	static final String OTHER = "other";

	private static final String API_PREFIX = LocalIntakeApi.PREFIX + "/api/";

	private static final Set<String> KNOWN_PATHS = knownPaths();

	private final IntakeStatistics statistics;

	IntakeResponseCounter(IntakeStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		if (!path.startsWith(API_PREFIX)) {
			return chain.filter(exchange);
		}
		String apiPath = path.substring(LocalIntakeApi.PREFIX.length());
		String endpointPath = KNOWN_PATHS.contains(apiPath) ? apiPath : OTHER;
		// counted as the response is committed, so a client that has its answer sees it
		// counted
		exchange.getResponse().beforeCommit(() -> {
			HttpStatusCode status = exchange.getResponse().getStatusCode();
			this.statistics.response(endpointPath, (status != null) ? status.value() : 200);
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

	private static Set<String> knownPaths() {
		Set<String> paths = new HashSet<>();
		for (IntakeEndpoint endpoint : IntakeEndpoint.values()) {
			paths.add(endpoint.path());
		}
		paths.add(LocalIntakeApi.VALIDATE_PATH);
		return Set.copyOf(paths);
	}

}
