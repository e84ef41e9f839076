package io.threadstats.submission;

import java.net.URL;
import java.net.URLClassLoader;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default compression and its fallback: zstd1 with {@code com.github.luben:zstd-jni}
 * on the class path (it is on the tests'), deflate without it, which the startup line and
 * the endpoint explain.
 */
class CompressionTests {

	@Test
	void withTheBindingTheDefaultIsZstd1() {
		assertThat(Compression.preferred()).isEqualTo(Compression.ZSTD1);
		assertThat(Compression.ZSTD1.shownFor(SeriesApi.V2)).isEqualTo("zstd1");
		assertThat(Compression.ZSTD1.shownFor(SeriesApi.V1)).isEqualTo("deflate");
		assertThat(IntakeEndpoint.SERIES_V2.compressionFor(Compression.ZSTD1)).isEqualTo(Compression.ZSTD1);
		assertThat(IntakeEndpoint.SERIES_V1.compressionFor(Compression.ZSTD1)).isEqualTo(Compression.DEFLATE);
		assertThat(IntakeEndpoint.DISTRIBUTION_POINTS.compressionFor(Compression.ZSTD1)).isEqualTo(Compression.DEFLATE);
	}

	@Test
	void withoutTheBindingTheDefaultIsDeflateAndZstd1FallsBackToItSayingWhy() throws Exception {
		try (WithoutZstd classes = new WithoutZstd()) {
			Class<?> compression = classes.loadClass(Compression.class.getName());
			Object preferred = compression.getMethod("preferred").invoke(null);
			Object zstd1 = compression.getField("ZSTD1").get(null);
			assertThat(preferred).hasToString("DEFLATE");
			Class<?> seriesApi = classes.loadClass(SeriesApi.class.getName());
			Object v2 = seriesApi.getField("V2").get(null);
			Object v1 = seriesApi.getField("V1").get(null);
			assertThat(compression.getMethod("shownFor", seriesApi).invoke(zstd1, v2))
				.isEqualTo("deflate (zstd1 needs com.github.luben:zstd-jni on the class path)");
			assertThat(compression.getMethod("shownFor", seriesApi).invoke(zstd1, v1)).isEqualTo("deflate");
		}
	}

	/**
	 * Loads threadstats' own classes afresh, and no class of the zstd binding, as an
	 * application without zstd-jni would.
	 */
	private static final class WithoutZstd extends URLClassLoader {

		WithoutZstd() {
			super(new URL[] { Compression.class.getProtectionDomain().getCodeSource().getLocation() },
					CompressionTests.class.getClassLoader());
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (name.startsWith("com.github.luben.")) {
				throw new ClassNotFoundException(name);
			}
			if (name.startsWith("io.threadstats.")) {
				synchronized (getClassLoadingLock(name)) {
					Class<?> loaded = findLoadedClass(name);
					return (loaded != null) ? loaded : findClass(name);
				}
			}
			return super.loadClass(name, resolve);
		}

	}

}
