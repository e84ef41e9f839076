package io.threadstats.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * A stand-in for the Datadog Agent's DogStatsD listener on a random loopback UDP port:
 * one thread reads every datagram as fast as it can and totals, per metric name, counter
 * values ({@code |c}) and the number of histogram and distribution values ({@code |h},
 * {@code |d}, packed values included). What it could not read in time the kernel drops
 * and counts: {@link #kernelDrops()}.
 */
final class FakeDogStatsDAgent implements AutoCloseable {

	/** The receive buffer asked for; the kernel caps it at {@code net.core.rmem_max}. */
	private static final int RECEIVE_BUFFER = 8 * 1024 * 1024;

	private final DatagramChannel channel;

	private final int port;

	private final Thread reader;

	private final Map<String, DoubleAdder> totals = new ConcurrentHashMap<>();

	private final AtomicLong datagrams = new AtomicLong();

	private volatile long lastReceiveNanos = System.nanoTime();

	/** The reader thread's last metric name, as bytes and as a string. */
	private byte[] lastNameBytes = new byte[0];

	private String lastName = "";

	FakeDogStatsDAgent() throws IOException {
		this.channel = DatagramChannel.open();
		this.channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
		this.channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		this.port = ((InetSocketAddress) this.channel.getLocalAddress()).getPort();
		this.reader = new Thread(this::readUntilClosed, "fake-dogstatsd-agent");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/** The loopback port it listens on. */
	int port() {
		return this.port;
	}

	/** The receive buffer the kernel granted. */
	int receiveBufferBytes() throws IOException {
		return this.channel.getOption(StandardSocketOptions.SO_RCVBUF);
	}

	/**
	 * Datagrams the kernel dropped for this socket so far because its receive buffer was
	 * full (Linux; {@link KernelUdpCounters#UNAVAILABLE} elsewhere).
	 */
	long kernelDrops() {
		return KernelUdpCounters.socketDrops(this.port);
	}

	/**
	 * What the counter values, or the number of histogram and distribution values, of
	 * this metric add up to.
	 */
	double total(String metric) {
		DoubleAdder total = this.totals.get(metric);
		return (total != null) ? total.sum() : 0;
	}

	/** Datagrams read so far. */
	long datagrams() {
		return this.datagrams.get();
	}

	/**
	 * Waits until nothing has arrived for {@code quietMillis}, at most {@code maxMillis}.
	 */
	void awaitQuiet(long quietMillis, long maxMillis) throws InterruptedException {
		long deadline = System.nanoTime() + maxMillis * 1_000_000;
		while (System.nanoTime() < deadline && System.nanoTime() - this.lastReceiveNanos < quietMillis * 1_000_000) {
			Thread.sleep(50);
		}
	}

	private void readUntilClosed() {
		ByteBuffer buffer = ByteBuffer.allocate(65_536);
		try {
			while (true) {
				buffer.clear();
				this.channel.receive(buffer);
				this.datagrams.incrementAndGet();
				this.lastReceiveNanos = System.nanoTime();
				totalDatagram(buffer.array(), buffer.position());
			}
		}
		catch (ClosedChannelException ex) {
			// closed by close(): done
		}
		catch (IOException ex) {
			throw new IllegalStateException("The fake agent could not read", ex);
		}
	}

	/**
	 * Lines like {@code name:1|c|#tag:a} or {@code name:1.5:2|h|#tag:a}, parsed in place:
	 * the reader must keep up with the client, or the kernel drops what it cannot (and
	 * the loss would be ours, not the client's), so it allocates nothing for the usual
	 * line.
	 */
	private void totalDatagram(byte[] bytes, int length) {
		int lineStart = 0;
		while (lineStart < length) {
			int lineEnd = indexOf(bytes, '\n', lineStart, length);
			totalLine(bytes, lineStart, lineEnd);
			lineStart = lineEnd + 1;
		}
	}

	private void totalLine(byte[] bytes, int start, int end) {
		int colon = indexOf(bytes, ':', start, end);
		int bar = indexOf(bytes, '|', colon + 1, end);
		if (colon == end || bar + 1 >= end) {
			return;
		}
		double amount = switch (bytes[bar + 1]) {
			case 'c' -> sumOfValues(bytes, colon + 1, bar);
			case 'h', 'd' -> numberOfValues(bytes, colon + 1, bar);
			default -> 0;
		};
		if (amount != 0) {
			this.totals.computeIfAbsent(metricName(bytes, start, colon), (name) -> new DoubleAdder()).add(amount);
		}
	}

	/**
	 * The metric name, reusing the last one's string when the bytes are the same (the
	 * usual case).
	 */
	private String metricName(byte[] bytes, int start, int end) {
		if (!Arrays.equals(bytes, start, end, this.lastNameBytes, 0, this.lastNameBytes.length)) {
			this.lastNameBytes = Arrays.copyOfRange(bytes, start, end);
			this.lastName = new String(this.lastNameBytes, StandardCharsets.UTF_8);
		}
		return this.lastName;
	}

	/** Values are separated by {@code :} (the client packs several into one line). */
	private static double sumOfValues(byte[] bytes, int start, int end) {
		double sum = 0;
		for (int valueStart = start; valueStart < end;) {
			int valueEnd = indexOf(bytes, ':', valueStart, end);
			sum += parseNumber(bytes, valueStart, valueEnd);
			valueStart = valueEnd + 1;
		}
		return sum;
	}

	private static int numberOfValues(byte[] bytes, int start, int end) {
		int values = 1;
		for (int i = start; i < end; i++) {
			if (bytes[i] == ':') {
				values++;
			}
		}
		return values;
	}

	/**
	 * A whole number without allocating; anything else through
	 * {@link Double#parseDouble}.
	 */
	private static double parseNumber(byte[] bytes, int start, int end) {
		boolean negative = start < end && bytes[start] == '-';
		long whole = 0;
		for (int i = negative ? start + 1 : start; i < end; i++) {
			int digit = bytes[i] - '0';
			if (digit < 0 || digit > 9 || whole > Long.MAX_VALUE / 10 - 1) {
				return Double.parseDouble(new String(bytes, start, end - start, StandardCharsets.US_ASCII));
			}
			whole = whole * 10 + digit;
		}
		return negative ? -whole : whole;
	}

	/**
	 * The index of {@code wanted} in {@code [from, to)}, or {@code to} when it is not
	 * there.
	 */
	private static int indexOf(byte[] bytes, char wanted, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] == wanted) {
				return i;
			}
		}
		return to;
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
		try {
			this.reader.join(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
