package io.threadstats.demo.orders;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The fulfilment queue grows with orders placed and drains oldest first. */
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
	void orderNeedsACustomer() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.orders.placeOrder(new NewOrder(" ", List.of("tea"))))
			.withMessage("an order needs a customer");
	}

}
