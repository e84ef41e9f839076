package io.threadstats.actuate;

import io.threadstats.annotation.Counted;
import io.threadstats.annotation.MetricTag;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A small reactive web application with the starter's auto-configuration and one
 * annotated bean.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class ThreadStatsTestApplication {

	@Bean
	Greeter greeter() {
		return new Greeter();
	}

	/** Counted by the {@code @Counted} aspect, as an application's service would be. */
	static class Greeter {

		@Counted("greetings")
		public String greet(String name) {
			return "hello " + name;
		}

		/**
		 * Its tag is the customer's {@code toString()}, which may fail: then the call is
		 * not recorded.
		 */
		@Counted("customer.greetings")
		public String greetCustomer(@MetricTag("customer") Object customer) {
			return "hello";
		}

	}

}
