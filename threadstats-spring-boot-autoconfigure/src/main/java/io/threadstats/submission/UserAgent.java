package io.threadstats.submission;

/** The {@code User-Agent} sent with every request: the library and its version. */
final class UserAgent {

	/**
	 * {@code threadstats-spring-boot/<version>}; {@code dev} when not running from a
	 * released jar.
	 */
	static final String VALUE = "threadstats-spring-boot/" + version();

	private UserAgent() {
	}

	private static String version() {
		String version = UserAgent.class.getPackage().getImplementationVersion();
		return (version != null && !version.isBlank()) ? version : "dev";
	}

}
