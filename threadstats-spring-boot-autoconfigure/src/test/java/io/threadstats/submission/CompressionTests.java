package io.threadstats.submission;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.function.Function;

import com.github.luben.zstd.Zstd;
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
		try (FreshClasses classes = new FreshClasses(false)) {
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

	@Test
	void anEngineSendingWithDeflateOrToV1NeverLoadsZstdsNativeLibrary() throws Exception {
		assertThat(nativeLibraryLoadedBuilding("DEFLATE", "V2")).isFalse();
		assertThat(nativeLibraryLoadedBuilding(null, "V1")).isFalse();
		assertThat(nativeLibraryLoadedBuilding("ZSTD1", "V1")).isFalse();
		assertThat(nativeLibraryLoadedBuilding(null, "V2")).isTrue();
	}

	/**
	 * Builds and closes an engine (dry run: no API key) with threadstats' and zstd-jni's
	 * classes loaded afresh, and shows its compression as the startup line and the
	 * endpoint do; returns whether zstd-jni's native library got loaded.
	 */
	private static boolean nativeLibraryLoadedBuilding(String compression, String seriesApi) throws Exception {
		try (FreshClasses classes = new FreshClasses(true)) {
			Object builder = classes.loadClass("io.threadstats.ThreadStats").getMethod("builder").invoke(null);
			Class<?> builderType = builder.getClass();
			Function<String, String> noEnvironment = (name) -> null;
			builderType.getMethod("environment", Function.class).invoke(builder, noEnvironment);
			builderType.getMethod("noHost").invoke(builder);
			Class<?> api = classes.loadClass(SeriesApi.class.getName());
			Object chosenApi = api.getField(seriesApi).get(null);
			builderType.getMethod("seriesApi", api).invoke(builder, chosenApi);
			Class<?> type = classes.loadClass(Compression.class.getName());
			Object used = (compression != null) ? type.getField(compression).get(null)
					: type.getMethod("preferredFor", api).invoke(null, chosenApi);
			if (compression != null) {
				builderType.getMethod("compression", type).invoke(builder, used);
			}
			try (AutoCloseable engine = (AutoCloseable) builderType.getMethod("build").invoke(builder)) {
				type.getMethod("shownFor", api).invoke(used, chosenApi);
				return (boolean) classes.loadClass("com.github.luben.zstd.util.Native")
					.getMethod("isLoaded")
					.invoke(null);
			}
		}
	}

	/**
	 * Loads threadstats' own classes afresh, and zstd-jni's afresh too (so that whether
	 * its native library is loaded says what this engine did) or not at all (as an
	 * application without zstd-jni).
	 */
	private static final class FreshClasses extends URLClassLoader {

		private final boolean withZstd;

		FreshClasses(boolean withZstd) {
			super(withZstd
					? new URL[] { Compression.class.getProtectionDomain().getCodeSource().getLocation(),
							Zstd.class.getProtectionDomain().getCodeSource().getLocation() }
					: new URL[] { Compression.class.getProtectionDomain().getCodeSource().getLocation() },
					CompressionTests.class.getClassLoader());
			this.withZstd = withZstd;
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			boolean zstd = name.startsWith("com.github.luben.");
			if (zstd && !this.withZstd) {
				throw new ClassNotFoundException(name);
			}
			if (zstd || name.startsWith("io.threadstats.")) {
				synchronized (getClassLoadingLock(name)) {
					Class<?> loaded = findLoadedClass(name);
					return (loaded != null) ? loaded : findClass(name);
				}
			}
			return super.loadClass(name, resolve);
		}

	}

}
