package io.threadstats.demo.orders;

import java.util.List;

/**
 * The body of {@code POST /api/orders}.
 *
 * @param customer who places it (required)
 * @param items what is ordered (at least one)
 */
public record NewOrder(String customer, List<String> items) {
}
