package io.threadstats.autoconfigure;

/**
 * Supplies the host name sent with every point recorded without its own. Declare a bean
 * of this type to replace the default ({@code threadstats.host}, else
 * {@code DD_HOSTNAME}, else the machine's name, as
 * {@link io.threadstats.ThreadStatsBuilder} resolves it), for example to read a cloud
 * provider's instance id. Not consulted when {@code threadstats.send-host=false}.
 */
@FunctionalInterface
public interface HostNameResolver {

	/**
	 * Resolves the host name, once, when the {@link io.threadstats.ThreadStats} bean is
	 * built.
	 * @return the host name, or {@code null} to send none
	 */
	String resolveHostName();

}
