package io.threadstats.demo.orders;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The demo's HTTP API: {@code GET /api/orders} (latest orders), {@code GET /api/orders/{id}} (one order,
 * 404 if unknown), {@code POST /api/orders} (place one, 201; 400 without customer or items).
 */
@RestController
@RequestMapping("/api/orders")
class OrderController {

	private final OrderService orders;

	OrderController(OrderService orders) {
		this.orders = orders;
	}

	@GetMapping
	List<Order> recent(@RequestParam(defaultValue = "20") int limit) {
		return this.orders.recentOrders(Math.max(0, Math.min(limit, 100)));
	}

	@GetMapping("/{id}")
	Mono<Order> one(@PathVariable long id) {
		return this.orders.findOrder(id)
			.switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no order " + id)));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Order place(@RequestBody NewOrder newOrder) {
		return this.orders.placeOrder(newOrder);
	}

	@ExceptionHandler
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String invalidOrder(IllegalArgumentException ex) {
		return ex.getMessage();
	}

}
