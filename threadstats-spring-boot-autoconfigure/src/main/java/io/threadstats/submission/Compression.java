package io.threadstats.submission;

/** How request bodies are compressed. */
public enum Compression {

	/** {@code Content-Encoding: deflate}, a zlib stream (RFC 1950). The default. */
	DEFLATE("deflate"),

	/** {@code Content-Encoding: gzip}. */
	GZIP("gzip"),

	/** No compression. */
	NONE(null);

	private final String contentEncoding;

	Compression(String contentEncoding) {
		this.contentEncoding = contentEncoding;
	}

	/** The {@code Content-Encoding} header's value, or {@code null} for none. */
	String contentEncoding() {
		return this.contentEncoding;
	}

}
