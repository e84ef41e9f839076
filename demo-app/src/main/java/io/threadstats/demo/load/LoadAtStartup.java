package io.threadstats.demo.load;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts a load run once the demo is ready when {@code demo.load.seconds} is above zero
 * (see {@link LoadProperties}).
 */
@Component
@EnableConfigurationProperties(LoadProperties.class)
class LoadAtStartup {

	private final LoadGenerator generator;

	private final LoadProperties properties;

	LoadAtStartup(LoadGenerator generator, LoadProperties properties) {
		this.generator = generator;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void startConfiguredLoad() {
		if (this.properties.getSeconds() > 0) {
			this.generator.start(this.properties.getSeconds(), this.properties.getRequestsPerSecond());
		}
	}

}
