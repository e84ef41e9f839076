package io.threadstats.submission;

import java.net.http.HttpClient;
import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.ClassUtils;

/**
 * The HTTP connector of a submitter that owns its resources: Reactor Netty when the
 * application has it, else the JDK's {@link HttpClient}, so that the starter does not
 * bring Reactor Netty (and Netty's natives) to an application that has none. Both carry
 * the connect and response timeouts.
 *
 * @param connector the connector
 * @param release releases what it holds, in the background
 */
record IntakeConnector(ClientHttpConnector connector, Runnable release) {

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.http.client.HttpClient",
			IntakeConnector.class.getClassLoader());

	/** Reactor Netty's when it is on the class path, else the JDK's. */
	static IntakeConnector create(DeliverySettings settings) {
		return REACTOR_NETTY_PRESENT ? ReactorNetty.create(settings) : jdk(settings);
	}

	/** On the JDK's {@link HttpClient}, whose (daemon) threads end with it. */
	static IntakeConnector jdk(DeliverySettings settings) {
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpConnector connector = new JdkClientHttpConnector(httpClient);
		connector.setReadTimeout(settings.responseTimeout());
		return new IntakeConnector(connector, () -> {
		});
	}

	/** Only loaded when Reactor Netty is on the class path. */
	static final class ReactorNetty {

		private ReactorNetty() {
		}

		/** On a connection pool and event loop of its own. */
		static IntakeConnector create(DeliverySettings settings) {
			ConnectionProvider connections = ConnectionProvider.builder("threadstats-delivery")
				// the requests one endpoint may have in flight, and one for another
				// endpoint
				.maxConnections(IntakeEndpoint.maxInFlightOfAll() + 1)
				.maxIdleTime(Duration.ofSeconds(30))
				.build();
			LoopResources loops = LoopResources.create("threadstats-http", 1, true);
			reactor.netty.http.client.HttpClient httpClient = reactor.netty.http.client.HttpClient.create(connections)
				.runOn(loops)
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
						(int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
				.responseTimeout(settings.responseTimeout());
			// released in the background: the shutdown timeout is spent on delivery, not
			// on waiting for sockets and (daemon) event loop threads to close
			return new IntakeConnector(new ReactorClientHttpConnector(httpClient), () -> {
				connections.disposeLater().subscribe();
				loops.disposeLater(Duration.ZERO, Duration.ofSeconds(1)).subscribe();
			});
		}

	}

}
