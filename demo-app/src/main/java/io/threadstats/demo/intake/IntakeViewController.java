package io.threadstats.demo.intake;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the local intake received, read-only, as JSON for the demo's page:
 * {@code /intake/metrics} (one entry per metric name), {@code /intake/series?metric=...}
 * (the series and points of one metric, or of all when no metric is given),
 * {@code /intake/events} and {@code /intake/checks} (newest first) and
 * {@code /intake/stats} (what was answered, kept, evicted and dropped).
 */
@RestController
@RequestMapping(LocalIntakeController.PREFIX)
public class IntakeViewController {

	private final IntakeStore store;

	IntakeViewController(IntakeStore store) {
		this.store = store;
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
