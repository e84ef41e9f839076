package io.threadstats.demo.orders;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import io.threadstats.annotation.Counted;
import io.threadstats.annotation.Timed;

/**
 * Keeps the latest orders in memory and a queue of those waiting to be fulfilled. Lookups answer
 * asynchronously after a short, varying delay, like a call to a database would. Placing is counted
 * ({@code demo.orders.placed}) and lookups timed ({@code demo.orders.lookup}) by the starter's advisors.
 */
@Service
public class OrderService {

	/** Most orders kept; older ones are forgotten so a long load run stays within memory. */
	static final int MAX_ORDERS = 10_000;

	private final Map<Long, Order> orders = new ConcurrentHashMap<>();

	private final Queue<Order> pending = new ConcurrentLinkedQueue<>();

	private final AtomicInteger pendingCount = new AtomicInteger();

	private final AtomicLong nextId = new AtomicLong(1);

	private final Clock clock;

	/** A service stamping orders with the system clock. */
	public OrderService() {
		this(Clock.systemUTC());
	}

	OrderService(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Places an order and queues it for fulfilment.
	 * @throws IllegalArgumentException if it names no customer or no item
	 */
	@Counted("demo.orders.placed")
	public Order placeOrder(NewOrder newOrder) {
		if (newOrder.customer() == null || newOrder.customer().isBlank()) {
			throw new IllegalArgumentException("an order needs a customer");
		}
		if (newOrder.items() == null || newOrder.items().isEmpty()) {
			throw new IllegalArgumentException("an order needs at least one item");
		}
		long id = this.nextId.getAndIncrement();
		Order order = new Order(id, newOrder.customer(), List.copyOf(newOrder.items()), this.clock.instant(),
				Order.Status.PENDING);
		this.orders.put(id, order);
		this.orders.remove(id - MAX_ORDERS);
		this.pending.add(order);
		this.pendingCount.incrementAndGet();
		return order;
	}

	/** The order with this id, after a lookup delay; empty if there is none. Timed until the Mono completes. */
	@Timed("demo.orders.lookup")
	public Mono<Order> findOrder(long id) {
		Duration lookup = Duration.ofMillis(ThreadLocalRandom.current().nextLong(2, 40));
		return Mono.delay(lookup).flatMap((tick) -> Mono.justOrEmpty(this.orders.get(id)));
	}

	/** The latest orders, newest first. */
	public List<Order> recentOrders(int limit) {
		List<Order> recent = new ArrayList<>(this.orders.values());
		recent.sort(Comparator.comparingLong(Order::id).reversed());
		return recent.subList(0, Math.min(limit, recent.size()));
	}

	/**
	 * Fulfils up to {@code max} of the oldest pending orders.
	 * @return the orders fulfilled
	 */
	public List<Order> fulfilPending(int max) {
		List<Order> fulfilled = new ArrayList<>();
		Order next;
		while (fulfilled.size() < max && (next = this.pending.poll()) != null) {
			this.pendingCount.decrementAndGet();
			Order done = next.fulfilled();
			this.orders.replace(done.id(), next, done);
			fulfilled.add(done);
		}
		return fulfilled;
	}

	/** How many orders wait to be fulfilled. */
	public int pendingCount() {
		return this.pendingCount.get();
	}

	/** The id the next order will get; every id below it was placed. */
	public long nextId() {
		return this.nextId.get();
	}

}
