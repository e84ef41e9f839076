package io.threadstats.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link HostNameResolver}: {@code threadstats.host}, else {@code DD_HOSTNAME}, else the
 * machine's name as the operating system reports it.
 */
final class ConfiguredOrLocalHostNameResolver implements HostNameResolver {

	private static final Logger logger = LoggerFactory.getLogger(ConfiguredOrLocalHostNameResolver.class);

	private final Function<String, String> datadogEnvironment;

	ConfiguredOrLocalHostNameResolver(Function<String, String> datadogEnvironment) {
		this.datadogEnvironment = datadogEnvironment;
	}

	@Override
	public String resolveHostName() {
		String configured = this.datadogEnvironment.apply(DatadogEnvironment.HOSTNAME);
		return (configured != null) ? configured : localHostName();
	}

	private static String localHostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			logger.warn("threadstats: the machine's host name could not be resolved ({}); points are sent without"
					+ " a host unless threadstats.host or DD_HOSTNAME is set", ex.getMessage());
			return null;
		}
	}

}
