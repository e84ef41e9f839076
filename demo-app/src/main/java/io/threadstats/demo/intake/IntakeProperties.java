package io.threadstats.demo.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How much the local intake keeps in memory. What does not fit is evicted oldest first
 * (points, events, checks) or refused (new series), and counted in {@code /intake/stats}.
 */
@ConfigurationProperties("demo.intake")
public class IntakeProperties {

	/** The property naming the local intake server's port. */
	public static final String PORT_PROPERTY = "demo.intake.port";

	/**
	 * Port of the local intake's own server on the loopback address, where the starter
	 * sends when no Datadog API key is set; 0 (or unset) for a free port chosen at
	 * startup.
	 */
	private int port;

	/** Most series kept; points of further new series are dropped and counted. */
	private int maxSeries = 2000;

	/** Most points kept per series, the latest timestamps winning. */
	private int maxPointsPerSeries = 360;

	/** Most events kept, the latest winning. */
	private int maxEvents = 100;

	/** Most service checks kept, the latest winning. */
	private int maxChecks = 100;

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException(PORT_PROPERTY + " must be from 0 to 65535, was " + port);
		}
		this.port = port;
	}

	public int getMaxSeries() {
		return this.maxSeries;
	}

	public void setMaxSeries(int maxSeries) {
		this.maxSeries = requirePositive("demo.intake.max-series", maxSeries);
	}

	public int getMaxPointsPerSeries() {
		return this.maxPointsPerSeries;
	}

	public void setMaxPointsPerSeries(int maxPointsPerSeries) {
		this.maxPointsPerSeries = requirePositive("demo.intake.max-points-per-series", maxPointsPerSeries);
	}

	public int getMaxEvents() {
		return this.maxEvents;
	}

	public void setMaxEvents(int maxEvents) {
		this.maxEvents = requirePositive("demo.intake.max-events", maxEvents);
	}

	public int getMaxChecks() {
		return this.maxChecks;
	}

	public void setMaxChecks(int maxChecks) {
		this.maxChecks = requirePositive("demo.intake.max-checks", maxChecks);
	}

	private static int requirePositive(String property, int value) {
		if (value < 1) {
			throw new IllegalArgumentException(property + " must be at least 1, was " + value);
		}
		return value;
	}

}
