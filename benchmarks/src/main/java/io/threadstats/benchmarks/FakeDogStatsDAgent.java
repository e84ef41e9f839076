package io.threadstats.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * A stand-in for the Datadog Agent's DogStatsD listener on a random loopback UDP port: one thread reads
 * every datagram as fast as it can and totals, per metric name, counter values ({@code |c}) and the
 * number of histogram and distribution values ({@code |h}, {@code |d}, packed values included).
 */
final class FakeDogStatsDAgent implements AutoCloseable {

	/** The receive buffer asked for; the kernel caps it at {@code net.core.rmem_max}. */
	private static final int RECEIVE_BUFFER = 8 * 1024 * 1024;

	private final DatagramChannel channel;

	private final Thread reader;

	private final Map<String, DoubleAdder> totals = new ConcurrentHashMap<>();

	private final AtomicLong datagrams = new AtomicLong();

	private volatile long lastReceiveNanos = System.nanoTime();

	FakeDogStatsDAgent() throws IOException {
		this.channel = DatagramChannel.open();
		this.channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
		this.channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		this.reader = new Thread(this::readUntilClosed, "fake-dogstatsd-agent");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	int port() throws IOException {
		return ((InetSocketAddress) this.channel.getLocalAddress()).getPort();
	}

	/** The receive buffer the kernel granted. */
	int receiveBufferBytes() throws IOException {
		return this.channel.getOption(StandardSocketOptions.SO_RCVBUF);
	}

	double total(String metric) {
		DoubleAdder total = this.totals.get(metric);
		return (total != null) ? total.sum() : 0;
	}

	long datagrams() {
		return this.datagrams.get();
	}

	/** Waits until nothing has arrived for {@code quietMillis}, at most {@code maxMillis}. */
	void awaitQuiet(long quietMillis, long maxMillis) throws InterruptedException {
		long deadline = System.nanoTime() + maxMillis * 1_000_000;
		while (System.nanoTime() < deadline
				&& System.nanoTime() - this.lastReceiveNanos < quietMillis * 1_000_000) {
			Thread.sleep(50);
		}
	}

	private void readUntilClosed() {
		ByteBuffer buffer = ByteBuffer.allocate(65_536);
		try {
			while (true) {
				buffer.clear();
				this.channel.receive(buffer);
				buffer.flip();
				this.datagrams.incrementAndGet();
				this.lastReceiveNanos = System.nanoTime();
				totalDatagram(new String(buffer.array(), 0, buffer.limit(), StandardCharsets.UTF_8));
			}
		}
		catch (ClosedChannelException ex) {
			// closed by close(): done
		}
		catch (IOException ex) {
			throw new IllegalStateException("The fake agent could not read", ex);
		}
	}

	/** Lines like {@code name:1|c|#tag:a} or {@code name:1.5:2|h|#tag:a}. */
	private void totalDatagram(String datagram) {
		for (String line : datagram.split("\n")) {
			int colon = line.indexOf(':');
			int bar = line.indexOf('|', colon + 1);
			if (colon < 0 || bar < 0) {
				continue;
			}
			String metric = line.substring(0, colon);
			String[] values = line.substring(colon + 1, bar).split(":");
			char type = (bar + 1 < line.length()) ? line.charAt(bar + 1) : '?';
			double amount = switch (type) {
				case 'c' -> sum(values);
				case 'h', 'd' -> values.length;
				default -> 0;
			};
			if (amount != 0) {
				this.totals.computeIfAbsent(metric, (name) -> new DoubleAdder()).add(amount);
			}
		}
	}

	private static double sum(String[] values) {
		double sum = 0;
		for (String value : values) {
			sum += Double.parseDouble(value);
		}
		return sum;
	}

	@Override
	public void close() throws IOException, InterruptedException {
		this.channel.close();
		this.reader.join(1000);
	}

}
