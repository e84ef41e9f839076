package io.threadstats.demo.orders;

/**
 * An order refused because the fulfilment queue is full: the demo's API answers
 * {@code 503} with {@code Retry-After}, and the load generator counts it as refused.
 */
public class QueueFullException extends RuntimeException {

	QueueFullException(int capacity) {
		super("the fulfilment queue is full (" + capacity + " orders waiting): try again once some are shipped");
	}

}
