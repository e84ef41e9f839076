package io.threadstats.demo.load;

import java.time.Duration;

import io.threadstats.demo.orders.OrderService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A load run drives the demo's own orders API, one run at a time, within bounds. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class LoadControllerTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private LoadGenerator generator;

	@Autowired
	private OrderService orders;

	@Test
	void runSendsRequestsToTheOrdersApiAndRefusesASecondRunMeanwhile() {
		long nextOrderBefore = this.orders.nextId();
		// every answer's body is read: one left unread is a buffer Netty reports as
		// leaked
		LoadStatus started = this.client.post()
			.uri("/load?seconds=2&rps=20")
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(LoadStatus.class)
			.returnResult()
			.getResponseBody();
		assertThat(started.running()).isTrue();
		this.client.post()
			.uri("/load?seconds=2&rps=20")
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody(String.class)
			.isEqualTo("a load run is in progress; stop it first (DELETE /load)");
		await().atMost(Duration.ofSeconds(20)).until(() -> !this.generator.status().running());
		LoadStatus status = this.client.get()
			.uri("/load")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(LoadStatus.class)
			.returnResult()
			.getResponseBody();
		assertThat(status.sent()).isPositive();
		assertThat(status.succeeded()).isPositive();
		assertThat(status.failed()).isZero();
		assertThat(this.orders.nextId()).isGreaterThan(nextOrderBefore);
	}

	@Test
	void outOfRangeRunIsABadRequestSayingTheRange() {
		this.client.post()
			.uri("/load?seconds=0&rps=20")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.isEqualTo("seconds must be from 1 to 3600, was 0");
	}

	@Test
	void rateOutOfRangeIsABadRequestNamingTheParameter() {
		this.client.post()
			.uri("/load?seconds=5&rps=401")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.isEqualTo("rps must be from 1 to 400, was 401");
	}

}
