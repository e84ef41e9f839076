package io.threadstats.demo.intake;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Undoes a request body's {@code Content-Encoding} the way Datadog's intake does:
 * {@code deflate} is a zlib stream (RFC 1950, not raw deflate), {@code gzip} a gzip
 * stream, no header (or {@code identity}) the body as is. An encoding the endpoint does
 * not accept (gzip on distribution points) is refused with {@code 415}, as is
 * {@code zstd1}, which Datadog accepts on v2 series but this intake does not decode. The
 * decompressed size is capped while inflating, so a small body that would inflate past
 * the endpoint's limit is refused without being held in memory whole.
 */
final class PayloadDecoder {

	/** The encodings this intake decodes, besides none. */
	private static final List<String> DECODED = List.of("deflate", "gzip");

	private PayloadDecoder() {
	}

	/**
	 * Returns the decompressed body.
	 * @throws IntakeRejection 415 for an encoding the endpoint does not accept or the
	 * local intake does not decode, 400 for a body that is not a valid stream of its
	 * declared encoding, 413 when it inflates past the endpoint's decompressed limit
	 */
	static byte[] decode(String contentEncoding, byte[] body, IntakeEndpoint endpoint) {
		String encoding = (contentEncoding != null) ? contentEncoding.trim().toLowerCase(Locale.ROOT) : "";
		boolean none = encoding.isEmpty() || encoding.equals("identity");
		if (!none && !endpoint.contentEncodings().contains(encoding)) {
			throw unsupported("Content-Encoding '" + contentEncoding + "' is not accepted by " + endpoint.path(),
					endpoint);
		}
		return switch (encoding) {
			case "", "identity" -> requireWithinLimit(body, endpoint);
			case "deflate" -> inflate(new InflaterInputStream(new ByteArrayInputStream(body)), endpoint,
					"deflate (a zlib stream, RFC 1950)");
			case "gzip" -> inflate(gzipStream(body), endpoint, "gzip");
			default -> throw unsupported(
					"Content-Encoding '" + contentEncoding + "' is not supported by the demo's local intake", endpoint);
		};
	}

	/**
	 * {@code 415}, saying what the endpoint would take instead:
	 * {@code ...: send deflate, gzip or none}.
	 */
	private static IntakeRejection unsupported(String problem, IntakeEndpoint endpoint) {
		List<String> decodable = new ArrayList<>(endpoint.contentEncodings());
		decodable.retainAll(DECODED);
		String send = decodable.isEmpty() ? "none" : String.join(", ", decodable) + " or none";
		return new IntakeRejection(HttpStatus.UNSUPPORTED_MEDIA_TYPE, problem + ": send " + send,
				MediaType.APPLICATION_JSON, null);
	}

	private static byte[] requireWithinLimit(byte[] body, IntakeEndpoint endpoint) {
		if (body.length > endpoint.maxDecompressedBytes()) {
			throw IntakeRejection.payloadTooLarge();
		}
		return body;
	}

	private static InputStream gzipStream(byte[] body) {
		try {
			return new GZIPInputStream(new ByteArrayInputStream(body));
		}
		catch (IOException ex) {
			throw notDecodable("gzip", ex);
		}
	}

	private static byte[] inflate(InputStream compressed, IntakeEndpoint endpoint, String encodingName) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] chunk = new byte[8192];
		try (compressed) {
			int read;
			while ((read = compressed.read(chunk)) != -1) {
				out.write(chunk, 0, read);
				if (out.size() > endpoint.maxDecompressedBytes()) {
					throw IntakeRejection.payloadTooLarge();
				}
			}
		}
		catch (IOException ex) {
			throw notDecodable(encodingName, ex);
		}
		return out.toByteArray();
	}

	private static IntakeRejection notDecodable(String encodingName, IOException ex) {
		return new IntakeRejection(HttpStatus.BAD_REQUEST, "Body could not be decompressed as " + encodingName
				+ " as its Content-Encoding says: " + ex.getMessage(), MediaType.APPLICATION_JSON, ex);
	}

}
