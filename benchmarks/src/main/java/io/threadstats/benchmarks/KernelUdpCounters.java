package io.threadstats.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Linux's own count of UDP datagrams it dropped on receipt, so the end-to-end run can
 * tell a loss in the kernel (the receiving socket's buffer was full) from a loss inside
 * the sending client. Both counters are read from {@code /proc}; where that is not
 * available (another OS) they are {@value #UNAVAILABLE}.
 */
final class KernelUdpCounters {

	/** What a counter reads as where {@code /proc} does not have it. */
	static final long UNAVAILABLE = -1;

	private static final Path SNMP = Path.of("/proc/net/snmp");

	private static final Path[] SOCKET_TABLES = { Path.of("/proc/net/udp"), Path.of("/proc/net/udp6") };

	private KernelUdpCounters() {
	}

	/**
	 * Datagrams dropped because a receive buffer was full ({@code Udp: RcvbufErrors}),
	 * for the whole network namespace: other processes' sockets count too.
	 */
	static long receiveBufferErrors() {
		try {
			return receiveBufferErrors(Files.readString(SNMP));
		}
		catch (IOException | RuntimeException ex) {
			return UNAVAILABLE;
		}
	}

	/**
	 * Datagrams the kernel dropped for the UDP socket bound to this local port (the
	 * table's {@code drops}).
	 */
	static long socketDrops(int port) {
		for (Path table : SOCKET_TABLES) {
			try {
				long drops = socketDrops(Files.readString(table), port);
				if (drops != UNAVAILABLE) {
					return drops;
				}
			}
			catch (IOException | RuntimeException ex) {
				// not on this system: try the next table
			}
		}
		return UNAVAILABLE;
	}

	/**
	 * {@code RcvbufErrors} from the text of {@code /proc/net/snmp}: a header line and a
	 * value line per protocol.
	 */
	static long receiveBufferErrors(String snmp) {
		String[] header = null;
		for (String line : snmp.split("\n")) {
			if (!line.startsWith("Udp:")) {
				continue;
			}
			String[] fields = line.trim().split("\\s+");
			if (header == null) {
				header = fields;
				continue;
			}
			for (int i = 1; i < header.length && i < fields.length; i++) {
				if (header[i].equals("RcvbufErrors")) {
					return Long.parseLong(fields[i]);
				}
			}
		}
		return UNAVAILABLE;
	}

	/**
	 * The {@code drops} column (the last) of the socket bound to {@code port}, from the
	 * text of {@code /proc/net/udp} or {@code udp6}, whose local address is
	 * {@code HEXADDRESS:HEXPORT}.
	 */
	static long socketDrops(String table, int port) {
		String localPort = String.format(":%04X", port);
		for (String line : table.split("\n")) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length > 2 && fields[1].endsWith(localPort) && fields[0].endsWith(":")) {
				return Long.parseLong(fields[fields.length - 1]);
			}
		}
		return UNAVAILABLE;
	}

}
