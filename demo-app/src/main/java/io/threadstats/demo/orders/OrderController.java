package io.threadstats.demo.orders;

import java.util.List;

import io.threadstats.ThreadStats;
import io.threadstats.annotation.Counted;
import io.threadstats.annotation.Timed;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The demo's HTTP API: {@code GET /api/orders} (latest orders), {@code GET
 * /api/orders/{id}} (one order, 404 if unknown), {@code POST /api/orders} (place one,
 * 201; 400 without customer or items; 503 with {@code Retry-After} while the fulfilment
 * queue is full). Each request handler is timed into {@code demo.http.requests} (tags
 * {@code class}, {@code method}, {@code exception}); orders refused, invalid (400) or
 * while the queue is full (503), are counted in {@code demo.orders.refused}, told apart
 * by its {@code exception} tag; the size of each order body goes into the distribution
 * {@code demo.orders.payload_bytes}.
 *
 * <p>
 * {@code @Timed} is on the handlers, not on the class: on the class it would also time
 * the {@code @ExceptionHandler}, so one refused order would be recorded twice (as a
 * failed {@code place} and as a successful {@code invalidOrder}).
 */
@RestController
@RequestMapping("/api/orders")
class OrderController {

	/**
	 * The fulfilment job ships a batch every second by default, making room in the queue.
	 */
	private static final int RETRY_AFTER_SECONDS = 1;

	private final OrderService orders;

	private final ThreadStats threadStats;

	OrderController(OrderService orders, ThreadStats threadStats) {
		this.orders = orders;
		this.threadStats = threadStats;
	}

	@GetMapping
	@Timed("demo.http.requests")
	List<Order> recent(@RequestParam(defaultValue = "20") int limit) {
		return this.orders.recentOrders(Math.max(0, Math.min(limit, 100)));
	}

	@GetMapping("/{id}")
	@Timed("demo.http.requests")
	Mono<Order> one(@PathVariable long id) {
		return this.orders.findOrder(id)
			.switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no order " + id)));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Timed("demo.http.requests")
	@Counted(value = "demo.orders.refused", recordFailuresOnly = true)
	Order place(@RequestBody NewOrder newOrder,
			@RequestHeader(name = HttpHeaders.CONTENT_LENGTH, required = false) Long contentLength) {
		if (contentLength != null) {
			this.threadStats.distribution("demo.orders.payload_bytes", contentLength);
		}
		return this.orders.placeOrder(newOrder);
	}

	@ExceptionHandler
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String invalidOrder(IllegalArgumentException ex) {
		return ex.getMessage();
	}

	@ExceptionHandler
	ResponseEntity<String> queueFull(QueueFullException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
			.body(ex.getMessage());
	}

}
