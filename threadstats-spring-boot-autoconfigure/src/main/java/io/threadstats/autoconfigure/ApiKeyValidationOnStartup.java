package io.threadstats.autoconfigure;

import io.threadstats.submission.ObservableDelivery;
import io.threadstats.submission.Submitter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Asks Datadog whether the API key is valid once the application is ready, when the
 * submitter's delivery is observable and a key is configured. Only starts the request:
 * startup never waits on the network, and the verdict shows in the delivery statistics,
 * the actuator endpoint and the health indicator.
 */
final class ApiKeyValidationOnStartup implements ApplicationListener<ApplicationReadyEvent> {

	private final ObjectProvider<Submitter> submitter;

	ApiKeyValidationOnStartup(ObjectProvider<Submitter> submitter) {
		this.submitter = submitter;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.submitter.getIfUnique() instanceof ObservableDelivery datadog && !datadog.isDryRun()) {
			datadog.validateApiKey();
		}
	}

}
