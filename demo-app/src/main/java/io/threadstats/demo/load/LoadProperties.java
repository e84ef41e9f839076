package io.threadstats.demo.load;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The load run started with the demo, for the command-line form
 * {@code --demo.load.seconds=120 --demo.load.requests-per-second=100}. A value out of
 * range stops the demo at startup with a message naming the property and its range.
 */
@ConfigurationProperties("demo.load")
public class LoadProperties {

	/**
	 * Seconds of generated load once the demo is ready, at most
	 * {@value LoadGenerator#MAX_SECONDS}; 0 for none.
	 */
	private int seconds;

	/**
	 * Requests per second of that load, from 1 to
	 * {@value LoadGenerator#MAX_REQUESTS_PER_SECOND}.
	 */
	private int requestsPerSecond = 50;

	public int getSeconds() {
		return this.seconds;
	}

	public void setSeconds(int seconds) {
		this.seconds = LoadGenerator.requireRange("demo.load.seconds", seconds, 0, LoadGenerator.MAX_SECONDS);
	}

	public int getRequestsPerSecond() {
		return this.requestsPerSecond;
	}

	public void setRequestsPerSecond(int requestsPerSecond) {
		this.requestsPerSecond = LoadGenerator.requireRange("demo.load.requests-per-second", requestsPerSecond, 1,
				LoadGenerator.MAX_REQUESTS_PER_SECOND);
	}

}
