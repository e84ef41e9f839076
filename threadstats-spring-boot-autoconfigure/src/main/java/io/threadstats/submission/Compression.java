package io.threadstats.submission;

import java.util.Locale;

/**
 * How request bodies are compressed. Each endpoint gets only what Datadog documents for
 * it (see {@link IntakeEndpoint#compressionFor}): {@link #ZSTD1} is for v2 series.
 */
public enum Compression {

	/**
	 * {@code Content-Encoding: zstd1}, a Zstandard frame: the v2 series default when
	 * {@code com.github.luben:zstd-jni} is on the class path. Other endpoints, and v2
	 * series without the binding, use {@link #DEFLATE}.
	 */
	ZSTD1("zstd1"),

	/** {@code Content-Encoding: deflate}, a zlib stream (RFC 1950). */
	DEFLATE("deflate"),

	/** {@code Content-Encoding: gzip}. */
	GZIP("gzip"),

	/** No compression. */
	NONE(null);

	private final String contentEncoding;

	Compression(String contentEncoding) {
		this.contentEncoding = contentEncoding;
	}

	/**
	 * The default: {@link #ZSTD1} when {@code com.github.luben:zstd-jni} is on the class
	 * path and its native library loads here, else {@link #DEFLATE}.
	 */
	public static Compression preferred() {
		return ZstdBinding.isAvailable() ? ZSTD1 : DEFLATE;
	}

	/**
	 * The default for {@code seriesApi}: {@link #preferred()} for v2, the only endpoint
	 * that takes zstd1, and {@link #DEFLATE} for v1, without loading zstd's native
	 * library for nothing.
	 */
	public static Compression preferredFor(SeriesApi seriesApi) {
		return (seriesApi == SeriesApi.V2) ? preferred() : DEFLATE;
	}

	/**
	 * The compression that can be used here: {@link #ZSTD1} without its binding falls
	 * back to {@link #DEFLATE}.
	 */
	Compression usable() {
		return (this == ZSTD1 && !ZstdBinding.isAvailable()) ? DEFLATE : this;
	}

	/**
	 * As the startup line and the actuator endpoint show the series' compression: the one
	 * used on the series endpoint of {@code seriesApi} (zstd1 is for v2, and without its
	 * binding is deflate), and for v2 on deflate without the binding, what zstd1 needs.
	 */
	public String shownFor(SeriesApi seriesApi) {
		IntakeEndpoint series = (seriesApi == SeriesApi.V1) ? IntakeEndpoint.SERIES_V1 : IntakeEndpoint.SERIES_V2;
		Compression used = series.compressionFor(this);
		String name = used.name().toLowerCase(Locale.ROOT);
		return (seriesApi == SeriesApi.V2 && used == DEFLATE && !ZstdBinding.isOnClassPath())
				? name + " (zstd1 needs com.github.luben:zstd-jni on the class path)" : name;
	}

	/** The {@code Content-Encoding} header's value, or {@code null} for none. */
	String contentEncoding() {
		return this.contentEncoding;
	}

}
