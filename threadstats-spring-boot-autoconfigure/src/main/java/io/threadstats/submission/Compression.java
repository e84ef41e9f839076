package io.threadstats.submission;

/** How request bodies are compressed. */
public enum Compression {

	/** {@code Content-Encoding: deflate}, a zlib stream (RFC 1950). The default. */
	DEFLATE,

	/** {@code Content-Encoding: gzip}. */
	GZIP,

	/** No compression. */
	NONE

}
