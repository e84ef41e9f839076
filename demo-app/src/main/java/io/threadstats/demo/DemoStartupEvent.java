package io.threadstats.demo;

import io.threadstats.ThreadStats;
import io.threadstats.snapshot.AlertType;
import io.threadstats.snapshot.Event;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Sends a Datadog event when the demo has started, as a deployment would. */
@Component
class DemoStartupEvent {

	private final ThreadStats threadStats;

	DemoStartupEvent(ThreadStats threadStats) {
		this.threadStats = threadStats;
	}

	@EventListener(ApplicationReadyEvent.class)
	void announceStart() {
		this.threadStats.event(Event
			.builder("threadstats demo started", "The demo is taking orders; its metrics flush every few seconds.")
			.alertType(AlertType.SUCCESS)
			.sourceTypeName("threadstats-demo")
			.tags("event:startup")
			.build());
	}

}
