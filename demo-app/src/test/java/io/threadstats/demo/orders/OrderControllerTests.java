package io.threadstats.demo.orders;

import java.time.Clock;
import java.util.List;

import io.threadstats.ThreadStats;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The orders API as the load generator and a user call it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OrderControllerTests {

	@Autowired
	private WebTestClient client;

	@Test
	void placedOrderIsPendingAndCanBeLookedUp() {
		Order placed = OrderRequests.place(this.client, "ada", "[\"tea\",\"cake\"]");
		this.client.get()
			.uri("/api/orders/{id}", placed.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.customer")
			.isEqualTo("ada")
			.jsonPath("$.items.length()")
			.isEqualTo(2);
	}

	@Test
	void unknownOrderIsNotFound() {
		OrderRequests.lookUpUnknownOrder(this.client);
	}

	@Test
	void orderWithoutItemsIsABadRequestSayingWhy() {
		this.client.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"customer\":\"ada\",\"items\":[]}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.isEqualTo("an order needs at least one item");
	}

	@Test
	void orderIsRefusedWithServiceUnavailableWhileTheQueueIsFull() {
		OrderService full = new OrderService(Clock.systemUTC(), 1);
		full.placeOrder(new NewOrder("ada", List.of("tea")));
		WebTestClient.bindToController(new OrderController(full, ThreadStats.noop()))
			.build()
			.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"customer\":\"grace\",\"items\":[\"cake\"]}")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "1")
			.expectBody(String.class)
			.value((message) -> assertThat(message).contains("fulfilment queue is full"));
	}

}
