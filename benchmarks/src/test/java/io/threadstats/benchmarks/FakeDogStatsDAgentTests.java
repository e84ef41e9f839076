package io.threadstats.benchmarks;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake agent totals what java-dogstatsd-client sends, line by line. */
class FakeDogStatsDAgentTests {

	@Test
	void totalsCounterValuesAndCountsHistogramValues() throws Exception {
		try (FakeDogStatsDAgent agent = new FakeDogStatsDAgent(); DatagramSocket socket = new DatagramSocket()) {
			send(socket, agent.port(), "e2e.measured:5|c|#series:1\ne2e.measured:2|c|#series:2\n");
			send(socket, agent.port(), "lat:1.5:2:3|h|#a:b\nlat:4|h\npayload:1|d\ngauge:9|g");
			agent.awaitQuiet(300, 5000);
			assertThat(agent.total("e2e.measured")).isEqualTo(7.0);
			assertThat(agent.total("lat")).isEqualTo(4.0);
			assertThat(agent.total("payload")).isEqualTo(1.0);
			assertThat(agent.total("gauge")).isZero();
			assertThat(agent.datagrams()).isEqualTo(2);
		}
	}

	@Test
	void totalsDecimalAndNegativeCountsAndSkipsMalformedLines() throws Exception {
		try (FakeDogStatsDAgent agent = new FakeDogStatsDAgent(); DatagramSocket socket = new DatagramSocket()) {
			send(socket, agent.port(),
					"e2e.measured:2.5|c\nno-colon\ne2e.measured:|c\ne2e.measured:3\nother:-4|c|#a:b\n\n");
			send(socket, agent.port(), "other:1e1|c");
			agent.awaitQuiet(300, 5000);
			assertThat(agent.total("e2e.measured")).isEqualTo(2.5);
			assertThat(agent.total("other")).isEqualTo(6.0);
			assertThat(agent.datagrams()).isEqualTo(2);
			assertThat(agent.kernelDrops()).isIn(0L, KernelUdpCounters.UNAVAILABLE);
		}
	}

	@Test
	void totalsWhatTheRealClientSends() throws Exception {
		try (FakeDogStatsDAgent agent = new FakeDogStatsDAgent()) {
			var client = DogStatsDState.client(agent.port());
			for (int i = 0; i < 100; i++) {
				client.count("e2e.measured", 1L, "series:" + (i % 4));
				client.histogram("lat", i);
			}
			// the client's aggregator flushes every 2 s and its close() does not flush it
			Thread.sleep(2500);
			client.close();
			agent.awaitQuiet(300, 5000);
			assertThat(agent.total("e2e.measured")).isEqualTo(100.0);
			assertThat(agent.total("lat")).isEqualTo(100.0);
		}
	}

	private static void send(DatagramSocket socket, int port, String payload) throws Exception {
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
	}

}
