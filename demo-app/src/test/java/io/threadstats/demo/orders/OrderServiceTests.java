package io.threadstats.demo.orders;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The fulfilment queue grows with orders placed, up to its capacity, and drains oldest
 * first.
 */
class OrderServiceTests {

	private final OrderService orders = new OrderService();

	@Test
	void fulfilsPendingOrdersOldestFirstUpToTheGivenNumber() {
		for (String customer : List.of("ada", "grace", "linus")) {
			this.orders.placeOrder(new NewOrder(customer, List.of("tea")));
		}
		assertThat(this.orders.pendingCount()).isEqualTo(3);
		assertThat(this.orders.fulfilPending(2)).extracting(Order::customer).containsExactly("ada", "grace");
		assertThat(this.orders.pendingCount()).isEqualTo(1);
		assertThat(this.orders.recentOrders(3)).extracting(Order::status)
			.containsExactly(Order.Status.PENDING, Order.Status.FULFILLED, Order.Status.FULFILLED);
	}

	@Test
	void fullQueueRefusesOrdersWithoutTakingAnIdUntilSomeAreFulfilled() {
		OrderService small = new OrderService(Clock.systemUTC(), 2);
		small.placeOrder(new NewOrder("ada", List.of("tea")));
		small.placeOrder(new NewOrder("grace", List.of("tea")));
		long nextId = small.nextId();
		assertThatExceptionOfType(QueueFullException.class)
			.isThrownBy(() -> small.placeOrder(new NewOrder("linus", List.of("tea"))))
			.withMessageContaining("queue is full (2 orders waiting)");
		assertThat(small.pendingCount()).isEqualTo(2);
		assertThat(small.nextId()).isEqualTo(nextId);
		small.fulfilPending(1);
		assertThat(small.placeOrder(new NewOrder("linus", List.of("tea"))).id()).isEqualTo(nextId);
	}

	@Test
	void defaultQueueHoldsAThousandOrders() {
		for (int i = 0; i < OrderService.MAX_PENDING; i++) {
			this.orders.placeOrder(new NewOrder("ken", List.of("cake")));
		}
		assertThatExceptionOfType(QueueFullException.class)
			.isThrownBy(() -> this.orders.placeOrder(new NewOrder("ken", List.of("cake"))));
		assertThat(this.orders.pendingCount()).isEqualTo(1000);
	}

	@Test
	void orderNeedsACustomer() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.orders.placeOrder(new NewOrder(" ", List.of("tea"))))
			.withMessage("an order needs a customer");
	}

}
