package io.threadstats.demo.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Request bodies built the way Datadog's clients build them: JSON, then zlib (deflate) or
 * gzip.
 */
public final class IntakePayloads {

	private IntakePayloads() {
	}

	/**
	 * {@code Content-Encoding: deflate}: a zlib stream (RFC 1950), as Datadog's clients
	 * and Agent send.
	 */
	public static byte[] deflate(String json) {
		return deflate(json.getBytes(StandardCharsets.UTF_8), false);
	}

	/**
	 * Raw deflate without the zlib wrapper: what a client gets wrong when it uses
	 * {@code nowrap}.
	 */
	public static byte[] rawDeflate(String json) {
		return deflate(json.getBytes(StandardCharsets.UTF_8), true);
	}

	/** Deflates bytes as a zlib stream, or as raw deflate if {@code nowrap}. */
	public static byte[] deflate(byte[] bytes, boolean nowrap) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (DeflaterOutputStream deflater = new DeflaterOutputStream(out,
				new Deflater(Deflater.DEFAULT_COMPRESSION, nowrap))) {
			deflater.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/** {@code Content-Encoding: gzip}. */
	public static byte[] gzip(String json) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(json.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * A v2 series body with one gauge point per {@code (timestamp, value)} pair, on host
	 * {@code web-1}.
	 */
	public static String v2Gauge(String metric, String[] tags, Instant start, double... values) {
		StringBuilder points = new StringBuilder();
		for (int i = 0; i < values.length; i++) {
			points.append(i > 0 ? "," : "")
				.append("{\"timestamp\":")
				.append(start.getEpochSecond() + 10L * i)
				.append(",\"value\":")
				.append(values[i])
				.append('}');
		}
		return """
				{"series":[{"metric":"%s","type":3,"points":[%s],
				  "resources":[{"name":"web-1","type":"host"}],"tags":[%s]}]}
				""".formatted(metric, points, quoted(tags));
	}

	static String quoted(String... strings) {
		StringBuilder joined = new StringBuilder();
		for (String s : strings) {
			joined.append(joined.isEmpty() ? "" : ",").append('"').append(s).append('"');
		}
		return joined.toString();
	}

}
