package io.threadstats.demo.orders;

import io.threadstats.ThreadStats;
import io.threadstats.snapshot.CheckStatus;
import io.threadstats.snapshot.ServiceCheck;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reports the fulfilment queue's health as the Datadog service check {@value #CHECK}, the
 * way an Agent check would, every {@code demo.queue-check.interval} (10 s by default):
 * {@code OK} while less than a quarter of the queue is taken, {@code WARNING} from a
 * quarter, {@code CRITICAL} from three quarters (new orders are refused once it is full),
 * with a message saying how many orders wait.
 */
@Component
class QueueCheck {

	/** The service check's name. */
	static final String CHECK = "demo.orders.queue";

	private final OrderService orders;

	private final ThreadStats threadStats;

	QueueCheck(OrderService orders, ThreadStats threadStats) {
		this.orders = orders;
		this.threadStats = threadStats;
	}

	@Scheduled(fixedDelayString = "${demo.queue-check.interval:10s}")
	void report() {
		int pending = this.orders.pendingCount();
		int capacity = this.orders.capacity();
		this.threadStats.serviceCheck(ServiceCheck.builder(CHECK, status(pending, capacity))
			.message(pending + " of " + capacity + " places taken")
			.build());
	}

	static CheckStatus status(int pending, int capacity) {
		if (pending * 4 >= capacity * 3) {
			return CheckStatus.CRITICAL;
		}
		if (pending * 4 >= capacity) {
			return CheckStatus.WARNING;
		}
		return CheckStatus.OK;
	}

}
