package io.threadstats.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The demo service: a small WebFlux application that uses the threadstats starter, with a
 * local Datadog intake and a page at {@code /} charting what arrived there.
 */
@SpringBootApplication
@EnableScheduling
public class DemoApplication {

	public static void main(String[] args) {
		SpringApplication.run(DemoApplication.class, args);
	}

	/**
	 * Event loops and connections of the demo's own (its web server, its clients, the
	 * local intake's server), instead of Reactor Netty's global ones: a demo that stops
	 * disposes only its own, so that several in one JVM (the tests start many) stop
	 * independently, each delivering its final flush.
	 */
	@Bean
	ReactorResourceFactory reactorResourceFactory() {
		ReactorResourceFactory resources = new ReactorResourceFactory();
		resources.setUseGlobalResources(false);
		return resources;
	}

}
