package io.threadstats.demo.intake;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the local intake: its store, its Datadog rules, and the pieces its controllers
 * use.
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
	IntakeResponseCounter intakeResponseCounter(IntakeStore store) {
		return new IntakeResponseCounter(store.statistics());
	}

}
