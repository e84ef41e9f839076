package io.threadstats.actuate;

import io.threadstats.submission.FlushRecord;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code threadstats} actuator endpoint: what was flushed, sent, retried and dropped,
 * without opening Datadog.
 * <ul>
 * <li>{@code GET /actuator/threadstats}: status, configuration, totals, now, last flushes
 * ({@link ThreadStatsReport});</li>
 * <li>{@code GET /actuator/threadstats/{metric}}: one metric's active series and the
 * values waiting in their open buckets ({@link MetricReport}; 404 when none is
 * active);</li>
 * <li>{@code POST /actuator/threadstats}: flush now and answer with that flush's record
 * ({@link FlushRecord}).</li>
 * </ul>
 * Like every endpoint, it is exposed over HTTP only when the application says so
 * ({@code management.endpoints.web.exposure.include=threadstats}).
 */
@Endpoint(id = "threadstats")
public class ThreadStatsEndpoint {

	private final ThreadStatsInspector inspector;

	/** Creates the endpoint over an inspector. */
	public ThreadStatsEndpoint(ThreadStatsInspector inspector) {
		this.inspector = inspector;
	}

	/**
	 * The status, configuration, totals since start, the state now and the last flushes.
	 */
	@ReadOperation
	public ThreadStatsReport report() {
		return this.inspector.report();
	}

	/**
	 * One metric's active series, with the values waiting in their open buckets.
	 * @param metric the metric name as recorded, or with the namespace
	 * @return the series, or {@code null} (404) when none is active
	 */
	@ReadOperation
	public MetricReport metric(@Selector String metric) {
		return this.inspector.metric(metric);
	}

	/**
	 * Flushes now and answers with that flush's record once its payloads were delivered,
	 * dropped or parked.
	 */
	@WriteOperation
	public FlushRecord flush() {
		return this.inspector.flush();
	}

}
