package io.threadstats.demo.intake;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the local intake received, read-only, as JSON for the demo's page, served by the
 * demo's web server: {@code /intake/address} (where the intake's API listens),
 * {@code /intake/metrics} (one entry per metric name), {@code /intake/series?metric=...}
 * (the series and points of one metric, or of all when no metric is given),
 * {@code /intake/events} and {@code /intake/checks} (newest first) and
 * {@code /intake/stats} (what was answered, kept, evicted and dropped).
 */
@RestController
@RequestMapping(LocalIntakeApi.PREFIX)
public class IntakeViewController {

	private final IntakeStore store;

	private final ObjectProvider<LocalIntakeServer> server;

	IntakeViewController(IntakeStore store, ObjectProvider<LocalIntakeServer> server) {
		this.store = store;
		this.server = server;
	}

	/**
	 * Where the local intake's API is served, {@code {"url": null}} when its server does
	 * not run (the starter sends elsewhere): the page compares it with where the starter
	 * sends.
	 */
	@GetMapping("/address")
	Map<String, String> address() {
		LocalIntakeServer running = this.server.getIfAvailable();
		Map<String, String> address = new HashMap<>();
		address.put("url", (running != null) ? running.apiUrl() : null);
		return address;
	}

	@GetMapping("/metrics")
	List<ReceivedMetric> metrics() {
		return this.store.metrics();
	}

	@GetMapping("/series")
	List<ReceivedSeries> series(@RequestParam(required = false) String metric) {
		return this.store.series(metric);
	}

	@GetMapping("/events")
	List<ReceivedEvent> events() {
		return this.store.events();
	}

	@GetMapping("/checks")
	List<ReceivedCheck> checks() {
		return this.store.checks();
	}

	@GetMapping("/stats")
	IntakeStatistics.Snapshot stats() {
		return this.store.statisticsSnapshot();
	}

}
