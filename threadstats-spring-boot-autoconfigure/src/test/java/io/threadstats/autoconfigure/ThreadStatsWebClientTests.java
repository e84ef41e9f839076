package io.threadstats.autoconfigure;

import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.netty.handler.timeout.ReadTimeoutException;
import io.threadstats.ThreadStats;
import io.threadstats.submission.InMemorySubmitter;
import io.threadstats.submission.LoggingSubmitter;
import io.threadstats.submission.Submitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static io.threadstats.autoconfigure.ThreadStatsContexts.mockThreadStats;
import static io.threadstats.autoconfigure.ThreadStatsContexts.withLocalIntake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The WebClient delivery uses: a clone of the application's builder with timeouts of its
 * own, replaceable, and what happens without WebClient support.
 */
@ExtendWith(OutputCaptureExtension.class)
class ThreadStatsWebClientTests {

	private final ApplicationContextRunner contextRunner = ThreadStatsContexts.CONTEXT_RUNNER;

	private final ApplicationContextRunner recordingRunner = ThreadStatsContexts.RECORDING_RUNNER;

	@Test
	void userWebClientBuilderForDeliveryWinsAndCarriesTheRequests() {
		withLocalIntake((intake) -> {
			intake.stubFor(WireMock.post("/api/v2/series")
				.willReturn(WireMock.aResponse().withStatus(202).withBody("{\"errors\":[]}")));
			WebClient.Builder own = WebClient.builder().defaultHeader("X-Through", "own-builder");
			this.contextRunner
				.withBean(ThreadStatsAutoConfiguration.WEB_CLIENT_BUILDER_BEAN_NAME, WebClient.Builder.class, () -> own,
						(definition) -> ((AbstractBeanDefinition) definition).setDefaultCandidate(false))
				.withPropertyValues("threadstats.api-key=test-key",
						"threadstats.api-url=http://127.0.0.1:" + intake.port(), "threadstats.flush-interval=1h")
				.run((context) -> {
					assertThat(context.getBean(ThreadStatsAutoConfiguration.WEB_CLIENT_BUILDER_BEAN_NAME))
						.isSameAs(own);
					context.getBean(ThreadStats.class).gauge("through.own.builder", 1);
					context.close();
					intake.verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo("/api/v2/series"))
						.withHeader("X-Through", WireMock.equalTo("own-builder")));
				});
		});
	}

	@Test
	void deliveryWebClientBuilderIsNotTheApplicationsAndIsNotInjectedByType() {
		this.contextRunner.withUserConfiguration(InjectsWebClientBuilderConfiguration.class).run((context) -> {
			Object delivery = context.getBean(ThreadStatsAutoConfiguration.WEB_CLIENT_BUILDER_BEAN_NAME);
			WebClient.Builder injected = context.getBean(InjectsWebClientBuilderConfiguration.class).injected.get();
			assertThat(injected).isNotNull().isNotSameAs(delivery);
		});
	}

	@Test
	void deliveryWebClientHasTheResponseTimeoutAndTheApplicationsDoesNot() {
		withLocalIntake((intake) -> {
			intake.stubFor(WireMock.get("/slow").willReturn(WireMock.ok("late").withFixedDelay(3_000)));
			String url = "http://127.0.0.1:" + intake.port() + "/slow";
			this.contextRunner.withPropertyValues("threadstats.response-timeout=300ms")
				.withBean(ThreadStats.class, () -> mockThreadStats())
				.withUserConfiguration(InjectsWebClientBuilderConfiguration.class)
				.run((context) -> {
					WebClient delivery = context
						.getBean(ThreadStatsAutoConfiguration.WEB_CLIENT_BUILDER_BEAN_NAME, WebClient.Builder.class)
						.build();
					assertThatException()
						.isThrownBy(() -> delivery.get().uri(url).retrieve().bodyToMono(String.class).block())
						.withRootCauseInstanceOf(ReadTimeoutException.class);
					WebClient application = context.getBean(InjectsWebClientBuilderConfiguration.class).injected.get()
						.build();
					assertThat(application.get().uri(url).retrieve().bodyToMono(String.class).block())
						.isEqualTo("late");
				});
		});
	}

	@Test
	void withoutReactorNettyDeliveryRunsOnTheJdkHttpClientWithItsTimeoutsAndReachesTheIntake() {
		withLocalIntake((intake) -> {
			intake.stubFor(WireMock.get("/slow").willReturn(WireMock.ok("late").withFixedDelay(3_000)));
			intake.stubFor(WireMock.post("/api/v2/series")
				.willReturn(WireMock.aResponse().withStatus(202).withBody("{\"errors\":[]}")));
			this.contextRunner.withClassLoader(new FilteredClassLoader("reactor.netty"))
				.withPropertyValues("threadstats.api-key=test-key",
						"threadstats.api-url=http://127.0.0.1:" + intake.port(), "threadstats.response-timeout=300ms",
						"threadstats.flush-interval=1h")
				.run((context) -> {
					WebClient delivery = context
						.getBean(ThreadStatsAutoConfiguration.WEB_CLIENT_BUILDER_BEAN_NAME, WebClient.Builder.class)
						.build();
					String slow = "http://127.0.0.1:" + intake.port() + "/slow";
					assertThatException()
						.isThrownBy(() -> delivery.get().uri(slow).retrieve().bodyToMono(String.class).block())
						// the JDK client's timeout; its root cause may be the channel it
						// closed
						.isInstanceOf(WebClientRequestException.class)
						.withMessageContaining("timed out");
					context.getBean(ThreadStats.class).gauge("jdk.client", 1);
					context.close();
					// at least once: on a busy machine the 300 ms response timeout may
					// pass, and the payload is sent again
					intake.verify(WireMock.moreThanOrExactly(1),
							WireMock.postRequestedFor(WireMock.urlEqualTo("/api/v2/series")));
				});
		});
	}

	/**
	 * Spring's WebClient, or Boot's connector support delivery builds its WebClient with.
	 */
	@ParameterizedTest
	@ValueSource(classes = { WebClient.class, ClientHttpConnectorBuilder.class })
	void withoutWebClientSupportMetricsAreAggregatedButNotSentAndAWarningSaysSo(Class<?> missing,
			CapturedOutput output) {
		this.contextRunner.withClassLoader(new FilteredClassLoader(missing)).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(ThreadStats.class)
				.doesNotHaveBean(ThreadStatsAutoConfiguration.WEB_CLIENT_BUILDER_BEAN_NAME)
				.getBean(Submitter.class)
				.isInstanceOf(LoggingSubmitter.class);
			assertThat(output).contains(ThreadStatsAutoConfiguration.WEB_CLIENT_MISSING_WARNING);
		});
	}

	@Test
	void withoutWebClientAUserSubmitterIsUsedWithoutAWarning(CapturedOutput output) {
		this.recordingRunner.withClassLoader(new FilteredClassLoader(WebClient.class)).run((context) -> {
			assertThat(context).getBean(Submitter.class).isInstanceOf(InMemorySubmitter.class);
			assertThat(output).doesNotContain(ThreadStatsAutoConfiguration.WEB_CLIENT_MISSING_WARNING);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class InjectsWebClientBuilderConfiguration {

		final AtomicReference<WebClient.Builder> injected = new AtomicReference<>();

		@Bean
		String usesWebClientBuilder(WebClient.Builder builder) {
			this.injected.set(builder);
			return "uses";
		}

	}

}
