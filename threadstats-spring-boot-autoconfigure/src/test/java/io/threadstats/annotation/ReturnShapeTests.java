package io.threadstats.annotation;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class ReturnShapeTests {

	@Test
	void theDeclaredReturnTypeDecidesWhenACallIsOver() {
		assertThat(ReturnShape.of(CompletableFuture.class)).isEqualTo(ReturnShape.COMPLETION_STAGE);
		assertThat(ReturnShape.of(CompletionStage.class)).isEqualTo(ReturnShape.COMPLETION_STAGE);
		assertThat(ReturnShape.of(Mono.class)).isEqualTo(ReturnShape.MONO);
		assertThat(ReturnShape.of(Flux.class)).isEqualTo(ReturnShape.FLUX);
		assertThat(ReturnShape.of(Publisher.class)).isEqualTo(ReturnShape.PUBLISHER);
		assertThat(ReturnShape.of(String.class)).isEqualTo(ReturnShape.VALUE);
		assertThat(ReturnShape.of(void.class)).isEqualTo(ReturnShape.VALUE);
	}

	@Test
	void typesNoMeasuringWrapperCouldBeReturnedForAreMeasuredAsValues() {
		assertThat(ReturnShape.of(Object.class)).as("a wrapper would change what the caller gets")
			.isEqualTo(ReturnShape.VALUE);
		assertThat(ReturnShape.of(reactor.core.publisher.ConnectableFlux.class)).isEqualTo(ReturnShape.VALUE);
	}

	@Test
	void theAdvisorsWorkWithoutReactorOnTheClassPath() throws Exception {
		try (URLClassLoader withoutReactor = new URLClassLoader(classPathWithoutReactor(),
				ClassLoader.getPlatformClassLoader())) {
			assertThat(withoutReactor.getResource("reactor/core/publisher/Mono.class")).isNull();
			@SuppressWarnings("unchecked")
			Callable<List<String>> scenario = (Callable<List<String>>) withoutReactor
				.loadClass(WithoutReactorScenario.class.getName())
				.getConstructor()
				.newInstance();

			assertThat(scenario.call()).containsExactlyInAnyOrder("reactor present: false", "scenario.plain.count",
					"scenario.later.count");
		}
	}

	private static URL[] classPathWithoutReactor() {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Arrays.stream(classPath.split(File.pathSeparator))
			.filter((entry) -> !new File(entry).getName().startsWith("reactor-"))
			.map(ReturnShapeTests::url)
			.toArray(URL[]::new);
	}

	private static URL url(String entry) {
		try {
			return new File(entry).toURI().toURL();
		}
		catch (java.net.MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
