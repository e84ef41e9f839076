package io.threadstats.annotation;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import io.threadstats.snapshot.FlushSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static io.threadstats.annotation.MeteringFixture.proxy;
import static io.threadstats.annotation.MeteringFixture.series;
import static io.threadstats.annotation.MeteringFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThreadStatsCountedAdvisorTests {

	/** The class tag as Datadog stores it: lower-cased, {@code $} replaced. */
	private static final String ORDERS = "class:io.threadstats.annotation.threadstatscountedadvisortests_orders";

	private final MeteringFixture fixture = new MeteringFixture();

	private final Orders orders = proxy(new Orders(), this.fixture.countedAdvisor());

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void successfulCallsAreCountedWithResultSuccessAndExceptionNone() {
		this.orders.place("book");
		this.orders.place("book");
		this.orders.place("book");

		assertThat(value(this.fixture.flush(), "orders.placed", ORDERS, "method:place", "result:success",
				"exception:none"))
			.isEqualTo(3);
	}

	@Test
	void failedCallsAreCountedWithResultFailureAndTheExceptionAndRethrownUntouched() {
		IllegalStateException thrown = new IllegalStateException("out of stock");

		assertThatThrownBy(() -> this.orders.place(thrown)).isSameAs(thrown);
		this.orders.place("book");

		FlushSnapshot snapshot = this.fixture.flush();
		assertThat(
				value(snapshot, "orders.placed", "method:place", "result:failure", "exception:illegalstateexception"))
			.isEqualTo(1);
		assertThat(value(snapshot, "orders.placed", "method:place", "result:success", "exception:none")).isEqualTo(1);
	}

	@Test
	void recordFailuresOnlyCountsNothingForSuccessfulCalls() {
		this.orders.cancel(false);
		this.orders.cancel(false);
		assertThatThrownBy(() -> this.orders.cancel(true)).isInstanceOf(IllegalArgumentException.class);

		FlushSnapshot snapshot = this.fixture.flush();
		assertThat(series(snapshot, "orders.cancel.failed")).singleElement()
			.satisfies((point) -> assertThat(point.tags()).contains("result:failure",
					"exception:illegalargumentexception"));
		assertThat(snapshot.series()).hasSize(1);
	}

	@Test
	void aCompletionStageIsCountedWhenItCompletesWithItsOutcome() {
		CompletableFuture<String> succeeding = new CompletableFuture<>();
		CompletableFuture<String> failing = new CompletableFuture<>();
		CompletableFuture<String> cancelled = new CompletableFuture<>();
		this.orders.ship(succeeding);
		this.orders.ship(failing);
		this.orders.ship(cancelled);

		assertThat(this.fixture.flush().isEmpty()).as("nothing counted before completion").isTrue();
		succeeding.complete("shipped");
		failing.completeExceptionally(new IOException("carrier down"));
		cancelled.cancel(false);

		FlushSnapshot snapshot = this.fixture.flush();
		assertThat(value(snapshot, "orders.shipped", "result:success", "exception:none")).isEqualTo(1);
		assertThat(value(snapshot, "orders.shipped", "result:failure", "exception:ioexception")).isEqualTo(1);
		assertThat(value(snapshot, "orders.shipped", "result:failure", "exception:cancellationexception")).isEqualTo(1);
	}

	@Test
	void monoAndFluxAreCountedPerSubscriptionWithTheirOutcome() {
		StepVerifier.create(this.orders.find(Mono.just("book"))).expectNext("book").verifyComplete();
		StepVerifier.create(this.orders.find(Mono.empty())).verifyComplete();
		StepVerifier.create(this.orders.list(Flux.error(new IOException("db")))).verifyError(IOException.class);
		StepVerifier.create(this.orders.list(Flux.never())).thenCancel().verify();

		FlushSnapshot snapshot = this.fixture.flush();
		assertThat(value(snapshot, Counted.DEFAULT_METRIC_NAME, "method:find", "result:success")).isEqualTo(2);
		assertThat(
				value(snapshot, Counted.DEFAULT_METRIC_NAME, "method:list", "result:failure", "exception:ioexception"))
			.isEqualTo(1);
		assertThat(value(snapshot, Counted.DEFAULT_METRIC_NAME, "method:list", "result:failure",
				"exception:cancellationexception"))
			.isEqualTo(1);
	}

	@Test
	void argumentTagsAndExtraTagsAreAdded() {
		this.orders.place("book");
		this.orders.place("book");
		this.orders.place("pen");

		FlushSnapshot snapshot = this.fixture.flush();
		assertThat(value(snapshot, "orders.placed", "item:book", "shop:web")).isEqualTo(2);
		assertThat(value(snapshot, "orders.placed", "item:pen", "shop:web")).isEqualTo(1);
	}

	@Counted(value = Counted.DEFAULT_METRIC_NAME)
	public static class Orders {

		@Counted(value = "orders.placed", extraTags = { "shop", "web" })
		public String place(@MetricTag("item") String item) {
			return item;
		}

		@Counted(value = "orders.placed", extraTags = { "shop", "web" })
		public String place(RuntimeException failure) {
			throw failure;
		}

		@Counted(value = "orders.cancel.failed", recordFailuresOnly = true)
		public void cancel(boolean fail) {
			if (fail) {
				throw new IllegalArgumentException("already shipped");
			}
		}

		@Counted("orders.shipped")
		public CompletableFuture<String> ship(CompletableFuture<String> shipment) {
			return shipment;
		}

		public Mono<String> find(Mono<String> result) {
			return result;
		}

		public Flux<String> list(Flux<String> result) {
			return result;
		}

	}

}
