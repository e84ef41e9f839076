package io.threadstats.demo.orders;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.threadstats.ThreadStats;
import io.threadstats.snapshot.CheckStatus;
import io.threadstats.snapshot.ServiceCheck;
import io.threadstats.submission.InMemorySubmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue's service check is OK while it is mostly empty, WARNING from a quarter full
 * and CRITICAL from three quarters, and says how full it is.
 */
class QueueCheckTests {

	private final InMemorySubmitter submitted = new InMemorySubmitter();

	private final ThreadStats threadStats = ThreadStats.builder()
		.autoFlush(false)
		.noHost()
		.submitter(this.submitted)
		.build();

	private final OrderService orders = new OrderService(Clock.systemUTC(), 8);

	private final QueueCheck check = new QueueCheck(this.orders, this.threadStats);

	@AfterEach
	void close() {
		this.threadStats.close();
	}

	@Test
	void statusFollowsHowFullTheQueueIs() {
		assertThat(reportWithPending(0).status()).isEqualTo(CheckStatus.OK);
		assertThat(reportWithPending(1).status()).isEqualTo(CheckStatus.OK);
		assertThat(reportWithPending(2).status()).isEqualTo(CheckStatus.WARNING);
		assertThat(reportWithPending(5).status()).isEqualTo(CheckStatus.WARNING);
		assertThat(reportWithPending(6).status()).isEqualTo(CheckStatus.CRITICAL);
		assertThat(reportWithPending(8).status()).isEqualTo(CheckStatus.CRITICAL);
	}

	@Test
	void checkIsNamedAndSaysHowFullTheQueueIs() {
		ServiceCheck reported = reportWithPending(3);
		assertThat(reported.check()).isEqualTo("demo.orders.queue");
		assertThat(reported.message()).isEqualTo("3 of 8 places taken");
	}

	private ServiceCheck reportWithPending(int pending) {
		this.orders.fulfilPending(Integer.MAX_VALUE);
		for (int i = 0; i < pending; i++) {
			this.orders.placeOrder(new NewOrder("ada", List.of("tea")));
		}
		this.check.report();
		this.threadStats.flush(Instant.now().plusSeconds(60));
		List<ServiceCheck> checks = this.submitted.allServiceChecks();
		return checks.get(checks.size() - 1);
	}

}
