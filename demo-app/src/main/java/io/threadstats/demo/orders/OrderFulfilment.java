package io.threadstats.demo.orders;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A background job that ships pending orders a few at a time, so the queue grows under load and drains
 * after it.
 */
@Component
class OrderFulfilment {

	/** Orders shipped per run: a fixed capacity, which load above it outpaces. */
	static final int ORDERS_PER_RUN = 20;

	private final OrderService orders;

	OrderFulfilment(OrderService orders) {
		this.orders = orders;
	}

	@Scheduled(fixedDelayString = "${demo.fulfilment.interval:1s}")
	void fulfil() {
		this.orders.fulfilPending(ORDERS_PER_RUN);
	}

}
