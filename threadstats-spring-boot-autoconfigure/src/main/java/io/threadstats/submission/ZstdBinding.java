package io.threadstats.submission;

import java.io.IOException;
import java.io.OutputStream;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStream;

import org.springframework.util.ClassUtils;

/**
 * The optional zstd binding ({@code com.github.luben:zstd-jni}): whether it is on the
 * class path and its native library loads on this platform, and the little delivery needs
 * of it. Its classes are only touched once {@link #isAvailable()} said yes, and that is
 * asked only where zstd1 is the configured or default compression: loading the library
 * extracts and maps a native file, which an application sending with deflate or to v1
 * should not pay for.
 */
final class ZstdBinding {

	/**
	 * The Agent's level: most of zstd's ratio at a fraction of deflate's CPU.
	 */
	static final int LEVEL = 1;

	private static final String ZSTD_CLASS = "com.github.luben.zstd.Zstd";

	private ZstdBinding() {
	}

	/** Whether zstd-jni is on the class path (its native library is not loaded). */
	static boolean isOnClassPath() {
		return ClassUtils.isPresent(ZSTD_CLASS, ZstdBinding.class.getClassLoader());
	}

	/**
	 * Whether zstd-jni is on the class path and its native library loads here (loaded on
	 * the first call).
	 */
	static boolean isAvailable() {
		return Loaded.AVAILABLE;
	}

	private static boolean loads() {
		if (!isOnClassPath()) {
			return false;
		}
		try {
			return Native.compressBound(1) > 0;
		}
		catch (LinkageError ex) {
			// no native library for this platform
			return false;
		}
	}

	/**
	 * A stream writing one zstd frame into {@code sink}; {@code flush()} ends a block.
	 */
	static OutputStream compressing(OutputStream sink) throws IOException {
		return Native.compressing(sink);
	}

	/** The most a zstd frame can grow {@code length} input bytes (ZSTD_compressBound). */
	static long compressBound(long length) {
		return Native.compressBound(length);
	}

	/** Asks once, on first use, whether the native library loads. */
	private static final class Loaded {

		static final boolean AVAILABLE = loads();

	}

	/** Only loaded once the binding is known to be there. */
	private static final class Native {

		static OutputStream compressing(OutputStream sink) throws IOException {
			return new ZstdOutputStream(sink, LEVEL);
		}

		static long compressBound(long length) {
			return Zstd.compressBound(length);
		}

	}

}
