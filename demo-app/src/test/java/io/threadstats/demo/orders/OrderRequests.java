package io.threadstats.demo.orders;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Calls of the orders API that several tests make. Each reads its answer's body, so that
 * the client releases the buffer it arrived in (an unread one is reported as a leak).
 */
public final class OrderRequests {

	private OrderRequests() {
	}

	/** Places an order of {@code items} for {@code customer}, expecting 201 Created. */
	public static Order place(WebTestClient client, String customer, String items) {
		return client.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"customer\":\"" + customer + "\",\"items\":" + items + "}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Order.class)
			.returnResult()
			.getResponseBody();
	}

	/** Looks up an order that does not exist, expecting 404 Not Found. */
	public static void lookUpUnknownOrder(WebTestClient client) {
		client.get()
			.uri("/api/orders/{id}", Long.MAX_VALUE)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(Void.class);
	}

}
