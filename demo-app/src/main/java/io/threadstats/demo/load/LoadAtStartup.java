package io.threadstats.demo.load;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts a load run once the demo is ready when {@code demo.load.seconds} is above zero, for the
 * command-line form: {@code --demo.load.seconds=120 --demo.load.requests-per-second=100}.
 */
@Component
class LoadAtStartup {

	private final LoadGenerator generator;

	private final int seconds;

	private final int requestsPerSecond;

	LoadAtStartup(LoadGenerator generator, @Value("${demo.load.seconds:0}") int seconds,
			@Value("${demo.load.requests-per-second:50}") int requestsPerSecond) {
		this.generator = generator;
		this.seconds = seconds;
		this.requestsPerSecond = requestsPerSecond;
	}

	@EventListener(ApplicationReadyEvent.class)
	void startConfiguredLoad() {
		if (this.seconds > 0) {
			this.generator.start(this.seconds, this.requestsPerSecond);
		}
	}

}
