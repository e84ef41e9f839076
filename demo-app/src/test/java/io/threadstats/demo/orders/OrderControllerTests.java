package io.threadstats.demo.orders;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The orders API as the load generator and a user call it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OrderControllerTests {

	@Autowired
	private WebTestClient client;

	@Test
	void placedOrderIsPendingAndCanBeLookedUp() {
		Order placed = this.client.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"customer\":\"ada\",\"items\":[\"tea\",\"cake\"]}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Order.class)
			.returnResult()
			.getResponseBody();
		this.client.get()
			.uri("/api/orders/{id}", placed.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.customer").isEqualTo("ada")
			.jsonPath("$.items.length()").isEqualTo(2);
	}

	@Test
	void unknownOrderIsNotFound() {
		this.client.get().uri("/api/orders/{id}", Long.MAX_VALUE).exchange().expectStatus().isNotFound();
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

}
