package io.threadstats.actuate;

import io.threadstats.api.LogText;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The {@link ThreadStatsEndpoint} over HTTP: {@code GET /actuator/threadstats/{metric}}
 * for a metric with no active series answers 404 with a body that says so, instead of the
 * empty 404 a {@code null} would give.
 */
@EndpointWebExtension(endpoint = ThreadStatsEndpoint.class)
public class ThreadStatsEndpointWebExtension {

	private final ThreadStatsEndpoint endpoint;

	/** Creates the extension of an endpoint. */
	public ThreadStatsEndpointWebExtension(ThreadStatsEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	/**
	 * One metric's active series, or a 404 whose body names the metric and why nothing is
	 * shown.
	 * @param metric the metric name as recorded, or with the namespace
	 * @return a {@link MetricReport}, or an {@link UnknownMetric} with status 404
	 */
	@ReadOperation
	public WebEndpointResponse<Object> metric(@Selector String metric) {
		MetricReport report = this.endpoint.metric(metric);
		if (report == null) {
			return new WebEndpointResponse<>(UnknownMetric.of(metric), WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return new WebEndpointResponse<>(report);
	}

	/**
	 * What {@code GET /actuator/threadstats/{metric}} answers, with a 404, for a metric
	 * with no active series.
	 *
	 * @param metric the name asked for
	 * @param activeSeries always 0
	 * @param message why nothing is shown
	 */
	public record UnknownMetric(String metric, int activeSeries, String message) {

		static UnknownMetric of(String metric) {
			return new UnknownMetric(metric, 0, "no active series of '" + LogText.shown(metric) + "': it was never"
					+ " recorded (names match as recorded, or with the namespace), or every series of it went idle"
					+ " and was evicted; it shows again from its next point");
		}

	}

}
