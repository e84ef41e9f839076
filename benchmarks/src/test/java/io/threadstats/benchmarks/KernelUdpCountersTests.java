package io.threadstats.benchmarks;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The end-to-end run's kernel counters: what Linux says it dropped on receipt. */
class KernelUdpCountersTests {

	@Test
	void readsRcvbufErrorsFromTheUdpLinesOfSnmp() {
		String snmp = """
				Tcp: RtoAlgorithm RtoMin RtoMax MaxConn
				Tcp: 1 200 120000 -1
				Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
				Udp: 3587204 12 4521 3590001 4519 0 0 7 0
				UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
				UdpLite: 0 0 0 0 0 0 0 0 0
				""";
		assertThat(KernelUdpCounters.receiveBufferErrors(snmp)).isEqualTo(4519);
		assertThat(KernelUdpCounters.receiveBufferErrors("Tcp: A\nTcp: 1\n")).isEqualTo(KernelUdpCounters.UNAVAILABLE);
	}

	@Test
	void readsTheDropsOfTheSocketOnAPortFromTheSocketTable() {
		String table = """
				   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
				  123: 0100007F:A1B2 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4711 2 0000000000000000 0
				  124: 0100007F:8E1F 00000000:0000 07 00000000:00400800 00:00000000 00000000     0        0 4712 2 0000000000000000 512
				""";
		assertThat(KernelUdpCounters.socketDrops(table, 0x8E1F)).isEqualTo(512);
		assertThat(KernelUdpCounters.socketDrops(table, 0xA1B2)).isZero();
		assertThat(KernelUdpCounters.socketDrops(table, 0x1F)).isEqualTo(KernelUdpCounters.UNAVAILABLE);
	}

	@Test
	void countsWhatTheKernelDroppedForASocketNobodyReads() throws Exception {
		assumeTrue(Files.isReadable(Path.of("/proc/net/udp")), "Linux only");
		try (DatagramChannel unread = DatagramChannel.open(); DatagramChannel sender = DatagramChannel.open()) {
			unread.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
			unread.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int port = ((InetSocketAddress) unread.getLocalAddress()).getPort();
			assertThat(KernelUdpCounters.socketDrops(port)).isZero();
			long machineWideBefore = KernelUdpCounters.receiveBufferErrors();
			for (int i = 0; i < 500; i++) {
				sender.send(ByteBuffer.wrap(new byte[1000]), unread.getLocalAddress());
			}
			assertThat(KernelUdpCounters.socketDrops(port)).isPositive();
			assertThat(KernelUdpCounters.receiveBufferErrors()).isGreaterThan(machineWideBefore);
		}
	}

}
