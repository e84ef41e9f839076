/**
 * The demo's business: an in-memory order service with a queue of orders waiting to be
 * fulfilled, and its HTTP API under {@code /api/orders} that the load generator drives.
 */
package io.threadstats.demo.orders;
