package io.threadstats.demo.orders;

import io.threadstats.ThreadStats;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A background job that ships pending orders a few at a time, so the queue grows under
 * load and drains after it. Each run records the queue's size as the gauge
 * {@code demo.orders.pending} and counts what it shipped in
 * {@code demo.orders.fulfilled}.
 */
@Component
class OrderFulfilment {

	/** Orders shipped per run: a fixed capacity, which load above it outpaces. */
	static final int ORDERS_PER_RUN = 20;

	private final OrderService orders;

	private final ThreadStats threadStats;

	OrderFulfilment(OrderService orders, ThreadStats threadStats) {
		this.orders = orders;
		this.threadStats = threadStats;
	}

	@Scheduled(fixedDelayString = "${demo.fulfilment.interval:1s}")
	void fulfil() {
		int fulfilled = this.orders.fulfilPending(ORDERS_PER_RUN).size();
		this.threadStats.increment("demo.orders.fulfilled", fulfilled);
		this.threadStats.gauge("demo.orders.pending", this.orders.pendingCount());
	}

}
