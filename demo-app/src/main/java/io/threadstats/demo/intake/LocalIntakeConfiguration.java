package io.threadstats.demo.intake;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Wires the local intake: its store, its Datadog rules, its API and the server that
 * serves it, and the pieces they use.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
class LocalIntakeConfiguration {

	@Bean
	IntakeStore intakeStore(IntakeProperties properties) {
		return new IntakeStore(properties);
	}

	@Bean
	TimestampRules intakeTimestampRules() {
		return new TimestampRules(Clock.systemUTC());
	}

	@Bean
	DatadogNames intakeDatadogNames(IntakeStore store) {
		return new DatadogNames(store.statistics());
	}

	@Bean
	SeriesIntake seriesIntake(IntakeStore store, DatadogNames names, TimestampRules timestamps) {
		return new SeriesIntake(store, names, timestamps);
	}

	@Bean
	EventIntake eventIntake(IntakeStore store, DatadogNames names, TimestampRules timestamps) {
		return new EventIntake(store, names, timestamps);
	}

	@Bean
	IntakeRequestReader intakeRequestReader(JsonMapper jsonMapper, IntakeStore store) {
		return new IntakeRequestReader(jsonMapper, store.statistics());
	}

	@Bean
	LocalIntakeApi localIntakeApi(IntakeRequestReader reader, SeriesIntake seriesIntake, EventIntake eventIntake,
			IntakeStore store, JsonMapper jsonMapper) {
		return new LocalIntakeApi(reader, seriesIntake, eventIntake, new IntakeResponseCounter(store.statistics()),
				jsonMapper);
	}

	/**
	 * The intake's own server, when the starter sends to it: the demo's
	 * {@code LocalIntakeEnvironmentPostProcessor} sets its port only then.
	 */
	@Bean
	@ConditionalOnProperty(IntakeProperties.PORT_PROPERTY)
	LocalIntakeServer localIntakeServer(IntakeProperties properties, LocalIntakeApi api,
			ReactorResourceFactory resources) {
		return new LocalIntakeServer(properties.getPort(), api.httpHandler(), resources);
	}

}
