package io.threadstats.demo.orders;

import java.time.Instant;
import java.util.List;

/**
 * An order placed with the demo.
 *
 * @param id its id
 * @param customer who placed it
 * @param items what was ordered
 * @param placedAt when it was placed
 * @param status where it is: {@link Status#PENDING} until the fulfilment job takes it
 */
public record Order(long id, String customer, List<String> items, Instant placedAt, Status status) {

	/** Where an order is. */
	public enum Status {

		/** Placed, waiting in the fulfilment queue. */
		PENDING,

		/** Taken from the queue and shipped. */
		FULFILLED

	}

	Order fulfilled() {
		return new Order(this.id, this.customer, this.items, this.placedAt, Status.FULFILLED);
	}

}
