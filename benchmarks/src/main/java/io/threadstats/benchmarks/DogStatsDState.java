package io.threadstats.benchmarks;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;

import com.timgroup.statsd.NonBlockingStatsDClient;
import com.timgroup.statsd.NonBlockingStatsDClientBuilder;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * DataDog's java-dogstatsd-client with client-side aggregation on (its default since
 * 3.0), sending to a loopback UDP socket that is bound but never read: packets fill its
 * receive buffer and are then dropped by the kernel, as with an Agent that cannot keep
 * up. The JMH figure is the caller's cost; the client's processor and sender threads work
 * on the same two cores.
 */
@State(Scope.Benchmark)
public class DogStatsDState {

	/** The loopback address, as the client takes it. */
	static final String LOOPBACK = InetAddress.getLoopbackAddress().getHostAddress();

	/** The client under test. */
	public NonBlockingStatsDClient client;

	private DatagramSocket unreadSocket;

	/** Binds the unread socket and builds the client. */
	@Setup(Level.Trial)
	public void start() throws SocketException {
		this.unreadSocket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		this.client = client(this.unreadSocket.getLocalPort());
	}

	/** Closes the client and the socket. */
	@TearDown(Level.Trial)
	public void stop() {
		this.client.close();
		this.unreadSocket.close();
	}

	/** A client as applications build it, aggregation on, sending to a loopback port. */
	static NonBlockingStatsDClient client(int port) {
		return builder(port).build();
	}

	/**
	 * The builder of {@link #client(int)}, its defaults otherwise (a caller may add to
	 * it, and read what it holds).
	 */
	static NonBlockingStatsDClientBuilder builder(int port) {
		return new NonBlockingStatsDClientBuilder().hostname(LOOPBACK).port(port).enableAggregation(true);
	}

}
