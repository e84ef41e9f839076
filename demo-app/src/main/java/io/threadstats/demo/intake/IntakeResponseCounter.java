package io.threadstats.demo.intake;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Counts, per endpoint path, how the local intake answered each submission, for {@code /intake/stats}: it
 * shows at a glance whether the starter's requests are accepted or refused.
 */
final class IntakeResponseCounter implements WebFilter {

	private static final String API_PREFIX = LocalIntakeController.PREFIX + "/api/";

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
		String endpointPath = path.substring(LocalIntakeController.PREFIX.length());
		return chain.filter(exchange).doFinally((signal) -> {
			HttpStatusCode status = exchange.getResponse().getStatusCode();
			this.statistics.response(endpointPath, (status != null) ? status.value() : 200);
		});
	}

}
