package io.threadstats.actuate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.jayway.jsonpath.DocumentContext;
import io.threadstats.submission.FakeIntake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API key is validated once the application is ready, without delaying it; the
 * endpoint says where the validation stands while Datadog has not answered, and when it
 * could not be asked.
 */
class ApiKeyValidationAtStartupIntegrationTests {

	private final FakeIntake intake = new FakeIntake();

	@AfterEach
	void stopIntake() {
		this.intake.close();
	}

	@Test
	void startupDoesNotWaitForTheValidationWhichShowsAsPendingWhileUnanswered() {
		this.intake.validateAnswer(WireMock.okJson("{\"valid\":true}").withFixedDelay(20_000));
		try (ConfigurableApplicationContext context = start(this.intake.url().toString())) {
			await().atMost(Duration.ofSeconds(30)).until(() -> this.intake.requestsOn("/api/v1/validate") == 1);
			DocumentContext report = endpoint(context).report();
			assertThat(report.read("$.configuration.apiKey.configured", Boolean.class)).isTrue();
			assertThat(report.read("$.configuration.apiKey.validation", String.class))
				.as("run() returned with Datadog's answer still 20 s away: had startup waited for it, it would"
						+ " read valid")
				.isEqualTo("pending");
			assertThat(report.read("$.configuration.apiKey.validatedAt", String.class)).isNull();
		}
	}

	@Test
	void validationIsNotCheckedWhenTheIntakeCannotBeReached() throws IOException {
		try (ConfigurableApplicationContext context = start("http://127.0.0.1:" + closedPort())) {
			EndpointClient endpoint = endpoint(context);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> "not checked".equals(endpoint.report().read("$.configuration.apiKey.validation")));
			DocumentContext report = endpoint.report();
			assertThat(report.read("$.configuration.apiKey.validatedAt", String.class)).isNotNull();
			assertThat(report.read("$.configuration.apiKey.validationDetail", String.class)).isNotBlank();
		}
	}

	private static ConfigurableApplicationContext start(String intakeUrl) {
		return new SpringApplication(ThreadStatsTestApplication.class).run("--server.port=0",
				"--threadstats.api-key=" + FakeIntake.API_KEY, "--threadstats.api-url=" + intakeUrl,
				"--threadstats.flush-interval=1h", "--threadstats.shutdown-timeout=1s",
				"--threadstats.connect-timeout=2s", "--threadstats.response-timeout=30s",
				"--management.endpoints.web.exposure.include=threadstats");
	}

	private static EndpointClient endpoint(ConfigurableApplicationContext context) {
		String port = context.getEnvironment().getProperty("local.server.port");
		return new EndpointClient(WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(30))
			.build());
	}

	/** A loopback port nothing listens on: connecting to it is refused at once. */
	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
