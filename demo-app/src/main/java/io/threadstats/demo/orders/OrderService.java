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

import io.threadstats.annotation.Counted;
import io.threadstats.annotation.Timed;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Keeps the latest orders in memory and a bounded queue of those waiting to be fulfilled.
 * Lookups answer asynchronously after a short, varying delay, like a call to a database
 * would. Placing is counted ({@code demo.orders.placed}, refusals with
 * {@code result:failure}) and lookups timed ({@code demo.orders.lookup}) by the starter's
 * advisors.
 *
 * <p>
 * Both are bounded so a long load run stays within memory: the oldest orders are
 * forgotten past {@value #MAX_ORDERS}, and new orders are refused while
 * {@value #MAX_PENDING} wait for fulfilment (load above the fulfilment job's capacity
 * would otherwise grow the queue without end).
 */
@Service
public class OrderService {

	/** Most orders kept; older ones are forgotten. */
	static final int MAX_ORDERS = 10_000;

	/**
	 * Most orders waiting for fulfilment; more are refused with
	 * {@link QueueFullException}.
	 */
	static final int MAX_PENDING = 1_000;

	private final Map<Long, Order> orders = new ConcurrentHashMap<>();

	private final Queue<Order> pending = new ConcurrentLinkedQueue<>();

	private final AtomicInteger pendingCount = new AtomicInteger();

	private final AtomicLong nextId = new AtomicLong(1);

	private final Clock clock;

	private final int maxPending;

	/**
	 * A service stamping orders with the system clock, with room for
	 * {@value #MAX_PENDING} pending orders.
	 */
	public OrderService() {
		this(Clock.systemUTC(), MAX_PENDING);
	}

	OrderService(Clock clock, int maxPending) {
		this.clock = clock;
		this.maxPending = maxPending;
	}

	/**
	 * Places an order and queues it for fulfilment.
	 * @throws IllegalArgumentException if it names no customer or no item
	 * @throws QueueFullException if the fulfilment queue is full
	 */
	@Counted("demo.orders.placed")
	public Order placeOrder(NewOrder newOrder) {
		if (newOrder.customer() == null || newOrder.customer().isBlank()) {
			throw new IllegalArgumentException("an order needs a customer");
		}
		if (newOrder.items() == null || newOrder.items().isEmpty()) {
			throw new IllegalArgumentException("an order needs at least one item");
		}
		// a place in the queue is taken before the order gets an id, so a refused order
		// uses none
		if (this.pendingCount.incrementAndGet() > this.maxPending) {
			this.pendingCount.decrementAndGet();
			throw new QueueFullException(this.maxPending);
		}
		long id = this.nextId.getAndIncrement();
		Order order = new Order(id, newOrder.customer(), List.copyOf(newOrder.items()), this.clock.instant(),
				Order.Status.PENDING);
		this.orders.put(id, order);
		this.orders.remove(id - MAX_ORDERS);
		this.pending.add(order);
		return order;
	}

	/**
	 * The order with this id, after a lookup delay; empty if there is none. Timed until
	 * the Mono completes.
	 */
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

	/** How many orders may wait to be fulfilled before new ones are refused. */
	public int capacity() {
		return this.maxPending;
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
