package io.threadstats.demo.intake;

import java.time.Duration;

import io.threadstats.autoconfigure.ThreadStatsFlusher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;

/**
 * The local intake's own small HTTP server on the loopback address, serving only
 * {@link LocalIntakeApi}, apart from the demo's web server.
 *
 * <p>
 * Apart, so that it outlives the web server: the starter flushes its last buckets after
 * the web server has stopped (so the last requests' metrics are in that flush), in the
 * phase of {@link ThreadStatsFlusher}. This server stops in phase {@value #PHASE}, after
 * that final flush has been delivered to it, and before the demo's event loops, which it
 * runs on, are disposed (its {@link ReactorResourceFactory}, phase 0).
 */
public final class LocalIntakeServer implements SmartLifecycle {

	/**
	 * The lifecycle phase: after the starter's flusher, before the demo's Reactor Netty
	 * resources.
	 */
	public static final int PHASE = ThreadStatsFlusher.PHASE - 1024;

	/**
	 * How long a stop waits for requests in flight: by then the starter has delivered or
	 * given up.
	 */
	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

	private static final Log log = LogFactory.getLog(LocalIntakeServer.class);

	/** The IPv4 loopback address, named as the starter's URL names it. */
	static final String HOST = "127.0.0.1";

	private final int port;

	private final HttpHandler handler;

	private final ReactorResourceFactory resources;

	private volatile DisposableServer server;

	/**
	 * A server that will listen on the given port of the loopback address once started,
	 * on the event loops of {@code resources}.
	 */
	LocalIntakeServer(int port, HttpHandler handler, ReactorResourceFactory resources) {
		this.port = port;
		this.handler = handler;
		this.resources = resources;
	}

	/** The URL of Datadog's API on this server, the starter's {@code api-url}. */
	public String apiUrl() {
		return baseUrl() + LocalIntakeApi.PREFIX;
	}

	/**
	 * The server's URL, without the API's prefix: with the port it is bound to once
	 * started (port 0 asks for any free one).
	 */
	public String baseUrl() {
		DisposableServer running = this.server;
		return "http://" + HOST + ":" + ((running != null) ? running.port() : this.port);
	}

	@Override
	public void start() {
		this.server = HttpServer.create()
			.host(HOST)
			.port(this.port)
			// started in phase 0, before this server
			.runOn(this.resources.getLoopResources())
			// one request per connection, like the demo's web server (see
			// application.yml)
			.maxKeepAliveRequests(1)
			.handle(new ReactorHttpHandlerAdapter(this.handler))
			.bindNow();
		log.info("Local intake listening at " + apiUrl());
	}

	@Override
	public void stop() {
		DisposableServer running = this.server;
		this.server = null;
		if (running != null) {
			try {
				running.disposeNow(STOP_TIMEOUT);
			}
			catch (IllegalStateException ex) {
				log.warn("Local intake at " + apiUrl() + " did not stop within " + STOP_TIMEOUT.toSeconds() + " s: "
						+ ex.getMessage());
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Serves on while the demo is paused (the test framework pauses the contexts it
	 * caches), as Datadog would: the starter's final flush, when a paused demo closes,
	 * reaches it.
	 */
	@Override
	public boolean isPauseable() {
		return false;
	}

}
